import { xmlText } from './ods-writer';
import { cellOf, columnLetters, isDay, type Cell, type CellStyle, type CellValue, type PrintSetup, type Sheet, type Workbook } from './sheet-model';
import { zipOut } from './zip-out';

/**
 * A Workbook as .xlsx (Office Open XML, ECMA-376), written by hand and streamed into the zip
 * sheet by sheet, row by row, as the rows are made: memory stays bounded whatever the number of
 * records or sheets (exceljs's streaming writer, used before, keeps every sheet's XML in memory
 * until the end: 854 MB for the CNIL model of 5,000 records). The cells are written as exceljs
 * wrote them (texts as `t="str"` values, dates as serial days with a date format, merged cells
 * carrying their first cell's style), read by Excel, LibreOffice, exceljs and our import alike.
 * Values only, no formulas; a bold, frozen, shaded header, column widths, wrapped text, dates
 * as date cells in the language's format (24/11/2026; 24 November 2026).
 */

const DATE_FORMAT = { fr: 'dd/mm/yyyy', en: 'd mmmm yyyy' } as const;

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The cell formats of styles.xml (cellXfs), by their index. */
const XF: Readonly<Record<CellStyle | 'plain' | 'day', number>> = { plain: 1, header: 2, section: 2, title: 3, label: 4, note: 5, day: 6 };

function stylesXml(language: Workbook['language']): string {
  const wrap = '<alignment vertical="top" wrapText="1"/>';
  const xf = (font: number, fill: number) => `<xf numFmtId="0" fontId="${font}" fillId="${fill}" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1">${wrap}</xf>`;
  return (
    `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
    `<numFmts count="1"><numFmt numFmtId="164" formatCode="${xmlText(DATE_FORMAT[language])}"/></numFmts>` +
    '<fonts count="4">' +
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><i/><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '</fonts>' +
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFDCE6F1"/></patternFill></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    '<cellXfs count="7">' +
    '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
    xf(0, 0) + // plain
    xf(1, 2) + // header, section
    xf(2, 0) + // title
    xf(1, 0) + // label
    xf(3, 0) + // note
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1" applyAlignment="1"><alignment horizontal="left" vertical="top"/></xf>' +
    '</cellXfs>' +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
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

/** A day as Excel's serial number (days since 30 December 1899, 1900 date system). */
function serialDay(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000 + 25_569;
}

function cellXml(ref: string, cell: Cell): string {
  const v = cell.v;
  if (isDay(v)) return `<c r="${ref}" s="${XF.day}"><v>${serialDay(v.day)}</v></c>`;
  const s = XF[cell.style ?? 'plain'];
  if (v === null) return `<c r="${ref}" s="${s}"/>`;
  if (typeof v === 'number') return `<c r="${ref}" s="${s}"><v>${v}</v></c>`;
  return `<c r="${ref}" s="${s}" t="str"><v>${xmlText(v)}</v></c>`;
}

function sheetHead(sheet: Sheet): string {
  const print: PrintSetup = sheet.print ?? { landscape: false, fitWidth: false };
  const frozen = sheet.frozenRows
    ? `<sheetViews><sheetView workbookViewId="0"><pane ySplit="${sheet.frozenRows}" topLeftCell="A${sheet.frozenRows + 1}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>`
    : '';
  const cols = sheet.widths.length ? `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>` : '';
  return `${XML_HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${print.fitWidth ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''}${frozen}<sheetFormatPr defaultRowHeight="15"/>${cols}<sheetData>`;
}

function sheetTail(sheet: Sheet, merges: ReadonlyArray<string>): string {
  const print: PrintSetup = sheet.print ?? { landscape: false, fitWidth: false };
  return (
    '</sheetData>' +
    (merges.length ? `<mergeCells count="${merges.length}">${merges.map((m) => `<mergeCell ref="${m}"/>`).join('')}</mergeCells>` : '') +
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>' +
    `<pageSetup paperSize="9" orientation="${print.landscape ? 'landscape' : 'portrait'}"${print.fitWidth ? ' fitToWidth="1" fitToHeight="0"' : ''}/>` +
    '</worksheet>'
  );
}

/** The workbook as an .xlsx package; each sheet's rows are read once, as they are written. */
export function writeXlsx(book: Workbook): Buffer {
  const zip = zipOut(new Date(book.createdAt));
  const written: Array<{ name: string; hidden: boolean }> = [];
  for (const sheet of book.sheets) {
    if (sheet.written && !sheet.written()) continue;
    const out = zip.entry(`xl/worksheets/sheet${written.length + 1}.xml`);
    written.push({ name: sheet.name, hidden: !!sheet.hidden });
    out.write(sheetHead(sheet));
    const merges: string[] = [];
    let r = 0;
    for (const row of sheet.rows) {
      r++;
      let xml = '';
      for (let c = 0; c < row.length; c++) {
        const cell = cellOf(row[c]!);
        // An empty cell without a style is not written (nor merged).
        if (cell.v === null && !cell.style) continue;
        xml += cellXml(`${columnLetters(c + 1)}${r}`, cell);
        const span = Math.min(cell.span ?? 1, row.length - c);
        if (span > 1) {
          // The cells a merge covers carry its first cell's style (as Excel writes them): the shading spans the merge.
          const s = isDay(cell.v) ? XF.day : XF[cell.style ?? 'plain'];
          for (let k = 1; k < span; k++) xml += `<c r="${columnLetters(c + k + 1)}${r}" s="${s}"/>`;
          merges.push(`${columnLetters(c + 1)}${r}:${columnLetters(c + span)}${r}`);
          c += span - 1;
        }
      }
      if (xml === '') continue;
      const height = rowHeight(row, sheet.widths);
      out.write(`<row r="${r}"${height ? ` ht="${height}" customHeight="1"` : ''}>${xml}</row>`);
    }
    out.write(sheetTail(sheet, merges));
    out.end();
  }
  const sheetRel = (i: number) => `rId${i + 1}`;
  zip.file(
    'xl/workbook.xml',
    `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><workbookPr/><bookViews><workbookView/></bookViews><sheets>` +
      written.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" state="${s.hidden ? 'veryHidden' : 'visible'}" r:id="${sheetRel(i)}"/>`).join('') +
      '</sheets></workbook>',
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
      written.map((_, i) => `<Relationship Id="${sheetRel(i)}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('') +
      `<Relationship Id="rId${written.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  zip.file('xl/styles.xml', stylesXml(book.language));
  const when = book.createdAt.replace(/\.\d+Z$/, 'Z');
  zip.file(
    'docProps/core.xml',
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>DPO Desk</dc:creator><dc:title>${xmlText(book.title)}</dc:title><dc:language>${book.language}</dc:language>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`,
  );
  zip.file('docProps/app.xml', `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>DPO Desk</Application></Properties>`);
  zip.file(
    '_rels/.rels',
    `${XML_HEAD}<Relationships xmlns="${PKG_REL}">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      `<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/></Relationships>`,
  );
  const ct = 'application/vnd.openxmlformats-officedocument';
  zip.file(
    '[Content_Types].xml',
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="${ct}.spreadsheetml.sheet.main+xml"/>` +
      written.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${ct}.spreadsheetml.worksheet+xml"/>`).join('') +
      `<Override PartName="/xl/styles.xml" ContentType="${ct}.spreadsheetml.styles+xml"/>` +
      `<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
      `<Override PartName="/docProps/app.xml" ContentType="${ct}.extended-properties+xml"/></Types>`,
  );
  return zip.finish();
}
