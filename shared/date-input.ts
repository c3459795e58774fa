import { DateTime } from 'luxon';
import type { Language } from './domain/enums';

/**
 * Dates typed in a form (issue 16: "the same date format on every screen"): shown and read in the
 * app language's own format, whatever the browser's locale (a native date input follows the
 * browser: mm/dd/yyyy in a US-English browser). The app writes dates day first in both languages
 * (French fr-FR, English en-GB: "24 nov. 2026", "24 Nov 2026"), so a field reads and shows
 * dd/mm/yyyy (and hh:mm, 24-hour); the value kept in the form and stored stays ISO
 * (YYYY-MM-DD, or YYYY-MM-DDTHH:mm for a local time). luxon parses, so that 31/02/2026 is refused
 * rather than rolled over to March.
 */

/** What the field shows as its placeholder: the format in the user's words. */
export function dateInputPlaceholder(lang: Language, withTime: boolean): string {
  const day = lang === 'fr' ? 'jj/mm/aaaa' : 'dd/mm/yyyy';
  return withTime ? `${day} hh:mm` : day;
}

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_LOCAL = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2}(\.\d+)?)?$/;

/** An ISO value as the field shows it ("2026-11-24" → "24/11/2026", "2026-11-24T09:05" → "24/11/2026 09:05"); anything else unchanged. */
export function formatDateInput(value: string, withTime: boolean): string {
  if (!value) return '';
  if (!withTime && ISO_DAY.test(value)) {
    const d = DateTime.fromISO(value, { zone: 'utc' });
    return d.isValid ? d.toFormat('dd/MM/yyyy') : value;
  }
  const m = withTime ? ISO_LOCAL.exec(value) : null;
  if (m) {
    const d = DateTime.fromISO(`${m[1]}T${m[2]}`, { zone: 'utc' });
    return d.isValid ? d.toFormat('dd/MM/yyyy HH:mm') : value;
  }
  return value;
}

export type ParsedDateInput = { ok: true; value: string } | { ok: false };

/**
 * What the user typed, as the ISO value to keep: '' for an empty field; day first with "/", "."
 * or "-" between the parts and a 4-digit year ("24/11/2026", "1.2.2026"), and for a time "hh:mm"
 * or the French "14h30" after a space. An ISO date typed or pasted (2026-11-24, 2026-11-24T09:05
 * or with a space) is read as well: it cannot be mistaken for a day-first date.
 */
export function parseDateInput(text: string, withTime: boolean): ParsedDateInput {
  const s = text.trim().replace(/\s+/g, ' ');
  if (s === '') return { ok: true, value: '' };
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2})[:h](\d{2}))?$/.exec(s);
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,? (\d{1,2})[:h](\d{2}))?$/.exec(s);
  const parts = iso ? { y: iso[1], mo: iso[2], d: iso[3], h: iso[4], mi: iso[5] } : dmy ? { y: dmy[3], mo: dmy[2], d: dmy[1], h: dmy[4], mi: dmy[5] } : null;
  if (!parts) return { ok: false };
  const hasTime = parts.h !== undefined;
  if (hasTime !== withTime) return { ok: false };
  const d = DateTime.fromObject(
    { year: Number(parts.y), month: Number(parts.mo), day: Number(parts.d), ...(hasTime ? { hour: Number(parts.h), minute: Number(parts.mi) } : {}) },
    { zone: 'utc' },
  );
  if (!d.isValid) return { ok: false };
  return { ok: true, value: withTime ? d.toFormat("yyyy-MM-dd'T'HH:mm") : d.toFormat('yyyy-MM-dd') };
}
