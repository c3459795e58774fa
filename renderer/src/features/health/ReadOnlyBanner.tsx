import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';

/** The app-wide notice of a register that cannot be written, and of one also open in another window. */
export function ReadOnlyBanner() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const language = useApp((s) => s.language);
  const setBrowseDamaged = useApp((s) => s.setBrowseDamaged);
  if (!info) return null;
  return (
    <>
      {info.readOnly ? (
        <div className={info.readOnly === 'damaged' ? 'notice notice-bad app-banner' : 'notice notice-warn app-banner'} role="status" data-testid="read-only-banner">
          <span>{t(`readOnly.banner.${info.readOnly}`)}</span>
          {info.problem ? (
            <button type="button" className="button small" onClick={() => setBrowseDamaged(false)}>
              {t('health.showProblem')}
            </button>
          ) : null}
        </div>
      ) : null}
      {info.openElsewhere.map((m) => (
        <div key={`${m.host}-${m.pid}`} className="notice notice-info app-banner" role="status" data-testid="open-elsewhere">
          {t('readOnly.openElsewhere', { app: t(`readOnly.app.${m.app}`), pid: m.pid, since: formatDateTime(m.startedAt, language) })}
        </div>
      ))}
    </>
  );
}
