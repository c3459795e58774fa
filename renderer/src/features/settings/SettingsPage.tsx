import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../../../shared/domain/enums';
import { Section } from '../../components/ui';
import { useApp } from '../../store/app';
import { BreachSettingsSection, ChecklistTemplateSection } from './BreachSettings';
import { RegisterSettingsSection } from './RegisterSettings';
import { AuditSettingsSection } from './AuditSettings';
import { BackupScheduleSection, BackupsSection } from './BackupSettings';
import { HealthSettingsSection } from './HealthSettings';

export function SettingsPage() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info)!;
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
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
      <BackupsSection />
      <BackupScheduleSection />
      <HealthSettingsSection />
      <RegisterSettingsSection />
      <BreachSettingsSection />
      <ChecklistTemplateSection role="controller" />
      <ChecklistTemplateSection role="processor" />
      <AuditSettingsSection />
    </div>
  );
}
