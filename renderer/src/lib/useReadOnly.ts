import { useTranslation } from 'react-i18next';
import { useApp } from '../store/app';

/**
 * Why nothing can be saved now (a read-only file or folder, a damaged register), in the user's
 * language, or null when saving is possible. The one app-wide read-only state, from app:info:
 * every save button is disabled with this text as its reason.
 */
export function useReadOnlyReason(): string | null {
  const { t } = useTranslation();
  const readOnly = useApp((s) => s.info?.readOnly ?? null);
  return readOnly ? t(`readOnly.why.${readOnly}`) : null;
}
