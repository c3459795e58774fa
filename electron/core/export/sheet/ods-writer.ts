import { docDate } from '../docx/dates';
import { zipOut } from './zip-out';
import { PRINT_SETUPS, cellOf, isDay, type Cell, type CellStyle, type PrintSetup, type Sheet, type Workbook } from './sheet-model';

/**
 * A Workbook as OpenDocument spreadsheet (.ods, ISO/IEC 26300), written by hand and zipped with
 * fflate (streamed, zip-out.ts): the format is a handful of XML files, and no maintained library writes it (SheetJS's
 * npm copies are frozen at 0.18.5). The `mimetype` entry comes first, stored uncompressed, as
 * the OpenDocument package rules require (ODF 1.3 Part 2, 3.3). Dates are date cells shown in
 * the language's format; frozen header rows are view settings (settings.xml).
 */

const MIME = 'application/vnd.oasis.opendocument.spreadsheet';

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"',
].join(' ');

/** Text as XML character data: escaped, without the control characters XML 1.0 forbids. */
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

export function xmlText(s: string): string {
  // Most texts need nothing: tested once rather than five replacements each (5,000 records are some 200,000 cells).
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const DATE_STYLE = {
  fr: '<number:date-style style:name="Nday"><number:day number:style="long"/><number:text>/</number:text><number:month number:style="long"/><number:text>/</number:text><number:year number:style="long"/></number:date-style>',
  en: '<number:date-style style:name="Nday"><number:day/><number:text> </number:text><number:month number:textual="true" number:style="long"/><number:text> </number:text><number:year number:style="long"/></number:date-style>',
} as const;

const SHADE = 'fo:background-color="#dce6f1"';
const CELL = 'style:vertical-align="top" fo:wrap-option="wrap"';
const CELL_STYLES: Readonly<Record<CellStyle | 'plain' | 'day', string>> = {
  plain: `<style:table-cell-properties ${CELL}/>`,
  day: `<style:table-cell-properties ${CELL} style:text-align-source="fix"/><style:paragraph-properties fo:text-align="start"/>`,
  header: `<style:table-cell-properties ${CELL} ${SHADE}/><style:text-properties fo:font-weight="bold"/>`,
  section: `<style:table-cell-properties ${CELL} ${SHADE}/><style:text-properties fo:font-weight="bold"/>`,
  title: `<style:table-cell-properties ${CELL}/><style:text-properties fo:font-weight="bold" fo:font-size="14pt"/>`,
  label: `<style:table-cell-properties ${CELL}/><style:text-properties fo:font-weight="bold"/>`,
  note: `<style:table-cell-properties ${CELL}/><style:text-properties fo:font-style="italic"/>`,
};

function automaticStyles(book: Workbook, widths: ReadonlyArray<number>): string {
  const cols = widths.map((w, i) => `<style:style style:name="co${i}" style:family="table-column"><style:table-column-properties style:column-width="${(w * 0.2).toFixed(2)}cm"/></style:style>`);
  const cells = Object.entries(CELL_STYLES).map(
    ([name, props]) => `<style:style style:name="ce-${name}" style:family="table-cell" style:parent-style-name="Default"${name === 'day' ? ' style:data-style-name="Nday"' : ''}>${props}</style:style>`,
  );
  return [
    DATE_STYLE[book.language],
    ...PRINT_SETUPS.map((_, i) => `<style:style style:name="ta${i}" style:family="table" style:master-page-name="mp${i}"><style:table-properties table:display="true"/></style:style>`),
    '<style:style style:name="ta-hidden" style:family="table"><style:table-properties table:display="false"/></style:style>',
    ...cols,
    ...cells,
  ].join('');
}

/** What the date cell shows (LibreOffice computes it again from the value and the data style). */
function dayText(book: Workbook, iso: string): string {
  if (book.language === 'en') return docDate('en', iso);
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

function cellXml(book: Workbook, cell: Cell): string {
  const span = cell.span && cell.span > 1 ? ` table:number-columns-spanned="${cell.span}" table:number-rows-spanned="1"` : '';
  const v = cell.v;
  if (v === null || v === '') return `<table:table-cell table:style-name="ce-${cell.style ?? 'plain'}"${span}/>`;
  if (isDay(v)) {
    return `<table:table-cell table:style-name="ce-day" office:value-type="date" office:date-value="${v.day}"${span}><text:p>${xmlText(dayText(book, v.day))}</text:p></table:table-cell>`;
  }
  if (typeof v === 'number') {
    return `<table:table-cell table:style-name="ce-${cell.style ?? 'plain'}" office:value-type="float" office:value="${v}"${span}><text:p>${v}</text:p></table:table-cell>`;
  }
  const paragraphs = v.split('\n').map((line) => `<text:p>${xmlText(line)}</text:p>`).join('');
  return `<table:table-cell table:style-name="ce-${cell.style ?? 'plain'}" office:value-type="string"${span}>${paragraphs}</table:table-cell>`;
}

function printIndex(print: PrintSetup | undefined): number {
  const i = PRINT_SETUPS.findIndex((p) => p.landscape === (print?.landscape ?? false) && p.fitWidth === (print?.fitWidth ?? false));
  return Math.max(0, i);
}

/** One table, row by row as its rows are made: `write` receives the XML in pieces. */
function writeTable(book: Workbook, sheet: Sheet, columnStyle: (sheetWidth: number) => number, write: (xml: string) => void): void {
  write(`<table:table table:name="${xmlText(sheet.name)}" table:style-name="${sheet.hidden ? 'ta-hidden' : `ta${printIndex(sheet.print)}`}">`);
  write(sheet.widths.map((w) => `<table:table-column table:style-name="co${columnStyle(w)}"/>`).join(''));
  let rows = 0;
  for (const row of sheet.rows) {
    rows++;
    let xml = '<table:table-row>';
    for (let c = 0; c < row.length; c++) {
      const cell = cellOf(row[c]!);
      xml += cellXml(book, cell);
      const covered = Math.min((cell.span ?? 1) - 1, row.length - c - 1);
      if (covered > 0) {
        xml += `<table:covered-table-cell${covered > 1 ? ` table:number-columns-repeated="${covered}"` : ''}/>`;
        c += covered;
      }
    }
    if (row.length === 0) xml += '<table:table-cell/>';
    write(`${xml}</table:table-row>`);
  }
  if (rows === 0) write('<table:table-row><table:table-cell/></table:table-row>');
  write('</table:table>');
}

function settingsXml(sheets: ReadonlyArray<Sheet>): string {
  const tables = sheets
    .filter((s) => s.frozenRows)
    .map(
      (s) =>
        `<config:config-item-map-entry config:name="${xmlText(s.name)}">` +
        '<config:config-item config:name="VerticalSplitMode" config:type="short">2</config:config-item>' +
        `<config:config-item config:name="VerticalSplitPosition" config:type="int">${s.frozenRows}</config:config-item>` +
        '<config:config-item config:name="ActiveSplitRange" config:type="short">2</config:config-item>' +
        '<config:config-item config:name="PositionTop" config:type="int">0</config:config-item>' +
        `<config:config-item config:name="PositionBottom" config:type="int">${s.frozenRows}</config:config-item>` +
        '</config:config-item-map-entry>',
    )
    .join('');
  const first = sheets.find((s) => !s.hidden)?.name ?? '';
  return (
    `<?xml version="1.0" encoding="UTF-8"?><office:document-settings ${NS} office:version="1.3"><office:settings>` +
    '<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>' +
    '<config:config-item config:name="ViewId" config:type="string">view1</config:config-item>' +
    `<config:config-item-map-named config:name="Tables">${tables}</config:config-item-map-named>` +
    `<config:config-item config:name="ActiveTable" config:type="string">${xmlText(first)}</config:config-item>` +
    '</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>'
  );
}

/** A4 page layouts, one per print setup (portrait or landscape, one page wide or not), and their master pages. */
const PAGE_LAYOUTS = PRINT_SETUPS.map(
  (p, i) =>
    `<style:page-layout style:name="pl${i}"><style:page-layout-properties fo:page-width="${p.landscape ? '29.7cm' : '21cm'}" fo:page-height="${p.landscape ? '21cm' : '29.7cm'}" style:print-orientation="${p.landscape ? 'landscape' : 'portrait'}" fo:margin="1.5cm"${p.fitWidth ? ' style:scale-to-X="1" style:scale-to-Y="0"' : ''}/></style:page-layout>`,
).join('');
const MASTER_PAGES = PRINT_SETUPS.map((_, i) => `<style:master-page style:name="mp${i}" style:page-layout-name="pl${i}"/>`).join('');

const STYLES_XML =
  `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NS} office:version="1.3"><office:styles>` +
  '<style:default-style style:family="table-cell"><style:text-properties fo:font-size="10pt" style:font-name="Liberation Sans"/></style:default-style>' +
  '<style:style style:name="Default" style:family="table-cell"/>' +
  `</office:styles><office:automatic-styles>${PAGE_LAYOUTS}</office:automatic-styles><office:master-styles>${MASTER_PAGES}</office:master-styles></office:document-styles>`;

const MANIFEST =
  '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">' +
  `<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MIME}"/>` +
  ['content.xml', 'styles.xml', 'meta.xml', 'settings.xml'].map((f) => `<manifest:file-entry manifest:full-path="${f}" manifest:media-type="text/xml"/>`).join('') +
  '</manifest:manifest>';

/**
 * The workbook as an .ods package, content.xml streamed into the zip table by table, row by row,
 * as the rows are made (memory bounded whatever the number of records or sheets).
 */
export function writeOds(book: Workbook): Buffer {
  // One column style per distinct width, shared by every sheet (declared before the tables: a sheet written only if needed has its styles too).
  const widths = [...new Set(book.sheets.flatMap((s) => s.widths))];
  const index = new Map(widths.map((w, i) => [w, i]));
  const zip = zipOut(new Date(book.createdAt));
  zip.file('mimetype', MIME, { stored: true });
  const content = zip.entry('content.xml');
  content.write(
    `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NS} office:version="1.3">` +
      `<office:automatic-styles>${automaticStyles(book, widths)}</office:automatic-styles><office:body><office:spreadsheet>`,
  );
  const written: Sheet[] = [];
  for (const sheet of book.sheets) {
    if (sheet.written && !sheet.written()) continue;
    written.push(sheet);
    writeTable(book, sheet, (w) => index.get(w)!, content.write);
  }
  content.write('</office:spreadsheet></office:body></office:document-content>');
  content.end();
  zip.file('styles.xml', STYLES_XML);
  zip.file(
    'meta.xml',
    `<?xml version="1.0" encoding="UTF-8"?><office:document-meta ${NS} office:version="1.3"><office:meta>` +
      `<meta:generator>DPO Desk</meta:generator><dc:title>${xmlText(book.title)}</dc:title><dc:language>${book.language}</dc:language>` +
      `<meta:creation-date>${book.createdAt.replace(/Z$/, '')}</meta:creation-date><dc:date>${book.createdAt.replace(/Z$/, '')}</dc:date>` +
      '</office:meta></office:document-meta>',
  );
  zip.file('settings.xml', settingsXml(written));
  zip.file('META-INF/manifest.xml', MANIFEST);
  return zip.finish();
}
