import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApp } from '../../store/app';
import { describeError } from '../../lib/errors';

export function SetupScreen() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info)!;
  const setup = useApp((s) => s.setup);
  const language = useApp((s) => s.language);
  const setLanguage = useApp((s) => s.setLanguage);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const choose = async (mode: 'empty' | 'demo') => {
    setBusy(true);
    try {
      await setup(mode);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <div className="setup">
      <div className="setup-card">
        <div className="setup-lang">
          {(['fr', 'en'] as const).map((l) => (
            <button key={l} type="button" className={l === language ? 'chip chip-on' : 'chip'} onClick={() => void setLanguage(l)}>
              {t(`enums.language.${l}`)}
            </button>
          ))}
        </div>
        <h1>{t('setup.title')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        <p>
          {t('setup.intro')} <code>{info.dbPath}</code>
        </p>
        <div className="setup-choices">
          <button type="button" className="choice" disabled={busy} onClick={() => void choose('empty')}>
            <strong>{t('setup.empty')}</strong>
            <span>{t('setup.emptyHelp')}</span>
          </button>
          <button type="button" className="choice choice-primary" disabled={busy} onClick={() => void choose('demo')}>
            <strong>{t('setup.demo')}</strong>
            <span>{t('setup.demoHelp')}</span>
          </button>
        </div>
        {error ? <p className="error" role="alert">{error}</p> : null}
      </div>
    </div>
  );
}
