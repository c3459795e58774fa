import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { AppError } from '../../shared/errors';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import type { RegisterEntry } from '../../shared/domain/register';
import { docxParagraphs } from '../docx-text';
import { call, callResult, fakeClock, fullControllerDoc, testCore } from '../helpers';
import { closeCore, openCore } from '../../electron/core/core';
import { zipSync } from 'fflate';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let core: Core;
let cleanup: () => void;
let record: RegisterEntry;

beforeEach(async () => {
  ({ core, cleanup } = testCore());
  record = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
});
afterEach(() => cleanup());

const b64 = (b: Buffer | Uint8Array) => Buffer.from(b).toString('base64');
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function exportSheet(id = record.id, language: 'fr' | 'en' = 'fr', format: 'xlsx' | 'docx' = 'xlsx') {
  const r = await call(core, 'recordSheet:export', { ids: [id], language, format, sentToName: 'Alice Martin', sentToEmail: 'alice@example.test' });
  return Buffer.from(r.base64!, 'base64');
}

/** The sheet with answers changed: rows found by their key (column A), the answer in column E. */
async function edit(xlsx: Buffer, answers: Record<string, string>, more?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.name !== '_dpo')!;
  const found = new Set<string>();
  ws.eachRow((row) => {
    const key = String(row.getCell(1).value ?? '');
    if (key in answers) {
      row.getCell(5).value = answers[key]!;
      found.add(key);
    }
  });
  expect([...found].sort()).toEqual(Object.keys(answers).sort());
  more?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const review = (file: Buffer, recordId: string | undefined = record.id, language: 'fr' | 'en' = 'fr') =>
  call(core, 'recordSheet:review', { ...(recordId ? { recordId } : {}), fileName: 'fiche.xlsx', base64: b64(file), language });

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(AppError);
  const data = (e as AppError).data;
  expect(data.code).toBe('validation');
  return data.code === 'validation' ? data.issues[0]!.message : '';
}

