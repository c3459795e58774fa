import i18next from 'i18next';
import { AppError } from '../../../shared/errors';
import { errorText } from './i18n';
import { useApp } from '../store/app';

/** A one-line message for a failed call, in the user's language; never a stack trace. */
export function describeError(err: unknown): string {
  if (err instanceof AppError) {
    switch (err.code) {
      case 'validation':
        // A refused file (an upload, an import) is not a field to fix: its message alone says what is wrong.
        if (err.data.code === 'validation' && err.data.issues.length > 0 && err.data.issues.every((i) => i.path === 'file')) {
          return err.data.issues.map((i) => errorText(i.message)).join(' ');
        }
        return err.data.code === 'validation' && err.data.issues.length
          ? `${i18next.t('errors.fixBeforeSave')} ${err.data.issues.map((i) => errorText(i.message)).filter((v, i, a) => a.indexOf(v) === i).join(' ')}`
          : i18next.t('errors.fixBeforeSave');
      case 'conflict':
        return i18next.t('errors.conflict');
      case 'not_found':
        return i18next.t('errors.notFound');
      case 'read_only': {
        // The banner's reason when the app knows it (file, folder), the general sentence otherwise.
        const reason = useApp.getState().info?.readOnly;
        return i18next.t(reason === 'file' ? 'errors.file.readOnlyFile' : reason === 'folder' ? 'errors.file.readOnlyFolder' : 'errors.file.read_only');
      }
      case 'disk_full':
      case 'busy':
      case 'damaged':
      case 'file_missing':
      case 'newer_version':
        return i18next.t(`errors.file.${err.code}`);
      default:
        return err.message === 'network' ? i18next.t('errors.network') : i18next.t('errors.internal', { message: err.message });
    }
  }
  return i18next.t('errors.internal', { message: err instanceof Error ? err.message : String(err) });
}
