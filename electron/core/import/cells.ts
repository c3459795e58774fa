import { foldName } from '../../../shared/domain/record-transfers';
import { serialToIso } from './xlsx';
import { cellAddress, valueText } from './read';
import type { Cell, ImportNote } from './types';

/**
 * What one cell gives an import, the same for the CNIL model and for any register spreadsheet:
 * its text (null for nothing), and the notes the report shows about it: a formula's cached value
 * taken, an error value (#N/A…) or a formula without a value (nothing taken: never stored as
 * text). "Non concerné", "N/A", "—", "Sans objet", "Néant" and blanks mean nothing to record.
 */

const NOTHING = new Set(['', 'nonconcerne', 'nonconcernee', 'nonconcernes', 'na', 'nc', 'nd', 'sansobjet', 'neant', 'aucun', 'aucune', 'nonapplicable', 'notapplicable', 'none', 'nil']);

/** Whether a text means "nothing to record". */
export function meansNothing(text: string): boolean {
  return NOTHING.has(foldName(text)) || /^[\s\-–—_./]*$/.test(text);
}

/** The CNIL template's drop-down prompt ("Sélectionnez un élément dans cette liste déroulante ►"). */
export function isPrompt(text: string): boolean {
  return foldName(text).startsWith('selectionnezunelement');
}

export type Where = Readonly<{ sheet: string; row: number; record?: string }>;

const noteAt = (where: Where, col: number, key: ImportNote['key'], params: ImportNote['params'], severity: ImportNote['severity']): ImportNote => ({
  sheet: where.sheet,
  cell: cellAddress(where.row, col),
  severity,
  key,
  params,
  ...(where.record ? { record: where.record } : {}),
});

/** The cell's text, trimmed (null for nothing, an error, a formula without a value), with its notes. */
export function cellValue(cell: Cell | undefined, where: Where): { text: string | null; notes: ImportNote[] } {
  if (!cell) return { text: null, notes: [] };
  if (cell.value.kind === 'error') return { text: null, notes: [noteAt(where, cell.col, 'errorValue', { error: cell.value.error }, 'warning')] };
  if (cell.value.kind === 'noCachedValue') return { text: null, notes: [noteAt(where, cell.col, 'noCachedValue', {}, 'warning')] };
  const text = valueText(cell.value).trim();
  if (meansNothing(text) || isPrompt(text)) return { text: null, notes: [] };
  return { text, notes: cell.formula ? [noteAt(where, cell.col, 'formulaCached', { value: text }, 'info')] : [] };
}

function isoFromParts(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

/** A text date: 2018-05-26, 26/05/2018 (day first, as in French), 05/26/2018 when the day can only be second. */
export function parseDateText(text: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(text.trim());
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text.trim());
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  return b > 12 && a <= 12 ? isoFromParts(Number(m[3]), a, b) : isoFromParts(Number(m[3]), b, a);
}

/**
 * The cell as a date 'YYYY-MM-DD': a date cell, a serial day number (a date cell whose style was
 * lost), or a text date. '' for nothing; an unreadable value is reported (`unreadable`, with
 * the field's name) and gives ''.
 */
export function cellDate(cell: Cell | undefined, where: Where, field: string): { date: string; notes: ImportNote[] } {
  if (!cell) return { date: '', notes: [] };
  if (cell.value.kind === 'date') return { date: cell.value.date.slice(0, 10), notes: cell.formula ? [noteAt(where, cell.col, 'formulaCached', { value: cell.value.date }, 'info')] : [] };
  if (cell.value.kind === 'number' && cell.value.number > 10_000 && cell.value.number < 100_000) return { date: serialToIso(Math.floor(cell.value.number), false).slice(0, 10), notes: [] };
  const { text, notes } = cellValue(cell, where);
  if (text === null) return { date: '', notes };
  const iso = parseDateText(text);
  if (iso) return { date: iso, notes };
  return { date: '', notes: [...notes, noteAt(where, cell.col, 'unreadable', { field, value: text }, 'warning')] };
}
