import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { documentsDir } from '../../electron/core/services/supplier.service';
import { prepareRegisterExport } from '../../electron/core/export/export.service';
import { AppError } from '../../shared/errors';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { docxParagraphs, under } from '../docx-text';
import { call, fullControllerDoc, fullSupplierDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

const issues = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(AppError);
  const d = (e as AppError).data;
  return d.code === 'validation' ? d.issues : [{ path: '', message: d.code }];
};

describe('the supplier register', () => {
  it('records a supplier linked to activities, visible from both sides, with its contract findings', async () => {
    const rec = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc({ activityIds: [rec.id] }) });
    expect(s.findings).toEqual([{ key: 'missing', clause: 'h' }]);
    expect((await call(core, 'supplier:forActivity', { id: rec.id })).map((x) => x.name)).toEqual(['Twilio Ireland Limited']);
    const [summary] = await call(core, 'supplier:list', { scope: 'live' });
    expect(summary).toMatchObject({ name: 'Twilio Ireland Limited', activities: 1, dpaSigned: true, missingClauses: 1, countries: ['IE', 'US'] });
    // Data kept and reached in the US with no transfer recorded: said on the supplier and the dashboard, until a transfer covers it.
    expect(summary!.transferGaps).toEqual(['US']);
    expect((await call(core, 'dashboard:get', { today: '2026-11-24' })).suppliers.transferGaps).toEqual([{ id: s.id, name: 'Twilio Ireland Limited', countries: ['US'] }]);
    await call(core, 'transfer:create', { doc: { ...emptyTransferDoc(), title: 'Twilio', importerSupplierId: s.id, importerCountry: 'US', mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 2 } } });
    expect((await call(core, 'supplier:get', { id: s.id })).transferGaps).toEqual([]);
    expect(await issues(call(core, 'supplier:update', { id: s.id, version: s.version, doc: { ...s.doc, storageCountries: ['QQ'] } }))).toContainEqual({ path: 'storageCountries.0', message: 'country' });
    // Unlinking removes it from the activity's side.
    await call(core, 'supplier:update', { id: s.id, version: s.version, doc: { ...s.doc, activityIds: [] } });
    expect(await call(core, 'supplier:forActivity', { id: rec.id })).toEqual([]);
    const hist = await call(core, 'supplier:history', { id: s.id });
    expect(hist.map((h) => h.action)).toEqual(['update', 'create']);
  });

  it('refuses a signed agreement without its date, an unknown data category, an activity not in the register', async () => {
    const bad = fullSupplierDoc({ dataCategories: ['NOPE'], activityIds: ['7d0c7e5e-8d0b-4c53-9d7e-1f0f4c3f9a11'] });
    expect(await issues(call(core, 'supplier:create', { doc: { ...bad, dpa: { ...bad.dpa, signedOn: '' } } }))).toContainEqual({ path: 'dpa.signedOn', message: 'signedOnRequired' });
    const found = await issues(call(core, 'supplier:create', { doc: bad }));
    expect(found).toEqual(expect.arrayContaining([{ path: 'dataCategories.0', message: 'unknownCode' }, { path: 'activityIds.0', message: 'unknownActivity' }]));
    expect(await call(core, 'supplier:list', { scope: 'live' })).toEqual([]);
  });

  it('keeps documents in the data folder with their SHA-256, and refuses to open one changed outside the app', async () => {
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const content = Buffer.from('%PDF-1.4 contrat signé');
    const withDoc = await call(core, 'supplier:addDocument', { id: s.id, kind: 'dpa', name: 'DPA Twilio.pdf', base64: content.toString('base64') });
    const d = withDoc.documents[0]!;
    expect(d).toMatchObject({ kind: 'dpa', name: 'DPA Twilio.pdf', size: content.length, sha256: createHash('sha256').update(content).digest('hex') });
    expect(readFileSync(path.join(documentsDir(core), `${d.id}.pdf`)).equals(content)).toBe(true);
    const opened = await call(core, 'supplier:openDocument', { documentId: d.id });
    expect(Buffer.from(opened.base64!, 'base64').equals(content)).toBe(true);
    writeFileSync(path.join(documentsDir(core), `${d.id}.pdf`), 'tampered');
    await expect(call(core, 'supplier:openDocument', { documentId: d.id })).rejects.toMatchObject({ data: { code: 'conflict' } });
    expect(await issues(call(core, 'supplier:addDocument', { id: s.id, kind: 'dpa', name: '../../evil.pdf', base64: 'AAAA' }))).toContainEqual({ path: 'name', message: 'invalid' });
    const removed = await call(core, 'supplier:removeDocument', { documentId: d.id });
    expect(removed.documents).toEqual([]);
  });
});

