import { useTranslation } from 'react-i18next';
import { LANGUAGES, type Language } from '../../../shared/domain/enums';

/** The language a generated document is written in (the UI's by default, either on demand). */
export function DocLanguageSelect({ value, onChange }: { value: Language; onChange: (lang: Language) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('exports.language')}{' '}
      <select className="narrow" value={value} onChange={(e) => onChange(e.target.value as Language)}>
        {LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {t(`enums.language.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
