/**
 * Spreadsheets built for the import tests and the bench: a register of N rows (one processing a
 * row) as .csv, .ods and .xlsx, generated in slices so that building a 50,000-row file does not
 * itself hold the whole XML as one string; and small hand-made workbooks (formulas, error cells,
 * repeated rows) whose XML the tests control exactly.
 */
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate, ZipPassThrough, strToU8, zipSync } from 'fflate';

export const HEADER = ['Référence', 'Nom du traitement', 'Finalité', 'Base légale', 'Catégories de personnes', 'Catégories de données', 'Durée de conservation', 'Date de création'];

export function registerRow(i: number): string[] {
  return [`T-${String(i).padStart(5, '0')}`, `Traitement n° ${i} — « paie » & co`, `Finalité ${i}; gestion, suivi`, i % 2 ? 'Contrat' : 'Intérêt légitime', 'Salariés', 'Identité, coordonnées', `${(i % 10) + 1} ans`, '2024-01-15'];
}

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

export function bigCsv(rows: number, delimiter = ';'): Uint8Array {
  const q = (s: string) => (/[";,\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const parts: Uint8Array[] = [strToU8(HEADER.map(q).join(delimiter) + '\r\n')];
  let chunk: string[] = [];
  for (let i = 1; i <= rows; i++) {
    chunk.push(registerRow(i).map(q).join(delimiter));
    if (chunk.length === 1000 || i === rows) {
      parts.push(strToU8(chunk.join('\r\n') + '\r\n'));
      chunk = [];
    }
  }
  return concat(parts);
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const ODS_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" office:version="1.3">';
const MANIFEST = (encrypted: boolean) =>
  `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">${encrypted ? '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="x"><manifest:algorithm manifest:algorithm-name="Blowfish CFB" manifest:initialisation-vector="x"/><manifest:key-derivation manifest:key-derivation-name="PBKDF2" manifest:iteration-count="1024" manifest:salt="x"/></manifest:encryption-data>' : ''}</manifest:file-entry></manifest:manifest>`;

/** A .ods whose content.xml is given in pieces (each a string), zipped as it comes. */
export function odsFrom(pieces: Iterable<string>, opts: { encrypted?: boolean } = {}): Uint8Array {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    out.push(data);
  });
  const mimetype = new ZipPassThrough('mimetype');
  zip.add(mimetype);
  mimetype.push(strToU8('application/vnd.oasis.opendocument.spreadsheet'), true);
  const manifest = new ZipDeflate('META-INF/manifest.xml');
  zip.add(manifest);
  manifest.push(strToU8(MANIFEST(opts.encrypted ?? false)), true);
  const content = new ZipDeflate('content.xml', { level: 6 });
  zip.add(content);
  let pending: string[] = [];
  let size = 0;
  for (const p of pieces) {
    pending.push(p);
    size += p.length;
    if (size > 256 * 1024) {
      content.push(strToU8(pending.join('')));
      pending = [];
      size = 0;
    }
  }
  content.push(strToU8(pending.join('')), true);
  zip.end();
  return concat(out);
}

/** content.xml pieces: tables of rows given as XML (the caller writes the cells). */
export function* odsContent(tables: Array<{ name: string; rows: Iterable<string> }>, styles = ''): Generator<string> {
  yield `${ODS_HEAD}<office:automatic-styles>${styles}</office:automatic-styles><office:body><office:spreadsheet>`;
  for (const t of tables) {
    yield `<table:table table:name="${esc(t.name)}"${t.name.startsWith('hidden:') ? ' table:style-name="taHidden"' : ''}><table:table-column table:number-columns-repeated="16384"/>`;
    yield* t.rows;
    yield '</table:table>';
  }
  yield '</office:spreadsheet></office:body></office:document-content>';
}

export const odsText = (s: string) => `<table:table-cell office:value-type="string" calcext:value-type="string"><text:p>${esc(s)}</text:p></table:table-cell>`;
export const odsRow = (cells: string[]) => `<table:table-row>${cells.join('')}</table:table-row>`;

export function bigOds(rows: number): Uint8Array {
  function* body() {
    yield odsRow(HEADER.map(odsText));
    for (let i = 1; i <= rows; i++) {
      const r = registerRow(i);
      yield odsRow([...r.slice(0, 7).map(odsText), `<table:table-cell office:value-type="date" office:date-value="${r[7]}" calcext:value-type="date"><text:p>15/01/2024</text:p></table:table-cell>`]);
    }
    // LibreOffice pads a sheet with a million empty rows: they must not be expanded.
    yield '<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>';
  }
  return odsFrom(odsContent([{ name: 'Registre', rows: body() }]));
}

/**
 * A .xlsx as Excel writes one: texts in the shared-strings table, the date as a serial number with
 * a date style; written by hand in slices (exceljs's writer takes minutes for 50,000 rows on a
 * loaded machine).
 */
export async function bigXlsx(rows: number): Promise<Uint8Array> {
  const out: Uint8Array[] = [];
  const zip = new Zip((err, data) => {
    if (err) throw err;
    out.push(data);
  });
  const file = (name: string, text: string) => {
    const f = new ZipDeflate(name, { level: 6 });
    zip.add(f);
    f.push(strToU8(text), true);
  };
  file('[Content_Types].xml', '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>');
  file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
  file('xl/workbook.xml', '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Registre" sheetId="1" r:id="rId1"/></sheets></workbook>');
  file('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>');
  file('xl/styles.xml', '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></numFmts><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>');
  const strings = new Map<string, number>();
  const sst = (t: string) => {
    let i = strings.get(t);
    if (i === undefined) strings.set(t, (i = strings.size));
    return i;
  };
  const col = (c: number) => String.fromCharCode(65 + c);
  const sheet = new ZipDeflate('xl/worksheets/sheet1.xml', { level: 6 });
  zip.add(sheet);
  sheet.push(strToU8('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'));
  let chunk: string[] = [];
  const serial = (iso: string) => Math.round((Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
  for (let i = 0; i <= rows; i++) {
    const r = i === 0 ? HEADER : registerRow(i);
    const cells = r.map((v, c) => (i > 0 && c === 7 ? `<c r="${col(c)}${i + 1}" s="1"><v>${serial(v)}</v></c>` : `<c r="${col(c)}${i + 1}" t="s"><v>${sst(v)}</v></c>`));
    chunk.push(`<row r="${i + 1}">${cells.join('')}</row>`);
    if (chunk.length === 1000 || i === rows) {
      sheet.push(strToU8(chunk.join('')));
      chunk = [];
    }
  }
  sheet.push(strToU8('</sheetData></worksheet>'), true);
  const shared = new ZipDeflate('xl/sharedStrings.xml', { level: 6 });
  zip.add(shared);
  shared.push(strToU8(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.size}" uniqueCount="${strings.size}">`));
  let parts: string[] = [];
  for (const t of strings.keys()) {
    parts.push(`<si><t xml:space="preserve">${esc(t)}</t></si>`);
    if (parts.length === 5000) {
      shared.push(strToU8(parts.join('')));
      parts = [];
    }
  }
  shared.push(strToU8(parts.join('') + '</sst>'), true);
  zip.end();
  return concat(out);
}

/** A small .xlsx written by exceljs (in memory): formulas with and without cached values, errors, dates. */
export async function smallXlsx(fill: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Feuille');
  fill(ws, wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** A zip with the given entries (name → text), for malformed files. */
export function zipOf(entries: Record<string, string | Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, typeof v === 'string' ? strToU8(v) : v])));
}
