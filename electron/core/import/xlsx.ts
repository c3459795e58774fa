import { SaxesParser } from 'saxes';
import { entryTextChunks, readEntryText, type ZipEntry } from './zip';
import { saxRows } from './sax-rows';
import { ImportFileFailure, type Cell, type CellValue, type Row, type SheetInfo } from './types';

/**
 * The rows of an Office Open XML workbook (.xlsx), streamed: each worksheet's XML is inflated
 * slice by slice and fed to saxes, like the .ods reader. Read directly rather than through
 * exceljs's WorkbookReader: that reader may meet a sheet before the workbook's list of sheet
 * names (LibreOffice's entry order), turns dates into JS Dates only with styles loaded, and gives
 * a formula without a cached value and an error value as objects the caller must tell apart; here
 * both formats give the same cells (cached value, `noCachedValue`, `error`) for one report.
 * Shared strings are held in memory (they are the file's distinct texts, bounded by its size).
 */

type XlsxSheet = SheetInfo & { path: string };
export type XlsxBook = Readonly<{ sheets: ReadonlyArray<XlsxSheet>; strings: ReadonlyArray<string>; dateStyles: ReadonlySet<number>; date1904: boolean }>;

function parse(xml: string, open: (name: string, a: Record<string, string>) => void, text?: (t: string) => void, close?: (name: string) => void) {
  const p = new SaxesParser({ xmlns: false, position: false });
  let failed = false;
  p.on('error', () => {
    failed = true;
  });
  p.on('opentag', (t) => open(t.name, t.attributes as Record<string, string>));
  if (text) p.on('text', text);
  if (close) p.on('closetag', (t) => close(t.name));
  p.write(xml).close();
  if (failed) throw new Error('xml');
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30). */
const BUILTIN_DATES = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);

function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const local = (name: string) => name.slice(name.indexOf(':') + 1);

export function xlsxBook(buf: Uint8Array, entries: ReadonlyMap<string, ZipEntry>): XlsxBook {
  const wb = entries.get('xl/workbook.xml');
  if (!wb) throw new Error('noWorkbook');
  const rels = new Map<string, string>();
  const relsEntry = entries.get('xl/_rels/workbook.xml.rels');
  if (relsEntry) {
    parse(readEntryText(buf, relsEntry), (name, a) => {
      if (local(name) === 'Relationship' && a.Id && a.Target) {
        const t = a.Target.replace(/\\/g, '/');
        rels.set(a.Id, t.startsWith('/') ? t.slice(1) : `xl/${t}`);
      }
    });
  }
  const sheets: XlsxSheet[] = [];
  let date1904 = false;
  parse(readEntryText(buf, wb), (name, a) => {
    const n = local(name);
    if (n === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    if (n === 'sheet') {
      const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1] ?? '';
      const path = rels.get(rid) ?? `xl/worksheets/sheet${sheets.length + 1}.xml`;
      sheets.push({ index: sheets.length, name: a.name ?? `Sheet${sheets.length + 1}`, hidden: a.state === 'hidden' || a.state === 'veryHidden', path });
    }
  });
  const strings: string[] = [];
  const sst = entries.get('xl/sharedStrings.xml');
  if (sst) {
    let cur: string | null = null;
    let inT = false;
    let phonetic = 0;
    parse(
      readEntryText(buf, sst),
      (name) => {
        const n = local(name);
        if (n === 'si') cur = '';
        else if (n === 'rPh') phonetic++;
        else if (n === 't' && phonetic === 0) inT = true;
      },
      (t) => {
        if (inT && cur !== null) cur += t;
      },
      (name) => {
        const n = local(name);
        if (n === 't') inT = false;
        else if (n === 'rPh') phonetic--;
        else if (n === 'si') {
          strings.push(cur ?? '');
          cur = null;
        }
      },
    );
  }
  const dateStyles = new Set<number>();
  const styles = entries.get('xl/styles.xml');
  if (styles) {
    const custom = new Map<number, string>();
    let inXfs = false;
    let xf = 0;
    parse(
      readEntryText(buf, styles),
      (name, a) => {
        const n = local(name);
        if (n === 'numFmt') custom.set(Number(a.numFmtId), a.formatCode ?? '');
        else if (n === 'cellXfs') inXfs = true;
        else if (n === 'xf' && inXfs) {
          const id = Number(a.numFmtId ?? 0);
          if (BUILTIN_DATES.has(id) || (custom.has(id) && isDateFormat(custom.get(id)!))) dateStyles.add(xf);
          xf++;
        }
      },
      undefined,
      (name) => {
        if (local(name) === 'cellXfs') inXfs = false;
      },
    );
  }
  return { sheets, strings, dateStyles, date1904 };
}

