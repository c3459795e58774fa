import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';

/**
 * Workbooks read back as a reader sees them, for tests: each sheet as rows of cells, with the
 * value (a date as its day, YYYY-MM-DD; a number as a number) and the text shown. The .xlsx
 * through exceljs, the .ods through fflate and a plain SAX read of content.xml (repeated and
 * covered cells expanded), independent of the writers.
 */

export type ReadCell = Readonly<{ value: string | number | null; text: string; bold?: boolean; type?: string }>;
export type ReadBook = Readonly<{ names: string[]; hidden: string[]; sheets: Map<string, ReadCell[][]> }>;

const iso = (d: Date) => d.toISOString().slice(0, 10);

export async function readXlsx(buffer: Buffer): Promise<ReadBook & { wb: ExcelJS.Workbook }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const sheets = new Map<string, ReadCell[][]>();
  const names: string[] = [];
  const hidden: string[] = [];
  wb.eachSheet((ws) => {
    names.push(ws.name);
    if (ws.state !== 'visible') hidden.push(ws.name);
    const rows: ReadCell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: ReadCell[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 1); c++) {
        const cell = row.getCell(c);
        const v = cell.value;
        const isMergedCovered = cell.isMerged && cell.master.address !== cell.address;
        const value = isMergedCovered ? null : v instanceof Date ? iso(v) : typeof v === 'number' || typeof v === 'string' ? v : v === null || v === undefined ? null : String(v);
        cells.push({ value, text: value === null ? '' : String(value), bold: cell.font?.bold === true, type: v instanceof Date ? 'date' : typeof v });
      }
      rows.push(cells);
    }
    sheets.set(ws.name, rows);
  });
  return { names, hidden, sheets, wb };
}

export type OdsFile = Readonly<{ entries: string[]; files: Record<string, Uint8Array> }>;

export function odsEntries(buffer: Buffer): OdsFile {
  const files = unzipSync(buffer);
  return { entries: Object.keys(files), files };
}

export function readOds(buffer: Buffer): ReadBook & { content: string } {
  const files = unzipSync(buffer);
  const content = strFromU8(files['content.xml']!);
  const parser = new SaxesParser({ xmlns: false });
  const sheets = new Map<string, ReadCell[][]>();
  const names: string[] = [];
  const hidden: string[] = [];
  const hiddenStyles = new Set<string>();
  let styleName = '';
  let rows: ReadCell[][] = [];
  let row: ReadCell[] = [];
  let cell: { value: string | number | null; type: string; repeat: number; paragraphs: string[] } | null = null;
  let inP = false;
  parser.on('opentag', (tag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'style:style':
        styleName = a['style:name'] ?? '';
        break;
      case 'style:table-properties':
        if (a['table:display'] === 'false') hiddenStyles.add(styleName);
        break;
      case 'table:table':
        rows = [];
        names.push(a['table:name']!);
        if (hiddenStyles.has(a['table:style-name'] ?? '')) hidden.push(a['table:name']!);
        sheets.set(a['table:name']!, rows);
        break;
      case 'table:table-row':
        row = [];
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell': {
        const type = a['office:value-type'] ?? '';
        const value = type === 'date' ? a['office:date-value']!.slice(0, 10) : type === 'float' ? Number(a['office:value']) : null;
        cell = { value, type: tag.name === 'table:covered-table-cell' ? 'covered' : type, repeat: Number(a['table:number-columns-repeated'] ?? 1), paragraphs: [] };
        break;
      }
      case 'text:p':
        inP = true;
        cell?.paragraphs.push('');
        break;
      default:
    }
  });
  parser.on('text', (t) => {
    if (inP && cell) cell.paragraphs[cell.paragraphs.length - 1] += t;
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'text:p') inP = false;
    if ((tag.name === 'table:table-cell' || tag.name === 'table:covered-table-cell') && cell) {
      const text = cell.paragraphs.join('\n');
      const read: ReadCell = { value: cell.type === 'covered' ? null : cell.value ?? (cell.type === 'string' ? text : null), text: cell.type === 'covered' ? '' : text, type: cell.type };
      for (let i = 0; i < Math.min(cell.repeat, 100); i++) row.push(read);
      cell = null;
    }
    if (tag.name === 'table:table-row') rows.push(row);
  });
  parser.write(content).close();
  return { names, hidden, sheets, content };
}

/** A sheet as rows of texts (trailing empty cells dropped), for simple assertions. */
export function texts(book: ReadBook, sheet: string): string[][] {
  const rows = book.sheets.get(sheet);
  if (!rows) throw new Error(`no sheet "${sheet}" in ${book.names.join(', ')}`);
  return rows.map((r) => {
    const t = r.map((c) => c.text);
    while (t.length && t[t.length - 1] === '') t.pop();
    return t;
  });
}

/** The rows of a header-first sheet as objects keyed by the header's texts. */
export function records(book: ReadBook, sheet: string): Array<Record<string, ReadCell>> {
  const rows = book.sheets.get(sheet);
  if (!rows) throw new Error(`no sheet "${sheet}" in ${book.names.join(', ')}`);
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head!.map((h, i) => [h.text, r[i] ?? { value: null, text: '' }])));
}

/** The CNIL record sheet's rows by their label in column A: label → the rows' other cells (texts). */
export function byLabel(book: ReadBook, sheet: string): Map<string, string[][]> {
  const out = new Map<string, string[][]>();
  for (const row of texts(book, sheet)) {
    const [label, ...rest] = row;
    if (!label) continue;
    out.set(label, [...(out.get(label) ?? []), rest.filter((x) => x !== '')]);
  }
  return out;
}