describe('suppliers in the trash', () => {
  it('go to the trash and back with their audits; emptying the trash erases them, the audit log keeps them', async () => {
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const a = await call(core, 'audit:create', { supplierId: s.id, templateId: 'builtin' });
    await call(core, 'supplier:delete', { id: s.id });
    expect(await call(core, 'supplier:list', { scope: 'live' })).toEqual([]);
    await expect(call(core, 'supplier:update', { id: s.id, version: s.version + 1, doc: s.doc })).rejects.toMatchObject({ data: { code: 'conflict' } });
    await call(core, 'supplier:restore', { id: s.id });
    expect((await call(core, 'audit:list', { supplierId: s.id })).map((x) => x.id)).toEqual([a.id]);
    await call(core, 'supplier:delete', { id: s.id });
    expect(await call(core, 'trash:empty', {})).toEqual({ purged: 1 });
    await expect(call(core, 'audit:get', { id: a.id })).rejects.toMatchObject({ data: { code: 'not_found' } });
    expect((await call(core, 'supplier:history', { id: s.id }).catch((e: { data: { code: string } }) => e.data.code))).toBe('not_found');
    const log = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'supplier' AND entity_id = ? ORDER BY id").pluck().all(s.id);
    expect(log).toEqual(['create', 'delete', 'restore', 'delete', 'purge']);
  });
});

