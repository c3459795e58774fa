import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/domain/validation';
import { createHash } from 'node:crypto';
import { checkZip } from '../export/zip-guard';
import { csvBlank, csvDialect, csvRows } from './csv';
import { odsAllRows, odsRows, odsSheets } from './ods';
import { xlsxBook, xlsxRows } from './xlsx';
import { readEntryText, zipEntries, type ZipEntry } from './zip';
import { ImportFileFailure, type Cell, type CellValue, type CsvDialect, type ImportFileError, type ImportResult, type ReadOptions, type Row, type SheetInfo, type Workbook, type WorkbookSource } from './types';

const MB = 1024 * 1024;
/** A register of thousands of records is a few MB; a workbook over this is not a register. */
export const MAX_FILE_BYTES = 50 * MB;
/** content.xml of a 50,000-row .ods with styles is about 60 MB; beyond this, a zip bomb. */
export const MAX_EXPANDED_BYTES = 300 * MB;

const FORMATS = ['ods', 'xlsx', 'csv'] as const;

type Sniffed = 'zip' | 'cfb' | 'pdf' | 'text' | 'binary';

function sniff(b: Uint8Array): Sniffed {
  const starts = (...sig: number[]) => sig.every((v, i) => b[i] === v);
  if (starts(0x50, 0x4b, 0x03, 0x04) || starts(0x50, 0x4b, 0x05, 0x06)) return 'zip';
  if (starts(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1)) return 'cfb';
  if (starts(0x25, 0x50, 0x44, 0x46)) return 'pdf';
  if (starts(0xff, 0xfe) || starts(0xfe, 0xff)) return 'text';
  // Text: no NUL byte and few control characters in the first 8 KB.
  const n = Math.min(b.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0) return 'binary';
    if (c < 0x09 || (c > 0x0d && c < 0x20)) control++;
  }
  return control > n / 100 ? 'binary' : 'text';
}

/** Whether a compound file (OLE2) holds an encrypted OOXML package ("EncryptedPackage" stream). */
function cfbEncrypted(b: Uint8Array): boolean {
  const name = 'EncryptedPackage';
  const needle = new Uint8Array(name.length * 2);
  for (let i = 0; i < name.length; i++) needle[i * 2] = name.charCodeAt(i);
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).indexOf(needle) >= 0;
}

/** What a zip holds: an .ods, .xlsx, another OpenDocument or Office file, or a plain zip. */
function zipKind(buf: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): string {
  const mimetype = entries.get('mimetype');
  if (mimetype) {
    const m = readEntryText(buf, mimetype).trim();
    if (m === 'application/vnd.oasis.opendocument.spreadsheet') return 'ods';
    const od = /opendocument\.(\w+)/.exec(m);
    if (od) return { text: 'odt', presentation: 'odp', graphics: 'odg' }[od[1]!] ?? 'zip';
  }
  if (entries.has('xl/workbook.xml')) return 'xlsx';
  if (entries.has('word/document.xml')) return 'docx';
  if (entries.has('ppt/presentation.xml')) return 'pptx';
  if (entries.has('content.xml') && entries.has('META-INF/manifest.xml')) return 'ods';
  return 'zip';
}

/** The name the refusal shows for what a file really is. */
const shown = (kind: string) => kind.toUpperCase();

const fail = (key: ImportFileError['key'], params?: ImportFileError['params']): ImportResult<never> => ({ ok: false, error: params ? { key, params } : { key } });

/**
 * Opens a spreadsheet (.ods, .xlsx, .csv, chosen by the extension and checked against the bytes)
 * for streaming its rows. Refuses an empty file, one that is not what its extension claims, a
 * password-protected workbook, a zip that would expand beyond the limit (before expanding it).
 */
