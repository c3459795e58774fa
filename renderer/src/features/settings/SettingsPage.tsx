import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/contract';
import { LANGUAGES } from '../../../../shared/domain/enums';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { describeError } from '../../lib/errors';
import { Section, formatDateTime } from '../../components/ui';
import { useApp } from '../../store/app';
import { useRegister } from '../../store/register';
import { BreachSettingsSection, ChecklistTemplateSection } from './BreachSettings';
import { RegisterSettingsSection } from './RegisterSettings';
import { AuditSettingsSection } from './AuditSettings';

export function SettingsPage() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info)!;
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const reloadInfo = useApp((s) => s.reloadInfo);
  const reloadLists = useApp((s) => s.reloadLists);
  const toast = useApp((s) => s.toast);
  const reloadRegister = useRegister((s) => s.load);
  const [backups, setBackups] = useState<ReadonlyArray<BackupInfo>>([]);
  const { busy, run } = useBusy();
  const load = useCallback(() => call('backup:list', {}).then(setBackups), []);
  useEffect(() => {
    load().catch((e) => toast(describeError(e), 'error'));
  }, [load, toast]);

  const backupNow = () =>
    run(async () => {
      const b = await call('backup:create', {});
      toast(t('settings.backupDone', { file: b.file }));
      await load();
    });
  const restore = (file: string) =>
    run(async () => {
      if (!window.confirm(t('settings.confirmRestore', { file }))) return;
      await call('backup:restore', { file });
      await Promise.all([reloadInfo(), reloadLists(), reloadRegister('controller'), reloadRegister('processor'), load()]);
      toast(t('settings.restored', { file }));
    });

  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('settings.title')}</h1>
      </header>
      <Section title={t('settings.language')}>
        <div className="chips" role="radiogroup" aria-label={t('settings.language')}>
          {LANGUAGES.map((l) => (
            <label key={l} className={l === language ? 'chip chip-on' : 'chip'}>
              <input type="radio" name="language" value={l} checked={l === language} onChange={() => void setLanguage(l)} />
              {t(`enums.language.${l}`)}
            </label>
          ))}
        </div>
      </Section>
      <Section title={t('settings.data')}>
        <dl className="facts">
          <dt>{t('settings.dbPath')}</dt>
          <dd>
            <code data-testid="db-path">{info.dbPath}</code>
          </dd>
          <dt>{t('settings.backupDir')}</dt>
          <dd>
            <code>{info.backupDir}</code>
          </dd>
          <dt>{t('settings.schema')}</dt>
          <dd>{info.schemaVersion}</dd>
          <dt>{t('settings.appVersion')}</dt>
          <dd>{info.appVersion}</dd>
          <dt>{t('settings.user')}</dt>
          <dd>{info.actor}</dd>
        </dl>
      </Section>
      <Section
        title={t('settings.backups')}
        actions={
          <button type="button" className="button primary" disabled={busy} onClick={() => void backupNow()}>
            {t('settings.backupNow')}
          </button>
        }
      >
        {backups.length === 0 ? (
          <p className="muted">{t('settings.noBackups')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('settings.file')}</th>
                <th>{t('settings.date')}</th>
                <th>{t('settings.size')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.file}>
                  <td>
                    <code>{b.file}</code>
                  </td>
                  <td>{formatDateTime(b.createdAt, language)}</td>
                  <td>{t('common.kb', { n: Math.ceil(b.size / 1024) })}</td>
                  <td className="row-actions">
                    <button type="button" className="button small" disabled={busy} onClick={() => void restore(b.file)}>
                      {t('settings.restore')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
      <RegisterSettingsSection />
      <BreachSettingsSection />
      <ChecklistTemplateSection role="controller" />
      <ChecklistTemplateSection role="processor" />
      <AuditSettingsSection />
    </div>
  );
}