/** A serial day number as an ISO date (1900 system, with its phantom 29 February 1900; or 1904). */
export function serialToIso(serial: number, date1904: boolean): string {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  const adjusted = !date1904 && serial < 61 ? serial + 1 : serial;
  const ms = Math.round((epoch + adjusted * 86_400_000) / 1000) * 1000;
  const iso = new Date(ms).toISOString();
  const time = iso.slice(11, 19);
  return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)}T${time}`;
}

function colOf(ref: string | undefined): number | null {
  if (!ref) return null;
  const m = /^([A-Z]+)/.exec(ref);
  if (!m) return null;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

/** The non-empty rows of one worksheet, streamed. Throws ImportFileFailure on broken XML. */
export async function* xlsxRows(buf: Uint8Array, entries: ReadonlyMap<string, ZipEntry>, book: XlsxBook, sheetIndex: number, limit = Infinity): AsyncGenerator<Row> {
  const sheet = book.sheets[sheetIndex];
  const entry = sheet && entries.get(sheet.path);
  if (!entry) throw new ImportFileFailure({ key: 'importUnreadable' });
  const parser = new SaxesParser({ xmlns: false, position: false });
  const ready: Row[] = [];
  let rowIndex = -1;
  let cells: Cell[] = [];
  let inRow = false;
  let nextCol = 0;
  let cell: { col: number; t: string; s: number; formula: boolean; v: string | null; inline: string | null } | null = null;
  let textTarget: 'v' | 'is' | null = null;
  let phonetic = 0;

  parser.on('opentag', (tag) => {
    const n = local(tag.name);
    const a = tag.attributes as Record<string, string>;
    if (n === 'row') {
      inRow = true;
      rowIndex = a.r ? Number(a.r) - 1 : rowIndex + 1;
      cells = [];
      nextCol = 0;
    } else if (n === 'c' && inRow) {
      const col = colOf(a.r) ?? nextCol;
      nextCol = col + 1;
      cell = { col, t: a.t ?? 'n', s: Number(a.s ?? 0), formula: false, v: null, inline: null };
      if (tag.isSelfClosing) closeCell();
    } else if (cell) {
      if (n === 'f') cell.formula = true;
      else if (n === 'v') {
        textTarget = 'v';
        cell.v = '';
      } else if (n === 'is') cell.inline = '';
      else if (n === 'rPh') phonetic++;
      else if (n === 't' && cell.inline !== null && phonetic === 0) textTarget = 'is';
    }
  });
  parser.on('text', (t) => {
    if (!cell || !textTarget) return;
    if (textTarget === 'v') cell.v += t;
    else cell.inline += t;
  });
  function value(c: NonNullable<typeof cell>): CellValue | null {
    if (c.t === 'inlineStr') return c.inline ? { kind: 'text', text: c.inline } : c.formula ? { kind: 'noCachedValue' } : null;
    if (c.v === null) return c.formula ? { kind: 'noCachedValue' } : null;
    switch (c.t) {
      case 's': {
        const s = book.strings[Number(c.v)];
        return s === undefined ? { kind: 'error', error: '#REF!' } : s === '' ? null : { kind: 'text', text: s };
      }
      case 'str':
        return c.v === '' && !c.formula ? null : { kind: 'text', text: c.v };
      case 'b':
        return { kind: 'boolean', boolean: c.v === '1' || c.v === 'true' };
      case 'e':
        return { kind: 'error', error: c.v || '#ERR' };
      case 'd':
        return { kind: 'date', date: c.v.slice(0, 10) + (/T(?!00:00:00)\d\d:\d\d:\d\d/.test(c.v) ? c.v.slice(10, 19) : '') };
      default: {
        if (c.v === '') return c.formula ? { kind: 'noCachedValue' } : null;
        const num = Number(c.v);
        if (!Number.isFinite(num)) return { kind: 'text', text: c.v };
        return book.dateStyles.has(c.s) ? { kind: 'date', date: serialToIso(num, book.date1904) } : { kind: 'number', number: num };
      }
    }
  }
  function closeCell() {
    const c = cell!;
    cell = null;
    textTarget = null;
    const v = value(c);
    if (v) cells.push({ col: c.col, value: v, formula: c.formula });
  }
  parser.on('closetag', (tag) => {
    const n = local(tag.name);
    if (n === 'c' && cell && !tag.isSelfClosing) closeCell();
    else if (n === 'v' || (n === 't' && textTarget === 'is')) textTarget = null;
    else if (n === 'rPh') phonetic--;
    else if (n === 'row' && inRow) {
      inRow = false;
      if (cells.length) ready.push({ index: rowIndex, cells: cells.sort((x, y) => x.col - y.col) });
    }
  });

  yield* saxRows(parser, entryTextChunks(buf, entry), ready, limit);
}
