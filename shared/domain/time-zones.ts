/**
 * The zones an incident can be recorded in. Node 22 and Chromium 156 list their zones from
 * CLDR (Intl.supportedValuesOf('timeZone'), 418 names): CLDR keeps the names it first knew
 * ("Asia/Calcutta", "Europe/Kiev") where the IANA database renamed them, and leaves UTC out.
 * The list offers the current IANA names and UTC; an incident stored with an older name keeps
 * it (isValidZone accepts both).
 */

/** CLDR name → current IANA name, for the names both runtimes list under their old spelling (IANA tzdata "backward" file). */
export const RENAMED_ZONES: Readonly<Record<string, string>> = {
  'Africa/Asmera': 'Africa/Asmara',
  'America/Buenos_Aires': 'America/Argentina/Buenos_Aires',
  'America/Catamarca': 'America/Argentina/Catamarca',
  'America/Coral_Harbour': 'America/Atikokan',
  'America/Cordoba': 'America/Argentina/Cordoba',
  'America/Godthab': 'America/Nuuk',
  'America/Indianapolis': 'America/Indiana/Indianapolis',
  'America/Jujuy': 'America/Argentina/Jujuy',
  'America/Louisville': 'America/Kentucky/Louisville',
  'America/Mendoza': 'America/Argentina/Mendoza',
  'Asia/Calcutta': 'Asia/Kolkata',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Europe/Kiev': 'Europe/Kyiv',
  'Pacific/Enderbury': 'Pacific/Kanton',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
};

/** The current name of a zone ("Asia/Calcutta" → "Asia/Kolkata"); any other name as it is. */
export function currentZoneName(zone: string): string {
  return RENAMED_ZONES[zone] ?? zone;
}

/**
 * The zones to choose from: the runtime's list under current names, UTC first, sorted, without
 * duplicates; `keep` (the incident's zone, even an old name) is kept so that the form shows it.
 */
export function zoneChoices(supported: ReadonlyArray<string>, keep = ''): string[] {
  const names = new Set(supported.map(currentZoneName));
  names.delete('UTC');
  const sorted = [...names].sort();
  const out = ['UTC', ...sorted];
  return keep && !out.includes(keep) ? [keep, ...out] : out;
}
