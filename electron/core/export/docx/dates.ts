import { DateTime } from 'luxon';
import type { Language } from '../../../../shared/domain/enums';

/**
 * The one way the documents write a date: "1er décembre 2026", "24 novembre 2026",
 * "1 December 2026". A date alone (YYYY-MM-DD) is that day; an instant is read in UTC unless a
 * zone is given. Anything unreadable is written as it came.
 */
export function docDate(lang: Language, iso: string, zone = 'utc'): string {
  if (!iso) return '';
  // Remembered: a register of 20,000 records writes the same few hundred days tens of thousands
  // of times, and luxon makes a formatter each time (a sixth of the export's time, profiled).
  const key = `${lang}|${zone}|${iso}`;
  const known = written.get(key);
  if (known !== undefined) return known;
  if (written.size > 50_000) written.clear();
  const text = formatDate(lang, iso, zone);
  written.set(key, text);
  return text;
}

const written = new Map<string, string>();

function formatDate(lang: Language, iso: string, zone: string): string {
  const d = iso.length === 10 ? DateTime.fromISO(iso, { zone: 'utc' }) : DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  if (!d.isValid) return iso;
  if (lang === 'fr') return `${d.day === 1 ? '1er' : d.day} ${d.setLocale('fr-FR').toFormat('LLLL')} ${d.year}`;
  return d.setLocale('en-GB').toFormat('d LLLL yyyy');
}

/** "1er mars 2026 à 09:05", "1 March 2026 at 09:05": an instant in a zone, with the same day as docDate. */
export function docDateTime(lang: Language, dt: DateTime): string {
  const day = docDate(lang, dt.toISODate() ?? '');
  return `${day} ${lang === 'fr' ? 'à' : 'at'} ${dt.toFormat('HH:mm')}`;
}
