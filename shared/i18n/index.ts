import { en } from './en';
import { fr, type Messages } from './fr';
import type { Language } from '../domain/enums';

export const MESSAGES: Readonly<Record<Language, Messages>> = { fr, en };
export type { Messages };

/** Looks up a dotted key ("enums.status.draft") and fills {{params}}; returns the key if absent. */
export function translate(lang: Language, key: string, params: Readonly<Record<string, string | number>> = {}): string {
  let node: unknown = MESSAGES[lang];
  for (const part of key.split('.')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}

/** French when the system language is French, English otherwise (the UI exists in both only). */
export function languageFromLocale(locale: string | undefined): Language {
  return locale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}