describe('audits', () => {
  async function newAudit() {
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const a = await call(core, 'audit:create', { supplierId: s.id, templateId: 'builtin' });
    return { s, a };
  }

  it('runs from the built-in grid, scores the answers, keeps findings and actions, and the template version it used', async () => {
    const { s, a } = await newAudit();
    expect(a.template.questions).toHaveLength(55);
    expect(a.score.overall).toBeNull();
    const answers = Object.fromEntries(a.template.questions.filter((q) => q.type === 'scale').map((q) => [q.id, { value: q.expected, comment: '' }]));
    answers.F2 = { value: 'no', comment: 'Pas de MFA pour le support' };
    const updated = await call(core, 'audit:update', {
      id: a.id,
      version: a.version,
      doc: { ...a.doc, status: 'answered', answers, findings: [{ questionId: 'F2', severity: 'critical', description: 'MFA absente' }], actions: [{ title: 'Déployer la MFA', owner: 'RSSI Twilio', due: '2026-01-31', status: 'open' }] },
    });
    expect(updated.score.criticalFailed).toEqual(['F2']);
    expect(updated.score.verdict).toBe('nonCompliant');
    expect(updated.score.unanswered).toEqual(['A4', 'L2', 'O2']);
    expect(await issues(call(core, 'audit:update', { id: a.id, version: updated.version, doc: { ...updated.doc, answers: { ...answers, L2: { value: 'vite', comment: '' } } } }))).toContainEqual({
      path: 'answers.L2.value',
      message: 'number',
    });

    // A copy of the grid, edited: a new version; the audit keeps version 1 of the built-in grid.
    const copy = await call(core, 'audit:copyTemplate', { id: 'builtin', name: 'Grille télécom' });
    const edited = await call(core, 'audit:saveTemplate', { id: copy.id, doc: { ...copy.doc, questions: copy.doc.questions.slice(0, 10) } });
    expect([copy.version, edited.version]).toEqual([1, 2]);
    await expect(call(core, 'audit:saveTemplate', { id: 'builtin', doc: copy.doc })).rejects.toMatchObject({ data: { code: 'conflict' } });
    expect((await call(core, 'audit:get', { id: a.id })).template.questions).toHaveLength(55);
    const second = await call(core, 'audit:create', { supplierId: s.id, templateId: copy.id });
    expect([second.templateVersion, second.template.questions.length]).toEqual([2, 10]);

    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect(d.suppliers.actionsOverdue).toEqual([expect.objectContaining({ title: 'Déployer la MFA', due: '2026-01-31' })]);
    expect(d.suppliers.certificationsExpiring).toEqual([expect.objectContaining({ type: 'SOC2', expires: '2026-12-15' })]);
    expect(d.suppliers.missingClauses).toEqual([expect.objectContaining({ name: 'Twilio Ireland Limited', count: 1 })]);
    expect(d.suppliers.auditsDue).toEqual([expect.objectContaining({ nextAuditOn: '2026-12-01', late: false })]);
  });

  it('the questionnaire goes out as .xlsx and comes back filled in; a wrong file is refused whole, a bad row is reported', async () => {
    const { a } = await newAudit();
    const out = await call(core, 'audit:questionnaire', { id: a.id, language: 'fr', format: 'xlsx' });
    // The supplier fills it in with a spreadsheet program.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.base64!, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const rowOf = (id: string) => {
      let n = 0;
      ws.eachRow((row, i) => {
        if (row.getCell(1).value === id) n = i;
      });
      return ws.getRow(n);
    };
    rowOf('A2').getCell(6).value = 'Oui';
    rowOf('A2').getCell(7).value = 'dpo@twilio.test';
    rowOf('A7').getCell(6).value = 'non';
    rowOf('L2').getCell(6).value = 24;
    rowOf('G1').getCell(6).value = 'peut-être'; // not a value of the list
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const { entry, report } = await call(core, 'audit:import', { id: a.id, version: a.version, base64: filled.toString('base64') });
    expect(report.read).toBe(3);
    expect(report.problems).toEqual([{ row: expect.any(Number), questionId: 'G1', reason: 'badValue', value: 'peut-être' }]);
    expect(entry.doc.answers).toMatchObject({ A2: { value: 'yes', comment: 'dpo@twilio.test' }, A7: { value: 'no' }, L2: { value: '24' } });
    expect(entry.doc.answers.G1).toBeUndefined();
    expect(entry.doc.status).toBe('answered');

    // Another audit's questionnaire, and a questionnaire whose columns were moved: nothing written.
    const other = await call(core, 'audit:create', { supplierId: a.supplierId, templateId: 'builtin' });
    expect(await issues(call(core, 'audit:import', { id: other.id, version: other.version, base64: filled.toString('base64') }))).toEqual([{ path: 'file', message: 'importOtherAudit' }]);
    ws.spliceColumns(2, 1);
    const moved = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await issues(call(core, 'audit:import', { id: a.id, version: entry.version, base64: moved.toString('base64') }))).toEqual([{ path: 'file', message: 'importLayoutChanged' }]);
    expect(await issues(call(core, 'audit:import', { id: a.id, version: entry.version, base64: Buffer.from('not a workbook').toString('base64') }))).toEqual([{ path: 'file', message: 'importNotXlsx' }]);
    expect((await call(core, 'audit:get', { id: other.id })).doc.answers).toEqual({});
    expect((await call(core, 'audit:get', { id: a.id })).version).toBe(entry.version);
  });

  it('the report and the questionnaire as Word; the supplier list as an annex of the register', async () => {
    const { s, a } = await newAudit();
    await call(core, 'audit:update', { id: a.id, version: a.version, doc: { ...a.doc, answers: { A2: { value: 'yes', comment: '' }, F2: { value: 'no', comment: '' } }, findings: [{ questionId: 'F2', severity: 'high', description: 'MFA absente pour le support' }] } });
    const report = await call(core, 'audit:report', { id: a.id, language: 'fr' });
    const ps = await docxParagraphs(Buffer.from(report.base64!, 'base64'));
    const text = ps.map((p) => p.text).join('\n');
    expect(ps.find((p) => p.style === 'DocTitle')?.text).toBe('Rapport d’audit – Twilio Ireland Limited');
    expect(text).toContain('Non conforme');
    expect(text).toContain('F2 – Authentification multifacteur');
    expect(under(ps, 'Constats').map((p) => p.text)).toContain('MFA absente pour le support');
    expect(under(ps, 'Constats sur le contrat').map((p) => p.text)).toContain('Clause absente : 28.3.h – Informations et audits');
    const q = await call(core, 'audit:questionnaire', { id: a.id, language: 'en', format: 'docx' });
    const qText = (await docxParagraphs(Buffer.from(q.base64!, 'base64'))).map((p) => p.text).join('\n');
    expect(qText).toContain('Audit questionnaire – Twilio Ireland Limited');
    expect(qText).toContain('Knock-out question');
    expect(qText).toContain('Grid: Processor audit grid (built in) (version 1)');
    expect(q.fileName).toMatch(/^questionnaire-twilio-ireland-limited-\d{4}-\d{2}-\d{2}\.docx$/);

    const reg = await prepareRegisterExport(core, { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: false, transfers: false, suppliers: true } });
    const annex = under(await docxParagraphs(reg.buffer), 'Annexe – Sous-traitants et destinataires').map((p) => p.text).join('\n');
    expect(annex).toContain('Twilio Ireland Limited (Twilio)');
    expect(annex).toContain('1 clause(s) absente(s)');
    expect(s.findings).toHaveLength(1);
  });
});
