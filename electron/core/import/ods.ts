import { SaxesParser } from 'saxes';
import { entryTextChunks, type ZipEntry } from './zip';
import { saxRows } from './sax-rows';
import { type Cell, type CellValue, type Row, type SheetInfo } from './types';

/**
 * The rows of an OpenDocument spreadsheet, streamed: content.xml is inflated slice by slice and
 * fed to saxes (a SAX parser: the XML is never held as a tree), and a row is yielded as soon as
 * it closes. Repeated empty rows and columns (`table:number-rows-repeated="1048000"`, which
 * LibreOffice writes to pad a sheet) only advance the position: nothing is expanded.
 */

/** A repeated non-empty cell or row is copied at most this many times (a filled column pasted down a sheet). */
const MAX_COPIES = 100_000;
const MAX_COLUMN_COPIES = 16_384;

const unescape = (s: string) =>
  s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_, e: string) =>
    e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'amp' ? '&' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)),
  );
const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : undefined;
};

/**
 * The sheets of content.xml (names, and hidden: a table style with table:display="false"),
 * found by scanning the start tags in the text chunks rather than parsing every cell.
 */
export function odsSheets(buf: Uint8Array, content: ZipEntry): SheetInfo[] {
  const hiddenStyles = new Set<string>();
  const tables: Array<{ name: string; style: string }> = [];
  const TAIL = 8192;
  let carry = '';
  let base = 0; // absolute offset of carry[0]
  let done = 0; // absolute offset up to which matches were taken
  const re = /<style:style\s[^>]*>\s*<style:table-properties\s[^>]*>|<table:table[\s>][^>]*>?/g;
  for (const chunk of entryTextChunks(buf, content)) {
    const s = carry + chunk;
    re.lastIndex = 0;
    for (let m = re.exec(s); m; m = re.exec(s)) {
      const at = base + m.index;
      const tag = m[0];
      // A match cut off by the chunk's end is taken with the next chunk.
      if (!tag.endsWith('>') || at < done) continue;
      done = at + tag.length;
      if (tag.startsWith('<style:style')) {
        if (attr(tag, 'style:family') === 'table' && attr(tag, 'table:display') === 'false') hiddenStyles.add(attr(tag, 'style:name') ?? '');
      } else {
        tables.push({ name: attr(tag, 'table:name') ?? '', style: attr(tag, 'table:style-name') ?? '' });
      }
    }
    const keep = Math.min(TAIL, s.length);
    base += s.length - keep;
    carry = s.slice(s.length - keep);
  }
  return tables.map((t, index) => ({ index, name: t.name || `Sheet${index + 1}`, hidden: hiddenStyles.has(t.style) }));
}

function isoDate(v: string): string {
  // 2018-05-26 or 2018-05-26T00:00:00(.000): midnight is a date without a time.
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}:\d{2}))?/.exec(v);
  if (!m) return v;
  return !m[2] || m[2] === '00:00:00' ? m[1]! : `${m[1]}T${m[2]}`;
}

function valueOf(a: Record<string, string>, text: string): CellValue | null {
  const formula = a['table:formula'] !== undefined;
  if (a['calcext:value-type'] === 'error') return { kind: 'error', error: text || '#ERR' };
  const type = a['office:value-type'];
  switch (type) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(a['office:value']);
      return Number.isFinite(n) ? { kind: 'number', number: n } : { kind: 'text', text };
    }
    case 'date':
      return a['office:date-value'] ? { kind: 'date', date: isoDate(a['office:date-value']) } : { kind: 'text', text };
    case 'boolean':
      return { kind: 'boolean', boolean: a['office:boolean-value'] === 'true' };
    case 'time':
      return { kind: 'text', text };
    case 'string': {
      const s = a['office:string-value'] ?? text;
      return s === '' && !formula ? null : { kind: 'text', text: s };
    }
    default:
      if (formula) return { kind: 'noCachedValue' };
      return text === '' ? null : { kind: 'text', text };
  }
}

/** The non-empty rows of the sheet at `sheetIndex`, streamed. Throws ImportFileFailure on broken XML. */
export async function* odsRows(buf: Uint8Array, content: ZipEntry, sheetIndex: number, limit = Infinity): AsyncGenerator<Row> {
  for await (const { row } of odsSheetRows(buf, content, sheetIndex, limit)) yield row;
}

