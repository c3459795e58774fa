import { z } from 'zod';

/**
 * Validation messages are i18n keys (shared/i18n, section "errors"), optionally followed by
 * "|" and JSON parameters, so one schema serves the UI, the main-side boundary and the CLI,
 * and the message is translated where it is shown.
 */
export function msg(key: string, params?: Readonly<Record<string, string | number>>): string {
  return params ? `${key}|${JSON.stringify(params)}` : key;
}

export function parseMsg(message: string): { key: string; params: Record<string, string | number> } {
  const bar = message.indexOf('|');
  if (bar < 0) return { key: message, params: {} };
  try {
    return { key: message.slice(0, bar), params: JSON.parse(message.slice(bar + 1)) };
  } catch {
    return { key: message.slice(0, bar), params: {} };
  }
}

/** Free text, possibly empty, trimmed at the ends only for short fields. */
export const text = (max: number) =>
  z.string({ error: msg('invalid') }).max(max, { error: msg('tooLong', { max }) });

export const requiredText = (max: number) =>
  z
    .string({ error: msg('required') })
    .trim()
    .min(1, { error: msg('required') })
    .max(max, { error: msg('tooLong', { max }) });

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD (rejects 2026-02-30). */
export function isIsoDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1900 || y > 2200) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A date field: empty, or a real YYYY-MM-DD date. */
export const optionalDate = z
  .string({ error: msg('date') })
  .refine((v) => v === '' || isIsoDate(v), { error: msg('date') });

/** A code from a reference list (checked against the list by the service, not here). */
export const code = z
  .string({ error: msg('invalid') })
  .max(64, { error: msg('tooLong', { max: 64 }) })
  .regex(/^[A-Za-z0-9_.-]*$/, { error: msg('invalid') });

export const requiredCode = code.min(1, { error: msg('required') });

/** Today's date as YYYY-MM-DD in local time. */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}
