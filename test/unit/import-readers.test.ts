import type ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellAddress, cellText, importFileAppError, openWorkbook, readWorkbook } from '../../electron/core/import/read';
import type { Row, Workbook } from '../../electron/core/import/types';
import { MESSAGES } from '../../shared/i18n';
import { odsContent, odsFrom, odsRow, odsText, smallXlsx, zipOf } from '../import-files';

const fixture = (f: string) => new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../fixtures/import', f)));
const te = new TextEncoder();

async function read(bytes: Uint8Array, name: string): Promise<Workbook> {
  const r = await readWorkbook(bytes, name);
  if (!r.ok) throw new Error(`refused: ${r.error.key}`);
  return r.value;
}
async function refusal(bytes: Uint8Array, name: string, opts = {}) {
  const r = await openWorkbook(bytes, name, opts);
  return r.ok ? null : r.error;
}
const texts = (rows: ReadonlyArray<Row>) => rows.map((r) => r.cells.map((c) => `${cellAddress(r.index, c.col)}=${cellText(c)}`));

describe('the .ods and .xlsx readers', () => {
  it('read the CNIL model the same from its .ods and from LibreOffice\'s .xlsx', async () => {
    const ods = await read(fixture('cnil-model.ods'), 'cnil-model.ods');
    const xlsx = await read(fixture('cnil-model.xlsx'), 'cnil-model.xlsx');
    expect(ods.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Tutoriel', false],
      ['2_-_Liste_des_traitements', false],
      ['3_-_Modèle_de_fiche_de_registre', false],
      ['4_-_Exemple_de_fiche', false],
      ['5_-_Listes', true],
    ]);
    expect(xlsx.sheets.map((s) => [s.name, s.hidden])).toEqual(ods.sheets.map((s) => [s.name, s.hidden]));
    for (let i = 0; i < ods.sheets.length; i++) {
      const a = ods.sheets[i]!.rows.map((r) => ({ index: r.index, cells: r.cells.map((c) => ({ col: c.col, value: c.value })) }));
      const b = xlsx.sheets[i]!.rows.map((r) => ({ index: r.index, cells: r.cells.map((c) => ({ col: c.col, value: c.value })) }));
      expect(b, ods.sheets[i]!.name).toEqual(a);
    }
    const example = ods.sheets[3]!;
    const row = (label: string) => example.rows.find((r) => cellText(r.cells[0]) === label)!;
    expect(row('Date de création du traitement').cells[1]).toEqual({ col: 1, value: { kind: 'date', date: '2018-05-26' }, formula: false });
    expect(row('Responsable du traitement').cells.slice(0, 8).map(cellText)).toEqual(['Responsable du traitement', 'Louise DUPONT', '1 rue Rivoli', '75001', 'Paris', 'France', '01 xx xx xx xx', 'exemple1@ets.com']);
    // The CNIL's comments (red triangles) are not cell text; its hyperlinks are formulas with their cached text.
    expect(example.rows[1]!.cells.find((c) => c.col === 9)).toEqual({ col: 9, value: { kind: 'text', text: '► Traitement de données à caractère personnel' }, formula: true });
  });

  it('.ods: text:s, line breaks, paragraphs, numbers, booleans, formulas (cached, none, error); repeated cells and rows are not expanded', async () => {
    const styles = '<style:style style:name="taHidden" style:family="table"><style:table-properties table:display="false"/></style:style>';
    const bytes = odsFrom(
      odsContent(
        [
          {
            name: 'Données',
            rows: [
              odsRow([
                '<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:line-break/>c</text:p><text:p>d<text:tab/>e</text:p><office:annotation><text:p>a comment</text:p></office:annotation></table:table-cell>',
                '<table:table-cell office:value-type="float" office:value="12.5"><text:p>12,5</text:p></table:table-cell>',
                '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>',
                '<table:table-cell table:formula="of:=[.B1]*2" office:value-type="float" office:value="25"><text:p>25</text:p></table:table-cell>',
                '<table:table-cell table:formula="of:=[.Z99]"/>',
                '<table:table-cell table:formula="of:=NA()" office:value-type="string" office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>',
                '<table:table-cell office:value-type="date" office:date-value="2024-03-01T14:30:00"><text:p>01/03/2024 14:30</text:p></table:table-cell>',
              ]),
              '<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>',
              odsRow(['<table:table-cell table:number-columns-repeated="16000"/>', odsText('far')]),
              `<table:table-row table:number-rows-repeated="3">${odsText('x')}<table:table-cell table:number-columns-repeated="2" office:value-type="string"><text:p>y</text:p></table:table-cell></table:table-row>`,
            ],
          },
          { name: 'hidden:Listes', rows: [odsRow([odsText('caché')])] },
        ],
        styles,
      ),
    );
    const wb = await read(bytes, 'test.ods');
    expect(wb.sheets.map((s) => [s.name, s.hidden])).toEqual([
      ['Données', false],
      ['hidden:Listes', true],
    ]);
    const [first, far, ...repeated] = wb.sheets[0]!.rows;
    expect(first!.cells).toEqual([
      { col: 0, value: { kind: 'text', text: 'a   b\nc\nd\te' }, formula: false },
      { col: 1, value: { kind: 'number', number: 12.5 }, formula: false },
      { col: 2, value: { kind: 'boolean', boolean: true }, formula: false },
      { col: 3, value: { kind: 'number', number: 25 }, formula: true },
      { col: 4, value: { kind: 'noCachedValue' }, formula: true },
      { col: 5, value: { kind: 'error', error: '#N/A' }, formula: true },
      { col: 6, value: { kind: 'date', date: '2024-03-01T14:30:00' }, formula: false },
    ]);
    expect(far).toEqual({ index: 1_000_001, cells: [{ col: 16000, value: { kind: 'text', text: 'far' }, formula: false }] });
    expect(texts(repeated)).toEqual([
      ['A1000003=x', 'B1000003=y', 'C1000003=y'],
      ['A1000004=x', 'B1000004=y', 'C1000004=y'],
      ['A1000005=x', 'B1000005=y', 'C1000005=y'],
    ]);
    expect(texts(wb.sheets[1]!.rows)).toEqual([['A1=caché']]);
  });

  it('.xlsx: shared strings, dates, cached formula results, formulas without a cached value, error values', async () => {
    const bytes = await smallXlsx((ws) => {
      ws.getCell('A1').value = 'texte partagé';
      ws.getCell('B1').value = 42;
      ws.getCell('C1').value = new Date(Date.UTC(2023, 8, 15));
      ws.getCell('C1').numFmt = 'dd/mm/yyyy';
      ws.getCell('D1').value = { formula: 'B1*2', result: 84 };
      ws.getCell('E1').value = { formula: 'A1&"!"', result: 'texte partagé!' };
      ws.getCell('F1').value = { formula: 'Z99' } as ExcelJS.CellFormulaValue;
      ws.getCell('G1').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellFormulaValue;
      ws.getCell('H1').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
      ws.getCell('I1').value = true;
      ws.getCell('A3').value = { richText: [{ text: 'riche ' }, { font: { bold: true }, text: 'texte' }] };
    });
    const wb = await read(bytes, 'test.xlsx');
    const [r1, r3] = wb.sheets[0]!.rows;
    expect(r1!.cells).toEqual([
      { col: 0, value: { kind: 'text', text: 'texte partagé' }, formula: false },
      { col: 1, value: { kind: 'number', number: 42 }, formula: false },
      { col: 2, value: { kind: 'date', date: '2023-09-15' }, formula: false },
      { col: 3, value: { kind: 'number', number: 84 }, formula: true },
      { col: 4, value: { kind: 'text', text: 'texte partagé!' }, formula: true },
      { col: 5, value: { kind: 'noCachedValue' }, formula: true },
      { col: 6, value: { kind: 'error', error: '#N/A' }, formula: true },
      { col: 7, value: { kind: 'error', error: '#REF!' }, formula: false },
      { col: 8, value: { kind: 'boolean', boolean: true }, formula: false },
    ]);
    expect(r3).toEqual({ index: 2, cells: [{ col: 0, value: { kind: 'text', text: 'riche texte' }, formula: false }] });
  });

  it('a preview stops after `limit` rows, and a sheet can be asked for by name', async () => {
    const opened = await openWorkbook(fixture('cnil-model.xlsx'), 'cnil-model.xlsx');
    if (!opened.ok) throw new Error(opened.error.key);
    const rows: Row[] = [];
    for await (const r of opened.value.rows('4_-_Exemple_de_fiche', { limit: 4 })) rows.push(r);
    expect(rows.map((r) => cellText(r.cells[0]))).toEqual(['Exemple de fiche de registre', expect.stringContaining('Cet exemple'), 'Description  du traitement  ', 'Nom du traitement']);
    expect(opened.value.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the .csv reader', () => {
  const csvRows = async (bytes: Uint8Array) => {
    const wb = await read(bytes, 'registre.csv');
    return { dialect: wb.csv, rows: wb.sheets[0]!.rows.map((r) => r.cells.map(cellText)) };
  };

  it('UTF-8 with a byte order mark, semicolons, quoted delimiters and newlines', async () => {
    const text = '\uFEFFRéférence;Nom;Finalité\r\nT-1;"Paie; salaires";"ligne 1\nligne 2"\r\n\r\nT-2;Recrutement;« candidatures »\r\n';
    const { dialect, rows } = await csvRows(te.encode(text));
    expect(dialect).toEqual({ encoding: 'utf-8-bom', delimiter: ';' });
    expect(rows).toEqual([
      ['Référence', 'Nom', 'Finalité'],
      ['T-1', 'Paie; salaires', 'ligne 1\nligne 2'],
      ['T-2', 'Recrutement', '« candidatures »'],
    ]);
  });

  it('UTF-8 without a byte order mark, commas', async () => {
    const { dialect, rows } = await csvRows(te.encode('Référence,Nom,Données\nT-1,"Paie, salaires",Identité\n'));
    expect(dialect).toEqual({ encoding: 'utf-8', delimiter: ',' });
    expect(rows).toEqual([
      ['Référence', 'Nom', 'Données'],
      ['T-1', 'Paie, salaires', 'Identité'],
    ]);
  });

  it('Windows-1252 (Excel on a French Windows), semicolons', async () => {
    // "Référence;Désignation;Coût €\r\nT-1;Sécurité;12 €" in Windows-1252: é = 0xE9, € = 0x80.
    const latin = 'Référence;Désignation;Coût €\r\nT-1;Sécurité des accès;12 €\r\n';
    const bytes = new Uint8Array([...latin].map((ch) => (ch === '€' ? 0x80 : ch.charCodeAt(0))));
    const { dialect, rows } = await csvRows(bytes);
    expect(dialect).toEqual({ encoding: 'windows-1252', delimiter: ';' });
    expect(rows).toEqual([
      ['Référence', 'Désignation', 'Coût €'],
      ['T-1', 'Sécurité des accès', '12 €'],
    ]);
  });

  it('UTF-16 with its byte order mark (Excel\'s "Unicode text"), tabs', async () => {
    const text = 'Référence\tNom\r\nT-1\tPaie des salariés\r\n';
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    [...text].forEach((ch, i) => {
      le[2 + i * 2] = ch.charCodeAt(0) & 0xff;
      le[3 + i * 2] = ch.charCodeAt(0) >> 8;
    });
    const { dialect, rows } = await csvRows(le);
    expect(dialect).toEqual({ encoding: 'utf-16le', delimiter: '\t' });
    expect(rows).toEqual([
      ['Référence', 'Nom'],
      ['T-1', 'Paie des salariés'],
    ]);
  });

  it('a semicolon file whose texts hold commas is read with semicolons', async () => {
    const { dialect } = await csvRows(te.encode('Nom;Finalité\nPaie;Calcul, versement, déclaration\nRH;Recrutement, entretiens\n'));
    expect(dialect?.delimiter).toBe(';');
  });
});

describe('bad files', () => {
  it('an empty file, or one with no data', async () => {
    expect(await refusal(new Uint8Array(0), 'registre.xlsx')).toEqual({ key: 'importEmpty' });
    expect(await refusal(te.encode(' ;;\r\n;\r\n'), 'registre.csv')).toEqual({ key: 'importEmpty' });
    const r = await readWorkbook(odsFrom(odsContent([{ name: 'Vide', rows: ['<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>'] }])), 'vide.ods');
    expect(r).toEqual({ ok: false, error: { key: 'importEmpty' } });
  });

  it('a file that is not what its extension claims', async () => {
    const pdf = te.encode('%PDF-1.7\n1 0 obj <<>> endobj\n');
    expect(await refusal(pdf, 'registre.xlsx')).toEqual({ key: 'importWrongType', params: { ext: 'xlsx', actual: 'PDF' } });
    expect(await refusal(fixture('cnil-model.xlsx'), 'registre.ods')).toEqual({ key: 'importWrongType', params: { ext: 'ods', actual: 'XLSX' } });
    expect(await refusal(fixture('cnil-model.ods'), 'registre.xlsx')).toEqual({ key: 'importWrongType', params: { ext: 'xlsx', actual: 'ODS' } });
    expect(await refusal(fixture('cnil-model.ods'), 'registre.csv')).toEqual({ key: 'importWrongType', params: { ext: 'csv', actual: 'ODS' } });
    expect(await refusal(te.encode('Nom;Finalité\nPaie;Salaires\n'), 'registre.xlsx')).toEqual({ key: 'importWrongType', params: { ext: 'xlsx', actual: 'CSV' } });
    const docx = zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await refusal(docx, 'registre.xlsx')).toEqual({ key: 'importWrongType', params: { ext: 'xlsx', actual: 'DOCX' } });
    // An old binary .xls (a compound file without an encrypted package) renamed .xlsx.
    const xls = new Uint8Array(1024);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await refusal(xls, 'registre.xlsx')).toEqual({ key: 'importWrongType', params: { ext: 'xlsx', actual: 'XLS' } });
    expect(await refusal(xls, 'registre.xls')).toEqual({ key: 'importUnsupported', params: { ext: 'xls' } });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(await refusal(png, 'registre.csv')).toEqual({ key: 'importNotSpreadsheet', params: { ext: 'csv' } });
  });

  it('a password-protected workbook: encrypted OOXML (a compound file holding EncryptedPackage), encrypted ODS (manifest encryption-data)', async () => {
    const cfb = new Uint8Array(4096);
    cfb.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    [...'EncryptedPackage'].forEach((ch, i) => (cfb[1024 + i * 2] = ch.charCodeAt(0)));
    expect(await refusal(cfb, 'registre.xlsx')).toEqual({ key: 'importEncrypted' });
    const ods = odsFrom(odsContent([{ name: 'F', rows: [odsRow([odsText('x')])] }]), { encrypted: true });
    expect(await refusal(ods, 'registre.ods')).toEqual({ key: 'importEncrypted' });
  });

  it('a zip bomb is refused before it is expanded, also when its headers understate the sizes', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = zipOf({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': zeros, 'META-INF/manifest.xml': '<m/>' });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await refusal(bomb, 'bombe.ods', { maxUncompressed: 4 * 1024 * 1024 })).toEqual({ key: 'importTooLarge', params: { max: 4 } });
    // The central directory and the local header claim 1 KB: inflating is stopped past it.
    const lying = bomb.slice();
    const view = new DataView(lying.buffer);
    for (let p = 0; p + 4 <= lying.length; p++) {
      const sig = view.getUint32(p, true);
      if (sig === 0x02014b50 && view.getUint32(p + 24, true) === zeros.length) view.setUint32(p + 24, 1024, true);
      if (sig === 0x04034b50 && view.getUint32(p + 22, true) === zeros.length) view.setUint32(p + 22, 1024, true);
    }
    expect(await refusal(lying, 'bombe.ods', { maxUncompressed: 4 * 1024 * 1024 })).toEqual({ key: 'importTooLarge', params: { max: 4 } });
  });

  it('a damaged workbook and broken XML are unreadable, never a crash', async () => {
    const cut = fixture('cnil-model.xlsx').slice(0, 50_000);
    expect(await refusal(cut, 'registre.xlsx')).toEqual({ key: 'importUnreadable' });
    const broken = odsFrom(['<office:document-content><office:body><office:spreadsheet><table:table table:name="A"><table:table-row><table:table-cell>']);
    expect(await readWorkbook(broken, 'cassé.ods')).toEqual({ ok: false, error: { key: 'importUnreadable' } });
  });

  it('a file over the size limit is refused unread', async () => {
    expect(await refusal(new Uint8Array(2 * 1024 * 1024).fill(0x41), 'gros.csv', { maxBytes: 1024 * 1024 })).toEqual({ key: 'importFileTooBig', params: { max: 1 } });
  });

  it('every refusal and every report note has its message in French and in English', () => {
    const keys = ['importEmpty', 'importUnsupported', 'importWrongType', 'importNotSpreadsheet', 'importEncrypted', 'importTooLarge', 'importFileTooBig', 'importUnreadable'];
    for (const lang of ['fr', 'en'] as const) for (const k of keys) expect(typeof (MESSAGES[lang].errors as unknown as Record<string, unknown>)[k], `${lang} errors.${k}`).toBe('string');
    const notes = ['unknownValue', 'formulaCached', 'noCachedValue', 'errorValue', 'invalidatedGround', 'unknownCountry', 'tooLong', 'unreadable', 'unknownLabel', 'retentionAsText', 'actorDiffers', 'exampleSkipped', 'draftFromList', 'emptySheet'];
    for (const lang of ['fr', 'en'] as const) for (const k of notes) expect(typeof (MESSAGES[lang].importNotes as unknown as Record<string, unknown>)[k], `${lang} importNotes.${k}`).toBe('string');
    const refused = importFileAppError({ key: 'importTooLarge', params: { max: 300 } }).data;
    expect(refused.code === 'validation' && refused.issues).toEqual([{ path: 'file', message: 'importTooLarge|{"max":300}' }]);
  });
});
