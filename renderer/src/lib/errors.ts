import i18next from 'i18next';
import { AppError } from '../../../shared/errors';
import { errorText } from './i18n';

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
      default:
        return err.message === 'network' ? i18next.t('errors.network') : i18next.t('errors.internal', { message: err.message });
    }
  }
  return i18next.t('errors.internal', { message: err instanceof Error ? err.message : String(err) });
}
