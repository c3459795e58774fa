import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { MESSAGES } from '../../../shared/i18n';
import { parseMsg } from '../../../shared/domain/validation';
import type { Language } from '../../../shared/domain/enums';
import { uiEn } from '../i18n/en';
import { uiFr } from '../i18n/fr';

/**
 * i18next (with react-i18next) rather than a hand-written lookup: interpolation, plural-safe
 * counts and re-rendering every component on a language switch come with it.
 */
void i18next.use(initReactI18next).init({
  resources: {
    fr: { translation: { ...MESSAGES.fr, ...uiFr } },
    en: { translation: { ...MESSAGES.en, ...uiEn } },
  },
  lng: 'fr',
  fallbackLng: 'fr',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});

export function setLanguage(lang: Language): void {
  void i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
}

/** A validation message from the schemas ("tooLong|{\"max\":200}") in the current language. */
export function errorText(message: string | undefined): string {
  if (!message) return '';
  const { key, params } = parseMsg(message);
  const k = `errors.${key}`;
  return i18next.exists(k) ? i18next.t(k, params) : i18next.t('errors.invalid');
}

export default i18next;