export async function openWorkbook(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ImportResult<WorkbookSource>> {
  const maxBytes = opts.maxBytes ?? MAX_FILE_BYTES;
  const maxUncompressed = opts.maxUncompressed ?? MAX_EXPANDED_BYTES;
  const ext = /\.([^.]+)$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (!(FORMATS as ReadonlyArray<string>).includes(ext)) return fail('importUnsupported', { ext: ext || '?' });
  if (bytes.length === 0) return fail('importEmpty');
  if (bytes.length > maxBytes) return fail('importFileTooBig', { max: Math.round(maxBytes / MB) });
  const sniffed = sniff(bytes);
  if (sniffed === 'cfb') return cfbEncrypted(bytes) ? fail('importEncrypted') : fail('importWrongType', { ext, actual: 'XLS' });
  if (sniffed === 'binary') return fail('importNotSpreadsheet', { ext });
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const base = { fileName, sha256, byteLength: bytes.length };

  if (ext === 'csv') {
    if (sniffed !== 'text') return fail('importWrongType', { ext, actual: shown(sniffed === 'zip' ? zipKindOf(bytes) : sniffed) });
    const dialect = csvDialect(bytes);
    if (csvBlank(bytes, dialect.start)) return fail('importEmpty');
    const csv: CsvDialect = { encoding: dialect.encoding, delimiter: dialect.delimiter };
    const name = fileName.replace(/^.*[\\/]/, '').replace(/\.csv$/i, '');
    return {
      ok: true,
      value: { format: 'csv', ...base, csv, sheets: [{ index: 0, name, hidden: false }], rows: (sheet, o) => guard(sheet, [0, name], () => csvRows(bytes, dialect, o?.limit)) },
    };
  }

  if (sniffed !== 'zip') return fail('importWrongType', { ext, actual: shown(sniffed === 'text' ? 'csv' : sniffed) });
  const verdict = checkZip(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), maxUncompressed);
  if (verdict === 'tooLarge') return fail('importTooLarge', { max: Math.round(maxUncompressed / MB) });
  const entries = verdict === 'ok' ? zipEntries(bytes) : null;
  if (!entries) {
    // A zip whose entries are encrypted (traditional zip encryption) does not inflate.
    const listed = zipEntries(bytes);
    if (listed && [...listed.values()].some((e) => e.encrypted)) return fail('importEncrypted');
    return fail('importUnreadable');
  }
  if ([...entries.values()].some((e) => e.encrypted)) return fail('importEncrypted');
  let kind: string;
  try {
    kind = zipKind(bytes, entries);
  } catch {
    return fail('importUnreadable');
  }
  if (kind !== ext) return fail('importWrongType', { ext, actual: shown(kind) });

  try {
    if (ext === 'ods') {
      const manifest = entries.get('META-INF/manifest.xml');
      if (manifest && /encryption-data/.test(readEntryText(bytes, manifest))) return fail('importEncrypted');
      const content = entries.get('content.xml');
      if (!content) return fail('importUnreadable');
      const sheets = odsSheets(bytes, content);
      if (sheets.length === 0) return fail('importUnreadable');
      return { ok: true, value: { format: 'ods', ...base, sheets, rows: (sheet, o) => guard(sheet, sheets, (i) => odsRows(bytes, content, i, o?.limit)), allRows: () => odsAllRows(bytes, content) } };
    }
    const book = xlsxBook(bytes, entries);
    if (book.sheets.length === 0) return fail('importUnreadable');
    const sheets = book.sheets.map(({ index, name, hidden }) => ({ index, name, hidden }));
    return { ok: true, value: { format: 'xlsx', ...base, sheets, rows: (sheet, o) => guard(sheet, sheets, (i) => xlsxRows(bytes, entries, book, i, o?.limit)) } };
  } catch {
    return fail('importUnreadable');
  }
}

function zipKindOf(bytes: Uint8Array): string {
  try {
    const entries = zipEntries(bytes);
    return entries ? zipKind(bytes, entries) : 'zip';
  } catch {
    return 'zip';
  }
}

/** The sheet asked for by index or name; an unknown one reads as no rows. */
function guard(sheet: number | string, sheets: ReadonlyArray<SheetInfo> | [number, string], read: (index: number) => AsyncIterable<Row>): AsyncIterable<Row> {
  const list: ReadonlyArray<SheetInfo> = typeof sheets[0] === 'number' ? [{ index: 0, name: sheets[1] as string, hidden: false }] : (sheets as ReadonlyArray<SheetInfo>);
  const found = typeof sheet === 'number' ? list[sheet] : list.find((s) => s.name === sheet);
  if (!found) return (async function* () {})();
  return read(found.index);
}

/**
 * Reads every row of every sheet into memory (small files: the CNIL model, tests). A workbook
 * without a single non-empty cell is refused as empty.
 */
export async function readWorkbook(bytes: Uint8Array, fileName: string, opts: ReadOptions = {}): Promise<ImportResult<Workbook>> {
  const opened = await openWorkbook(bytes, fileName, opts);
  if (!opened.ok) return opened;
  const src = opened.value;
  const sheets = [];
  try {
    if (src.allRows) {
      const bySheet = src.sheets.map(() => [] as Row[]);
      for await (const { sheet, row } of src.allRows()) bySheet[sheet]?.push(row);
      src.sheets.forEach((s, i) => sheets.push({ ...s, rows: bySheet[i]! }));
    } else {
      for (const s of src.sheets) {
        const rows: Row[] = [];
        for await (const r of src.rows(s.index)) rows.push(r);
        sheets.push({ ...s, rows });
      }
    }
  } catch (e) {
    if (e instanceof ImportFileFailure) return { ok: false, error: e.error };
    return fail('importUnreadable');
  }
  if (sheets.every((s) => s.rows.length === 0)) return fail('importEmpty');
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
