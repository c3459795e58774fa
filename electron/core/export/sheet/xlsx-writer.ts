import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { cellOf, isDay, type Cell, type CellStyle, type CellValue, type Workbook } from './sheet-model';

/**
 * A Workbook as .xlsx, with exceljs (already used for the audit questionnaires: shared strings,
 * styles, merges and dates written as Excel expects them). Values only, no formulas; a bold,
 * frozen, shaded header, column widths, wrapped text, dates as date cells in the language's
 * format (24/11/2026; 24 November 2026).
 */

const DATE_FORMAT = { fr: 'dd/mm/yyyy', en: 'd mmmm yyyy' } as const;
const SHADE: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };

const FONT = { name: 'Calibri', size: 11 } as const;

const WRAP: Partial<ExcelJS.Alignment> = { wrapText: true, vertical: 'top' };
const DAY_ALIGNMENT: Partial<ExcelJS.Alignment> = { vertical: 'top', horizontal: 'left' };

function styleCell(cell: ExcelJS.Cell, style: CellStyle | undefined): void {
  cell.alignment = WRAP;
  switch (style) {
    case 'header':
    case 'section':
      cell.font = { ...FONT, bold: true };
      cell.fill = SHADE;
      break;
    case 'title':
      cell.font = { ...FONT, bold: true, size: 14 };
      break;
    case 'label':
      cell.font = { ...FONT, bold: true };
      break;
    case 'note':
      cell.font = { ...FONT, italic: true };
      break;
    default:
  }
}

/**
 * Excel keeps the row heights stored in the file and does not fit them to wrapped text on
 * opening (LibreOffice neither, for an .xlsx): the height is estimated from the text and the
 * width of its column(s), 15 points a line, at most Excel's 409.
 */
function rowHeight(row: ReadonlyArray<Cell | CellValue>, widths: ReadonlyArray<number>): number | undefined {
  let lines = 1;
  row.forEach((raw, c) => {
    const cell = cellOf(raw);
    if (typeof cell.v !== 'string' || cell.v === '') return;
    let width = 0;
    for (let i = c; i < c + (cell.span ?? 1); i++) width += widths[i] ?? 10;
    // Bold text is wider: fewer characters a line.
    const bold = cell.style === 'header' || cell.style === 'section' || cell.style === 'label' || cell.style === 'title';
    const chars = Math.max(1, Math.floor(width * (bold ? 0.85 : 1)));
    const n = cell.v.split('\n').reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / chars)), 0);
    lines = Math.max(lines, n * (cell.style === 'title' ? 1.3 : 1));
  });
  return lines > 1 ? Math.min(409, Math.ceil(lines * 15)) : undefined;
}

/**
 * Written with exceljs's streaming writer: each row is committed as it is written and each sheet
 * once done, so 5,000 records (or 5,000 CNIL record sheets) never sit in memory as a workbook.
 */
export async function writeXlsx(book: Workbook): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'DPO Desk';
  wb.title = book.title;
  wb.created = new Date(book.createdAt);
  wb.modified = new Date(book.createdAt);
  for (const sheet of book.sheets) {
    const print = sheet.print ?? { landscape: false, fitWidth: false };
    const ws = wb.addWorksheet(sheet.name, {
      state: sheet.hidden ? 'veryHidden' : 'visible',
      views: sheet.frozenRows ? [{ state: 'frozen', ySplit: sheet.frozenRows }] : [],
      pageSetup: {
        paperSize: 9, // A4
        orientation: print.landscape ? 'landscape' : 'portrait',
        ...(print.fitWidth ? { fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {}),
      },
    });
    ws.columns = sheet.widths.map((width) => ({ width }));
    sheet.rows.forEach((row, r) => {
      const xr = ws.getRow(r + 1);
      const height = rowHeight(row, sheet.widths);
      if (height) xr.height = height;
      row.forEach((raw, c) => {
        const cell = cellOf(raw);
        if (cell.v === null && !cell.style) return;
        const xc = xr.getCell(c + 1);
        if (isDay(cell.v)) {
          const [y, m, d] = cell.v.day.split('-').map(Number) as [number, number, number];
          xc.value = new Date(Date.UTC(y, m - 1, d));
          xc.numFmt = DATE_FORMAT[book.language];
          xc.alignment = DAY_ALIGNMENT;
        } else {
          if (cell.v !== null) xc.value = cell.v;
          styleCell(xc, cell.style);
        }
        if (cell.span && cell.span > 1) ws.mergeCells(r + 1, c + 1, r + 1, c + cell.span);
      });
      xr.commit();
    });
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
