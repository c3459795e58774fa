import type { Language } from './enums';
import { localOf } from './breach-clock';
import { translate } from '../i18n';

/**
 * The one way an incident's times are written, on screen and in its documents (issue 12): in the
 * incident's zone, in the reader's date format (the app's Intl "medium" style on screen, the
 * documents' long style), with the offset ("UTC+01:00"), and, for a time in the hour that occurs
 * twice when clocks go back, which of the two it is ("UTC+02:00, first").
 *
 * @example formatZonedTime('en', '2026-10-25T00:30:00Z', 'Europe/Paris') // "25 Oct 2026, 02:30 (UTC+02:00, first)"
 */
export type ZonedStyle = Readonly<{
  /** 'medium' on screen (like every date of the app), 'long' in documents ("28 octobre 2026 à 16:30"). */
  style?: 'medium' | 'long';
  /** Name the zone too: "(Europe/Paris, UTC+01:00)". */
  zoneName?: boolean;
}>;

const formats = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Language, zone: string, style: 'medium' | 'long'): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: style, timeStyle: 'short', timeZone: zone, hourCycle: 'h23' });
    formats.set(key, f);
  }
  return f;
}

/** The offset and fold of an instant in its zone: "UTC+01:00", "UTC+02:00, first". */
export function zoneSuffix(lang: Language, utc: string, zone: string, zoneName = false): string {
  const where = localOf(utc, zone);
  if (!where) return zone;
  const offset = `UTC${where.offset}`;
  const fold = where.fold ? `, ${translate(lang, `zonedTime.${where.fold}`)}` : '';
  return `${zoneName ? `${zone}, ` : ''}${offset}${fold}`;
}

/** An instant (ISO, UTC) as the reader reads it in the incident's zone; anything unreadable as it came. */
export function formatZonedTime(lang: Language, utc: string, zone: string, opts: ZonedStyle = {}): string {
  const date = new Date(utc);
  if (!utc || Number.isNaN(date.getTime())) return utc;
  const style = opts.style ?? 'medium';
  let f: Intl.DateTimeFormat;
  try {
    f = formatter(lang, zone, style);
  } catch {
    return utc;
  }
  const text = f
    .formatToParts(date)
    // French writes the first of the month "1er" in running text (the documents' dates do).
    .map((p) => (p.type === 'day' && lang === 'fr' && style === 'long' && Number(p.value) === 1 ? '1er' : p.value))
    .join('');
  return `${text} (${zoneSuffix(lang, utc, zone, opts.zoneName)})`;
}