describe('record sheets for business owners', () => {
  it('an unchanged sheet shows no change; the sheet is recorded as sent (to whom) and awaiting return', async () => {
    const xlsx = await exportSheet();
    const r = await review(xlsx);
    expect(r.changes).toEqual([]);
    expect(r.unchanged).toBeGreaterThan(20);
    expect(r.recordChanged).toBe(false);
    const sheets = await call(core, 'recordSheet:list', { id: record.id });
    expect(sheets).toHaveLength(1);
    expect(sheets[0]).toMatchObject({ sentToName: 'Alice Martin', sentToEmail: 'alice@example.test', status: 'sent', format: 'xlsx', language: 'fr', recordVersion: 1, returnedAt: null });
    const awaiting = await call(core, 'recordSheet:awaiting', {});
    expect(awaiting.map((s) => [s.ref, s.name])).toEqual([['T-001', 'Enregistrement des appels']]);
  });

  it('the sheet is protected: labels locked, only the answers unlocked; its identification is in a very hidden sheet', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportSheet()) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws as unknown as { sheetProtection: { sheet: boolean } }).sheetProtection.sheet).toBe(true);
    const row = [...Array(ws.rowCount).keys()].map((i) => ws.getRow(i + 1)).find((r) => r.getCell(1).value === 'purposes.0.text')!;
    expect(row.getCell(3).value).toBe('Finalité principale');
    expect(row.getCell(4).value).toBe('Former les conseillers');
    expect(row.getCell(5).protection?.locked).toBe(false);
    expect(row.getCell(3).protection?.locked).not.toBe(false);
    const meta = wb.getWorksheet('_dpo')!;
    expect(meta.state).toBe('veryHidden');
    const values = Object.fromEntries(meta.getSheetValues().filter(Boolean).map((r) => [(r as unknown[])[1], (r as unknown[])[2]]));
    expect(values).toMatchObject({ layout: 'dpo-desk-record-sheet', record: record.id, version: 1, structure: 1 });
  });

  it('a changed purpose and a changed retention are shown with old and new; accepting one and rejecting the other writes only the accepted, with the file and its SHA-256 in the audit log', async () => {
    const xlsx = await edit(await exportSheet(), { 'purposes.0.text': 'Former et évaluer les conseillers', 'dataCategories.0.retention.duration': '30' });
    const r = await review(xlsx);
    expect(r.changes.map((c) => [c.key, c.label, c.old, c.new])).toEqual([
      ['purposes.0.text', 'Finalité principale', 'Former les conseillers', 'Former et évaluer les conseillers'],
      ['dataCategories.0.retention.duration', expect.stringContaining('durée d’utilisation courante'), '90', '30'],
    ]);
    expect(r.changes.every((c) => !c.error && !c.changedSince)).toBe(true);
    const applied = await call(core, 'recordSheet:apply', { recordId: record.id, fileName: 'fiche-retour.xlsx', base64: b64(xlsx), sha256: r.sha256, version: r.currentVersion, accept: ['purposes.0.text'], language: 'fr' });
    expect(applied).toMatchObject({ applied: 1, rejected: 1, version: 2 });
    const after = await call(core, 'register:get', { id: record.id });
    const doc = after.doc as ReturnType<typeof fullControllerDoc>;
    expect(doc.purposes[0]!.text).toBe('Former et évaluer les conseillers');
    expect(doc.dataCategories[0]!.retention.duration).toBe(90);
    const history = await call(core, 'register:history', { id: record.id });
    expect(history[0]).toMatchObject({ action: 'sheetReturn', detail: { file: 'fiche-retour.xlsx', sha256: sha(xlsx) } });
    expect(history[0]!.changes.map((c) => c.path)).toEqual(['purposes.0.text']);
    const sheets = await call(core, 'recordSheet:list', { id: record.id });
    expect(sheets[0]).toMatchObject({ status: 'returned', returnedFile: 'fiche-retour.xlsx' });
    expect(sheets[0]!.returnedAt).not.toBeNull();
    expect(await call(core, 'recordSheet:awaiting', {})).toEqual([]);
  });

  it('labels and values in the DPO’s language on review, whatever the sheet’s; words of the list read back as codes', async () => {
    const xlsx = await edit(await exportSheet(record.id, 'en'), { 'dataCategories.0.retention.unit': 'months', 'dataCategories.0.retention.end': 'Anonymisation' });
    const r = await review(xlsx, record.id, 'fr');
    expect(r.changes.map((c) => [c.key, c.old, c.new])).toEqual([
      ['dataCategories.0.retention.unit', 'jours', 'mois'],
      ['dataCategories.0.retention.end', '', 'Anonymisation'],
    ]);
    await call(core, 'recordSheet:apply', { recordId: record.id, fileName: 'sheet.xlsx', base64: b64(xlsx), sha256: r.sha256, version: r.currentVersion, accept: r.changes.map((c) => c.key), language: 'fr' });
    const doc = (await call(core, 'register:get', { id: record.id })).doc as ReturnType<typeof fullControllerDoc>;
    expect(doc.dataCategories[0]!.retention).toMatchObject({ unit: 'months', end: 'anonymise', duration: 90 });
  });

  it('an invalid value is reported next to its field in the user’s language and refuses the apply whole; nothing is half-written', async () => {
    const xlsx = await edit(await exportSheet(), { 'dataCategories.0.retention.duration': 'trois mois', name: '', software: 'Nouveau logiciel' });
    const r = await review(xlsx);
    const byKey = Object.fromEntries(r.changes.map((c) => [c.key, c.error]));
    expect(byKey['dataCategories.0.retention.duration']).toBe('number');
    expect(byKey['name']).toBe('required');
    expect(byKey['software']).toBeUndefined();
    const message = await refusal(call(core, 'recordSheet:apply', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), sha256: r.sha256, version: 1, accept: ['software', 'name'], language: 'fr' }));
    expect(message).toBe('required');
    expect((await call(core, 'register:get', { id: record.id })).version).toBe(1);
  });

  it('a remark is added to the record’s notes when accepted', async () => {
    const xlsx = await edit(await exportSheet(), { 'remark.purposes': 'Ajouter : statistiques d’appels' });
    const r = await review(xlsx);
    expect(r.changes).toMatchObject([{ key: 'remark.purposes', old: '', new: 'Ajouter : statistiques d’appels' }]);
    await call(core, 'recordSheet:apply', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), sha256: r.sha256, version: 1, accept: ['remark.purposes'], language: 'fr' });
    const doc = (await call(core, 'register:get', { id: record.id })).doc as ReturnType<typeof fullControllerDoc>;
    expect(doc.notes).toMatch(/^Notes libres\n\nRemarque du responsable métier .*«\u00a0Finalités\u00a0».*statistiques d’appels$/s);
  });

  it('a sheet of another record is refused', async () => {
    const other = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: 'Autre' }) });
    const xlsx = await exportSheet(other.id);
    expect(await refusal(review(xlsx))).toBe('sheetOtherRecord|{"ref":"T-002"}');
  });

  it('a sheet whose record no longer exists is refused', async () => {
    const xlsx = await exportSheet();
    await call(core, 'register:delete', { id: record.id });
    expect(await refusal(review(xlsx, undefined))).toBe('sheetRecordGone');
  });

  it('an altered structure is refused: a label edited, a row moved, a row added', async () => {
    const sent = await exportSheet();
    const relabelled = await edit(sent, {}, (ws) => {
      ws.getRow(6).getCell(3).value = 'Autre libellé';
    });
    expect(await refusal(review(relabelled))).toBe('sheetLayoutChanged|{"row":6}');
    const swapped = await edit(sent, {}, (ws) => {
      const a = ws.getRow(7).values as ExcelJS.CellValue[];
      const b = ws.getRow(8).values as ExcelJS.CellValue[];
      ws.getRow(7).values = b;
      ws.getRow(8).values = a;
    });
    expect(await refusal(review(swapped))).toBe('sheetLayoutChanged|{"row":7}');
    const added = await edit(sent, {}, (ws) => {
      ws.addRow(['x', 'y', 'z', '', 'nouvelle ligne']);
    });
    expect(await refusal(review(added))).toMatch(/^sheetLayoutChanged/);
  });

  it('bad files are refused with the import’s checks: not a workbook, a Word file, encrypted, a zip bomb, another workbook', async () => {
    expect(await refusal(review(Buffer.from('hello, world\n')))).toMatch(/^importWrongType/);
    const docx = await exportSheet(record.id, 'fr', 'docx');
    expect(await refusal(review(docx))).toBe('importWrongType|{"ext":"xlsx","actual":"DOCX"}');
    const cfb = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(cfb);
    Buffer.from('EncryptedPackage'.split('').map((c) => [c.charCodeAt(0), 0]).flat()).copy(cfb, 1024);
    expect(await refusal(review(cfb))).toBe('importEncrypted');
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': new Uint8Array(1), 'xl/workbook.xml': new Uint8Array(60 * 1024 * 1024) }, { level: 9 }));
    expect(await refusal(review(bomb))).toMatch(/^importTooLarge/);
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Feuil1').addRow(['a', 'b']);
    expect(await refusal(review(Buffer.from(await wb.xlsx.writeBuffer())))).toBe('sheetNotOurFile');
  });

  it('a record changed since the export is detected and told; "old" is the current value', async () => {
    const xlsx = await edit(await exportSheet(), { 'purposes.0.text': 'Version du responsable métier' });
    const current = await call(core, 'register:get', { id: record.id });
    const doc = current.doc as ReturnType<typeof fullControllerDoc>;
    await call(core, 'register:update', { id: record.id, kind: 'controller', version: current.version, doc: { ...doc, purposes: [{ ...doc.purposes[0]!, text: 'Version du DPO' }, doc.purposes[1]!] } });
    const r = await review(xlsx);
    expect(r).toMatchObject({ recordChanged: true, exportedVersion: 1, currentVersion: 2 });
    expect(r.changes).toMatchObject([{ key: 'purposes.0.text', old: 'Version du DPO', new: 'Version du responsable métier', changedSince: true }]);
    // The review's version is checked on apply: the DPO decided on version 2.
    const conflict = await callResult(core, 'recordSheet:apply', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), sha256: r.sha256, version: 1, accept: ['purposes.0.text'], language: 'fr' });
    expect(conflict).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await call(core, 'recordSheet:apply', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), sha256: r.sha256, version: 2, accept: ['purposes.0.text'], language: 'fr' });
    expect(((await call(core, 'register:get', { id: record.id })).doc as ReturnType<typeof fullControllerDoc>).purposes[0]!.text).toBe('Version du responsable métier');
  });

  it('a row moved in the record since the export is found again by its code; a row gone cannot be taken', async () => {
    const xlsx = await edit(await exportSheet(), { 'securityMeasures.0.details': 'TLS 1.3' });
    const current = await call(core, 'register:get', { id: record.id });
    const doc = current.doc as ReturnType<typeof fullControllerDoc>;
    await call(core, 'register:update', { id: record.id, kind: 'controller', version: 1, doc: { ...doc, securityMeasures: [{ type: 'ACCESS_CONTROL', details: '' }, ...doc.securityMeasures] } });
    const r = await review(xlsx);
    expect(r.changes).toMatchObject([{ key: 'securityMeasures.0.details', old: 'TLS et SRTP', new: 'TLS 1.3' }]);
    await call(core, 'recordSheet:apply', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), sha256: r.sha256, version: 2, accept: ['securityMeasures.0.details'], language: 'fr' });
    const after = (await call(core, 'register:get', { id: record.id })).doc as ReturnType<typeof fullControllerDoc>;
    expect(after.securityMeasures).toEqual([{ type: 'ACCESS_CONTROL', details: '' }, { type: 'ENCRYPTION', details: 'TLS 1.3' }]);
    await call(core, 'register:update', { id: record.id, kind: 'controller', version: 3, doc: { ...after, securityMeasures: [{ type: 'ACCESS_CONTROL', details: '' }] } });
    const gone = await review(xlsx);
    expect(gone.changes).toMatchObject([{ key: 'securityMeasures.0.details', error: 'sheetRowGone' }]);
  });

  it('the Word sheet holds each section, field and current value, the transfers read-only, and says how to answer', async () => {
    const s = await call(core, 'supplier:create', { doc: { ...(await import('../helpers')).fullSupplierDoc(), name: 'Twilio' } });
    const t = await call(core, 'transfer:create', { doc: { ...emptyTransferDoc(), title: 'Twilio', importerSupplierId: s.id, importer: 'Twilio Inc.', importerCountry: 'US', mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 2 }, activityIds: [record.id] } });
    expect(t.id).toBeTruthy();
    const docx = await exportSheet(record.id, 'fr', 'docx');
    const text = (await docxParagraphs(docx)).map((p) => p.text);
    for (const expected of ['Finalités', 'Finalité principale', 'Former les conseillers', 'Catégories de données et durées de conservation', 'Enregistrement audio', 'Mesures de sécurité', 'TLS et SRTP', 'Sources des données', 'Plateforme téléphonique', 'Transferts hors EEE', 'Votre réponse', 'Valeur actuelle', 'Description', 'Durée d’utilisation courante (nombre)', 'Unité de cette durée', 'jours', '90']) {
      expect(text, expected).toContain(expected);
    }
    expect(text.filter((p) => p.includes('Twilio'))).toEqual(['Twilio (États-Unis) – Clauses contractuelles types 2021 (décision 2021/914)']);
    expect(text.some((p) => p.startsWith('Comment répondre'))).toBe(true);
    expect(text.some((p) => /^Fiche [0-9a-f-]{36} – traitement T-001, version 1, structure 1/.test(p))).toBe(true);
    // A Word sheet is recorded as sent, but not awaited: the workbook is the one read back.
    expect((await call(core, 'recordSheet:list', { id: record.id }))[0]).toMatchObject({ format: 'docx', status: 'sent' });
    expect(await call(core, 'recordSheet:awaiting', {})).toEqual([]);
  });

  it('a department’s records go out as one .zip of one sheet each; a processor record has no sheet', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: 'Autre' }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-003', name: 'Ailleurs', department: '', status: 'draft' }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-004', name: 'Ancien', status: 'archived' }) });
    const r = await call(core, 'recordSheet:export', { department: 'CUSTOMER_SUPPORT', language: 'en', format: 'xlsx' });
    expect(r.fileName).toMatch(/^record-sheets-\d{4}-\d{2}-\d{2}\.zip$/);
    const { unzipSync } = await import('fflate');
    expect(Object.keys(unzipSync(Buffer.from(r.base64!, 'base64'))).sort()).toEqual([expect.stringMatching(/^record-sheet-t-001-/), expect.stringMatching(/^record-sheet-t-002-/)]);
    expect(await call(core, 'recordSheet:awaiting', {})).toHaveLength(2);
    const { fullProcessorDoc } = await import('../helpers');
    const p = await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    expect(await refusal(call(core, 'recordSheet:export', { ids: [p.id], language: 'fr', format: 'xlsx' }))).toBe('sheetControllerOnly');
  });

  it('a sheet the owner saved again in LibreOffice Calc (answers edited there) reads back with its change', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-sheet-lo-'));
    try {
      const sent = path.join(dir, 'sent', 'fiche.xlsx');
      execFileSync('mkdir', ['-p', path.dirname(sent)]);
      writeFileSync(sent, await edit(await exportSheet(), { software: 'Logiciel v2' }));
      execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', dir, sent], { stdio: 'ignore', timeout: 120_000 });
      const r = await review(readFileSync(path.join(dir, 'fiche.xlsx')));
      expect(r.changes.map((c) => [c.key, c.old, c.new])).toEqual([['software', 'Logiciel d’enregistrement', 'Logiciel v2']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a read-only register shows what a returned sheet changes but writes nothing', async () => {
    const xlsx = await edit(await exportSheet(), { software: 'Logiciel v2' });
    const file = core.dbPath;
    closeCore(core);
    const ro = openCore(file, { actor: 'tester', now: fakeClock(), readonly: true, tolerant: true });
    try {
      const r = await call(ro, 'recordSheet:review', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), language: 'fr' });
      expect(r.changes.map((c) => c.key)).toEqual(['software']);
      const refused = await callResult(ro, 'recordSheet:apply', { recordId: record.id, fileName: 'f.xlsx', base64: b64(xlsx), sha256: r.sha256, version: 1, accept: ['software'], language: 'fr' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'read_only' } });
    } finally {
      closeCore(ro); // the test's own core was closed above: afterEach only removes the folder
    }
  });
});
