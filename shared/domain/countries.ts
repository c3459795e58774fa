/**
 * Country names from ISO 3166 codes in the reader's language, by Intl.DisplayNames (the CLDR
 * data of Node and Chromium): no table of names to keep in step.
 */
const displays = new Map<string, Intl.DisplayNames>();

export function countryName(lang: string, code: string): string {
  let names = displays.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'region' });
    displays.set(lang, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}