/** The non-empty rows of every sheet in one pass over content.xml, each with its sheet's index. */
export function odsAllRows(buf: Uint8Array, content: ZipEntry): AsyncGenerator<{ sheet: number; row: Row }> {
  return odsSheetRows(buf, content, -1, Infinity);
}

async function* odsSheetRows(buf: Uint8Array, content: ZipEntry, sheetIndex: number, limit: number): AsyncGenerator<{ sheet: number; row: Row }> {
  const wanted = (t: number) => sheetIndex < 0 || t === sheetIndex;
  const parser = new SaxesParser({ xmlns: false, position: false });
  const ready: Array<{ sheet: number; row: Row }> = [];
  let table = -1;
  let tableDepth = 0; // nested tables (a table inside a cell) are not rows of the sheet
  let finished = false;
  let rowIndex = 0;
  let rowRepeat = 1;
  let cells: Cell[] = [];
  let col = 0;
  let inRow = false;
  let cellAttrs: Record<string, string> | null = null;
  let paragraphs: string[] = [];
  let para: string | null = null;
  let annotation = 0;

  parser.on('opentag', (tag) => {
    const name = tag.name;
    if (name === 'table:table') {
      tableDepth++;
      if (tableDepth === 1) {
        table++;
        rowIndex = 0;
      }
      return;
    }
    if (!wanted(table) || tableDepth !== 1 || finished) return;
    const a = tag.attributes as Record<string, string>;
    if (name === 'table:table-row') {
      inRow = true;
      rowRepeat = Math.max(1, Number(a['table:number-rows-repeated'] ?? 1) || 1);
      cells = [];
      col = 0;
    } else if (inRow && (name === 'table:table-cell' || name === 'table:covered-table-cell')) {
      cellAttrs = a;
      paragraphs = [];
      para = null;
      if (tag.isSelfClosing) closeCell();
    } else if (cellAttrs) {
      if (name === 'office:annotation') annotation++;
      else if (annotation > 0) return;
      else if (name === 'text:p' || name === 'text:h') para = '';
      else if (para !== null && name === 'text:s') para += ' '.repeat(Math.max(1, Number(a['text:c'] ?? 1) || 1));
      else if (para !== null && name === 'text:tab') para += '\t';
      else if (para !== null && name === 'text:line-break') para += '\n';
    }
  });
  function closeCell() {
    const a = cellAttrs!;
    cellAttrs = null;
    const repeat = Math.max(1, Number(a['table:number-columns-repeated'] ?? 1) || 1);
    const value = valueOf(a, paragraphs.join('\n'));
    if (value) {
      const formula = a['table:formula'] !== undefined;
      for (let i = 0; i < Math.min(repeat, MAX_COLUMN_COPIES); i++) cells.push({ col: col + i, value, formula });
    }
    col += repeat;
  }
  parser.on('text', (t) => {
    if (cellAttrs && para !== null && annotation === 0) para += t;
  });
  parser.on('closetag', (tag) => {
    const name = tag.name;
    if (name === 'table:table') {
      tableDepth--;
      if (tableDepth === 0 && table === sheetIndex) finished = true;
      return;
    }
    if (!wanted(table) || tableDepth !== 1) return;
    if (name === 'office:annotation') annotation--;
    else if (annotation > 0) return;
    else if ((name === 'text:p' || name === 'text:h') && para !== null) {
      paragraphs.push(para);
      para = null;
    } else if ((name === 'table:table-cell' || name === 'table:covered-table-cell') && cellAttrs && !tag.isSelfClosing) closeCell();
    else if (name === 'table:table-row' && inRow) {
      inRow = false;
      if (cells.length) {
        for (let i = 0; i < Math.min(rowRepeat, MAX_COPIES); i++) ready.push({ sheet: table, row: { index: rowIndex + i, cells: i === 0 ? cells : cells.slice() } });
      }
      rowIndex += rowRepeat;
    }
  });

  yield* saxRows(parser, entryTextChunks(buf, content), ready, limit, () => finished);
}
