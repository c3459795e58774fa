import type { Language } from '../../../../shared/domain/enums';

/**
 * A workbook as the register exports write it, before any file format: sheets of rows of cells
 * with a few styles. The .xlsx writer (exceljs) and the .ods writer (our own XML, zipped with
 * fflate) both write this one structure, so the two files cannot say different things.
 */

/** A day (YYYY-MM-DD), written as a date cell in the language's format. */
export type DayValue = Readonly<{ day: string }>;
export type CellValue = string | number | DayValue | null;

/**
 * header: bold, shaded, wrapped (column titles); title: bold, larger; section: bold, shaded
 * (a CNIL block title); label: bold (the CNIL labels in column A); note: italic.
 */
export type CellStyle = 'header' | 'title' | 'section' | 'label' | 'note';

export type Cell = Readonly<{ v: CellValue; style?: CellStyle; /** Columns merged to the right, this one included. */ span?: number }>;
export type Row = ReadonlyArray<Cell | CellValue>;

export type Sheet = {
  name: string;
  /** Column widths, in characters. */
  widths: ReadonlyArray<number>;
  /**
   * The rows, read once, in order, when the writer reaches the sheet: an array, or rows made on
   * demand (lazyRows) so that a workbook of 5,000 record sheets never holds them all at once.
   */
  rows: Iterable<Row>;
  /** Rows kept in view when scrolling (the header). */
  frozenRows?: number;
  /** A sheet the reader does not see (the layout marker). */
  hidden?: boolean;
  /** How it prints: A4, landscape or portrait, scaled to one page wide or not. */
  print?: PrintSetup;
  /** Asked when the writer reaches the sheet, the sheets before it written: false leaves it out (the long-texts sheet when no text was long). */
  written?: () => boolean;
};

/** Rows made only when a writer reads them (and again at each reading). */
export function lazyRows(make: () => Iterable<Row>): Iterable<Row> {
  return { [Symbol.iterator]: () => make()[Symbol.iterator]() };
}

export type PrintSetup = Readonly<{ landscape: boolean; fitWidth: boolean }>;
export const PRINT_SETUPS: ReadonlyArray<PrintSetup> = [
  { landscape: false, fitWidth: false },
  { landscape: true, fitWidth: false },
  { landscape: false, fitWidth: true },
  { landscape: true, fitWidth: true },
];

export type Workbook = Readonly<{ language: Language; title: string; sheets: ReadonlyArray<Sheet>; /** ISO instant (the core's clock). */ createdAt: string }>;

export const isDay = (v: CellValue): v is DayValue => typeof v === 'object' && v !== null && 'day' in v;

export function cellOf(c: Cell | CellValue): Cell {
  return c !== null && typeof c === 'object' && 'v' in c ? c : { v: c as CellValue };
}

/** A day cell, or an empty one when there is no date. */
export const day = (iso: string): CellValue => (iso && /^\d{4}-\d{2}-\d{2}/.test(iso) ? { day: iso.slice(0, 10) } : null);

/** The column letters of a 1-based column number (1 → A, 28 → AB). */
export function columnLetters(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Characters a sheet name may not hold (Excel and LibreOffice), and its length limit. */
const BAD_NAME = /[[\]:*?/\\']/g;
const NAME_MAX = 31;

/** A valid sheet name, unique among `taken` (which it joins): "RT-001", then "RT-001 (2)". */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  const base = wanted.replace(BAD_NAME, '-').replace(/\s+/g, ' ').trim().slice(0, NAME_MAX) || 'Sheet';
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) {
    const suffix = ` (${i})`;
    name = base.slice(0, NAME_MAX - suffix.length) + suffix;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Excel refuses a cell of more than 32,767 characters (LibreOffice reads it, Excel "repairs" the
 * file by emptying it). A longer text (notes take 200,000) keeps its first part in its cell,
 * with a pointer, and the rest goes, in parts, to a sheet of long texts: nothing is cut silently.
 */
export const CELL_MAX = 32_767;
const PART = 32_000;

/**
 * As the writer reads each sheet's rows, a text longer than a cell allows keeps its first part
 * with a pointer, and its rest is added to the long-texts sheet, which follows the sheets (and
 * is written only if some text was long).
 */
export function splitLongTexts(sheets: ReadonlyArray<Sheet>, long: Omit<Sheet, 'rows'> & { rows: Row[] }, pointer: (cell: string) => string): Sheet[] {
  const split = (sheet: Sheet): Sheet => ({
    ...sheet,
    rows: lazyRows(function* () {
      let r = 0;
      for (const row of sheet.rows) {
        yield splitRow(sheet.name, row, r++, long.rows, pointer);
      }
    }),
  });
  const header = long.rows.length;
  return [...sheets.map(split), { ...long, written: () => long.rows.length > header }];
}

function splitRow(sheet: string, row: Row, r: number, long: Row[], pointer: (cell: string) => string): Row {
  let out: Array<Cell | CellValue> | undefined;
  row.forEach((raw, c) => {
    const cell = cellOf(raw);
    if (typeof cell.v !== 'string' || cell.v.length <= CELL_MAX) return;
    const ref = `${columnLetters(c + 1)}${r + 1}`;
    const parts = Math.ceil((cell.v.length - PART) / PART);
    for (let i = 0; i < parts; i++) long.push([sheet, ref, i + 2, cell.v.slice(PART * (i + 1), PART * (i + 2))]);
    (out ??= [...row])[c] = { ...cell, v: `${cell.v.slice(0, PART)}\n${pointer(ref)}` };
  });
  return out ?? row;
}
