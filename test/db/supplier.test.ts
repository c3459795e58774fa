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
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { checkZip, MAX_UNCOMPRESSED } from '../../electron/core/export/zip-guard';
import { todayIso } from '../../shared/domain/validation';

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
    expect((await call(core, 'dashboard:get', { today: '2026-11-24' })).suppliers.transferGaps.items).toEqual([{ id: s.id, name: 'Twilio Ireland Limited', countries: ['US'] }]);
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
      message: 'hours',
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
    expect(d.suppliers.actionsOverdue.items).toEqual([expect.objectContaining({ title: 'Déployer la MFA', due: '2026-01-31' })]);
    expect(d.suppliers.certificationsExpiring.items).toEqual([expect.objectContaining({ type: 'SOC2', expires: '2026-12-15' })]);
    expect(d.suppliers.missingClauses.items).toEqual([expect.objectContaining({ name: 'Twilio Ireland Limited', count: 1 })]);
    expect(d.suppliers.auditsDue.items).toEqual([expect.objectContaining({ nextAuditOn: '2026-12-01', late: false })]);
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
    // Columns: N°, Thème, Question, Type, Réponse (5), Commentaire (6).
    rowOf('A2').getCell(5).value = 'Oui';
    rowOf('A2').getCell(6).value = 'dpo@twilio.test';
    rowOf('A7').getCell(5).value = 'non';
    rowOf('L2').getCell(5).value = 24;
    rowOf('G1').getCell(5).value = 'peut-être'; // not a value of the list
    const filled = Buffer.from(await wb.xlsx.writeBuffer());

    const sent = await call(core, 'audit:get', { id: a.id });
    const { entry, report } = await call(core, 'audit:import', { id: a.id, version: sent.version, base64: filled.toString('base64') });
    expect(report.read).toBe(3);
    expect(report.problems).toEqual([{ row: expect.any(Number), questionId: 'G1', reason: 'badValue', value: 'peut-être' }]);
    expect(entry.doc.answers).toMatchObject({ A2: { value: 'yes', comment: 'dpo@twilio.test' }, A7: { value: 'no' }, L2: { value: '24' } });
    expect(entry.doc.answers.G1).toBeUndefined();
    expect(entry.doc.status).toBe('answered');

    // Another audit's questionnaire, and a questionnaire whose columns were moved: nothing written.
    const other = await call(core, 'audit:create', { supplierId: a.supplierId, templateId: 'builtin' });
    expect(other.doc.sentOn).toBe('');
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

describe('audit questionnaire rules (issue 11)', () => {
  async function exported(language: 'fr' | 'en' = 'fr') {
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const a = await call(core, 'audit:create', { supplierId: s.id, templateId: 'builtin' });
    const out = await call(core, 'audit:questionnaire', { id: a.id, language, format: 'xlsx' });
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
    const head = (ws.getRow(4).values as unknown[]).slice(1);
    const cell = (id: string, column: string) => rowOf(id).getCell(head.indexOf(column) + 1);
    const send = async () => {
      const fresh = await call(core, 'audit:get', { id: a.id });
      return call(core, 'audit:import', { id: a.id, version: fresh.version, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    };
    return { a, wb, ws, head, cell, rowOf, send };
  }

  it('the questionnaire the supplier receives never shows the answer we expect (Word and Excel); our report does', async () => {
    const { a, ws, head } = await exported('en');
    expect(head).toEqual(['No.', 'Theme', 'Question', 'Type', 'Answer', 'Comment, evidence']);
    const texts: string[] = [];
    ws.eachRow((row) => row.eachCell((c) => texts.push(String(c.value))));
    expect(texts.join('\n')).not.toMatch(/Expected|≤ 48/);
    const docx = await call(core, 'audit:questionnaire', { id: a.id, language: 'fr', format: 'docx' });
    const qText = (await docxParagraphs(Buffer.from(docx.base64!, 'base64'))).map((p) => p.text).join('\n');
    expect(qText).not.toContain('Réponse attendue');
    expect(qText).toContain('Dans les meilleurs délais'); // L2's box
    const report = await call(core, 'audit:report', { id: a.id, language: 'fr' });
    const rText = (await docxParagraphs(Buffer.from(report.base64!, 'base64'))).map((p) => p.text).join('\n');
    expect(rText).toContain('Réponse attendue : ≤ 48 heures');
    expect(rText).toContain('Réponse attendue : Oui');
  });

  it('exporting the questionnaire sets "sent on" if empty; importing sets "answered on"', async () => {
    const { a, cell, send } = await exported();
    const sent = await call(core, 'audit:get', { id: a.id });
    const today = todayIso(core.now());
    expect([sent.doc.sentOn, sent.doc.status]).toEqual([today, 'sent']);
    // A second export keeps the first date.
    const withDate = await call(core, 'audit:update', { id: a.id, version: sent.version, doc: { ...sent.doc, sentOn: '2026-01-15' } });
    await call(core, 'audit:questionnaire', { id: a.id, language: 'fr', format: 'docx' });
    expect((await call(core, 'audit:get', { id: a.id })).doc.sentOn).toBe('2026-01-15');
    expect(withDate.doc.answeredOn).toBe('');
    cell('A2', 'Réponse').value = 'oui';
    const { entry } = await send();
    expect([entry.doc.answeredOn, entry.doc.status]).toEqual([today, 'answered']);
  });

  it('a workbook whose question texts were changed is reported row by row; the earlier answer is kept', async () => {
    const { a, cell, send } = await exported();
    const before = await call(core, 'audit:get', { id: a.id });
    await call(core, 'audit:update', { id: a.id, version: before.version, doc: { ...before.doc, answers: { A7: { value: 'no', comment: 'aucune sanction' } } } });
    // The supplier rewrites A7 and answers its own question; changes B1's theme and D1's type; answers A2 honestly.
    cell('A7', 'Question').value = 'Avez-vous déjà été félicité par la CNIL ?';
    cell('A7', 'Réponse').value = 'oui';
    cell('B1', 'Thème').value = 'Autre chose';
    cell('B1', 'Réponse').value = 'oui';
    cell('D1', 'Type').value = 'Texte';
    cell('A2', 'Réponse').value = 'oui';
    cell('A2', 'Commentaire, preuve').value = 'DPO : M. Martin';
    const { entry, report } = await send();
    expect(report.problems).toEqual([
      { row: expect.any(Number), questionId: 'A7', reason: 'lockedChanged', column: 'question', value: 'Avez-vous déjà été félicité par la CNIL ?' },
      { row: expect.any(Number), questionId: 'B1', reason: 'lockedChanged', column: 'theme', value: 'Autre chose' },
      { row: expect.any(Number), questionId: 'D1', reason: 'lockedChanged', column: 'type', value: 'Texte' },
    ]);
    expect(report.read).toBe(1);
    expect(entry.doc.answers.A7).toEqual({ value: 'no', comment: 'aucune sanction' });
    expect(entry.doc.answers.B1).toBeUndefined();
    expect(entry.doc.answers.A2).toEqual({ value: 'yes', comment: 'DPO : M. Martin' });
  });

  it("a formula's cached value is used and reported; no cached value or an error value is reported and the earlier answer kept", async () => {
    const { a, cell, send } = await exported();
    const before = await call(core, 'audit:get', { id: a.id });
    await call(core, 'audit:update', { id: a.id, version: before.version, doc: { ...before.doc, answers: { B2: { value: 'yes', comment: '' }, C1: { value: 'partly', comment: '' }, C2: { value: 'yes', comment: 'Irlande' } } } });
    cell('A2', 'Réponse').value = { formula: 'LOWER("OUI")', result: 'oui' } as ExcelJS.CellFormulaValue;
    cell('B2', 'Réponse').value = { formula: 'VLOOKUP(1,Z1:Z2,2,0)', result: { error: '#N/A' } } as unknown as ExcelJS.CellFormulaValue;
    cell('C1', 'Réponse').value = { formula: 'A1' } as ExcelJS.CellFormulaValue;
    cell('C2', 'Commentaire, preuve').value = { error: '#REF!' } as ExcelJS.CellErrorValue;
    cell('E1', 'Commentaire, preuve').value = { richText: [{ text: 'Clause ' }, { font: { bold: true }, text: '7.2' }] };
    cell('E1', 'Réponse').value = 'oui';
    const { entry, report } = await send();
    expect(report.problems).toEqual([
      { row: expect.any(Number), questionId: 'A2', reason: 'formula', column: 'answer', value: 'oui' },
      { row: expect.any(Number), questionId: 'B2', reason: 'errorValue', column: 'answer', value: '#N/A' },
      { row: expect.any(Number), questionId: 'C1', reason: 'formulaNoValue', column: 'answer', value: '' },
      { row: expect.any(Number), questionId: 'C2', reason: 'errorValue', column: 'comment', value: '#REF!' },
    ]);
    expect(entry.doc.answers).toMatchObject({ A2: { value: 'yes' }, B2: { value: 'yes' }, C1: { value: 'partly' }, C2: { value: 'yes', comment: 'Irlande' }, E1: { value: 'yes', comment: 'Clause 7.2' } });
    expect(JSON.stringify(entry.doc.answers)).not.toContain('[object Object]');
  });

  it('a text longer than the field is reported, not cut silently', async () => {
    const { a, cell, send } = await exported();
    const before = await call(core, 'audit:get', { id: a.id });
    await call(core, 'audit:update', { id: a.id, version: before.version, doc: { ...before.doc, answers: { A2: { value: 'yes', comment: 'court' } } } });
    cell('A2', 'Commentaire, preuve').value = 'x'.repeat(5001);
    cell('A1', 'Réponse').value = 'y'.repeat(2001);
    const { entry, report } = await send();
    expect(report.problems.map((p) => [p.questionId, p.reason, p.column])).toEqual([
      ['A1', 'tooLong', 'answer'],
      ['A2', 'tooLong', 'comment'],
    ]);
    expect(report.problems[0]!.value.length).toBeLessThan(200); // the report shows the start of it
    expect(entry.doc.answers.A2).toEqual({ value: 'yes', comment: 'court' });
  });

  it('L2 is read back from the workbook as a number of hours or "without undue delay"', async () => {
    const { cell, send } = await exported();
    cell('L2', 'Réponse').value = 'Dans les meilleurs délais';
    cell('G1', 'Réponse').value = 'oui';
    let r = await send();
    expect(r.entry.doc.answers.L2!.value).toBe('undue');
    cell('L2', 'Réponse').value = '24 h';
    r = await send();
    expect(r.entry.doc.answers.L2!.value).toBe('24');
  });

  it('the import report stops at 200 rows and counts the others', async () => {
    const { ws, send } = await exported();
    for (let i = 0; i < 260; i++) ws.getRow(100 + i).values = [`Z${i}`, '', '', '', 'oui', ''];
    const { report } = await send();
    expect(report.problems).toHaveLength(200);
    expect(report.more).toBe(60);
    expect(report.problems[0]).toMatchObject({ questionId: 'Z0', reason: 'unknownQuestion' });
  });

  it('a workbook that decompresses beyond the limit is refused before it is expanded', async () => {
    const { a } = await exported();
    const before = await call(core, 'audit:get', { id: a.id });
    // 60 MB of zeros compress to a few dozen kB.
    const bomb = Buffer.from(zipSync({ '[Content_Types].xml': new Uint8Array(10), 'xl/worksheets/sheet1.xml': new Uint8Array(MAX_UNCOMPRESSED + 10 * 1024 * 1024) }, { level: 9 }));
    expect(bomb.length).toBeLessThan(200_000);
    expect(checkZip(bomb)).toBe('tooLarge');
    expect(await issues(call(core, 'audit:import', { id: a.id, version: before.version, base64: bomb.toString('base64') }))).toEqual([{ path: 'file', message: 'importTooLarge|{"max":50}' }]);
    // A header that lies about the size: caught while inflating, stopped at the declared size.
    const small = Buffer.from(zipSync({ 'a.xml': new Uint8Array(3 * 1024 * 1024) }, { level: 9 }));
    const lying = Buffer.from(small);
    const cd = lying.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
    lying.writeUInt32LE(1000, cd + 24);
    expect(checkZip(small)).toBe('ok');
    expect(checkZip(lying)).toBe('tooLarge');
    // Too many entries.
    const many = Buffer.from(zipSync(Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`f${i}.xml`, new Uint8Array(1)]))));
    expect(checkZip(many)).toBe('tooLarge');
    expect(checkZip(Buffer.from('not a zip at all, not even close'))).toBe('notZip');
    expect((await call(core, 'audit:get', { id: a.id })).version).toBe(before.version);
  });

  it('the Excel questionnaire prints: A4 landscape, one page wide, the header row repeated, wrapped text, only answer and comment unlocked', async () => {
    const { ws, rowOf, head } = await exported();
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '4:4' });
    expect(ws.columns.map((c) => c.width)).toEqual([6, 22, 62, 14, 20, 48]);
    const row = rowOf('C3');
    expect(row.getCell(3).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    // A height for the wrapped question (LibreOffice prints with it), not marked custom (Excel grows it as the supplier types).
    expect(row.height).toBeGreaterThanOrEqual(30);
    const { a } = await exported();
    const raw = Buffer.from((await call(core, 'audit:questionnaire', { id: a.id, language: 'fr', format: 'xlsx' })).base64!, 'base64');
    const sheet = strFromU8(unzipSync(raw)['xl/worksheets/sheet1.xml']!);
    expect(sheet).toMatch(new RegExp(`<row r="${row.number}" ht="\\d+"(?![^>]*customHeight)`));
    expect(sheet).toMatch(/<row r="2" ht="32" customHeight="1"/);
    expect(head.map((_, i) => row.getCell(i + 1).protection?.locked === false)).toEqual([false, false, false, false, true, true]);
  });

  it('the coverage threshold set in Settings decides whether a verdict is incomplete, on the audit and the supplier list', async () => {
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const a = await call(core, 'audit:create', { supplierId: s.id, templateId: 'builtin' });
    // Every theme answered as expected but a few questions: about 86 % of the weight.
    const skip = new Set(['A4', 'A5', 'B3', 'C4', 'D4', 'E3', 'F4', 'H2', 'J3', 'K2']);
    const answers = Object.fromEntries(a.template.questions.filter((q) => q.type !== 'text' && !skip.has(q.id)).map((q) => [q.id, { value: q.type === 'hours' ? '24' : q.expected, comment: '' }]));
    const answered = await call(core, 'audit:update', { id: a.id, version: a.version, doc: { ...a.doc, answers } });
    expect(await call(core, 'audit:settings', {})).toEqual({ coverageThreshold: 0.9 });
    expect(answered.score.coverage).toBeLessThan(90);
    expect(answered.score.verdict).toBe('incomplete');
    expect((await call(core, 'supplier:list', { scope: 'live' }))[0]!.lastVerdict).toBe('incomplete');
    await call(core, 'audit:saveSettings', { settings: { coverageThreshold: 0.8 } });
    const after = await call(core, 'audit:get', { id: a.id });
    expect([after.coverageThreshold, after.score.verdict]).toEqual([0.8, 'compliant']);
    expect((await call(core, 'audit:list', { supplierId: s.id }))[0]!.verdict).toBe('compliant');
    expect(await issues(call(core, 'audit:saveSettings', { settings: { coverageThreshold: 0.4 } }))).toEqual([{ path: 'settings.coverageThreshold', message: 'min|{"min":0.5}' }]);
  });

  it('a workbook sent before issue 11 (with the expected answer column) is still read back, that column locked too', async () => {
    const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const a = await call(core, 'audit:create', { supplierId: s.id, templateId: 'builtin' });
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Questionnaire');
    ws.getRow(4).values = ['N°', 'Thème', 'Question', 'Type', 'Réponse attendue', 'Réponse', 'Commentaire, preuve'];
    const theme = new Map(a.template.themes.map((t) => [t.id, t.labelFr]));
    const type = { scale: 'Oui / non', number: 'Nombre', text: 'Texte', document: 'Document', hours: 'Heures ou « dans les meilleurs délais »' };
    a.template.questions.forEach((q, i) => {
      const expected = q.type === 'hours' ? `≤ ${q.expected}` : q.type === 'text' ? '' : q.expected === 'yes' ? 'oui' : 'non';
      ws.getRow(5 + i).values = [q.id, theme.get(q.theme)!, q.textFr, type[q.type], q.id === 'A3' ? 'peu importe' : expected, q.id === 'A2' || q.id === 'A3' ? 'oui' : '', ''];
    });
    const meta = wb.addWorksheet('_dpo', { state: 'veryHidden' });
    meta.addRow(['layout', 'dpo-desk-audit-1']);
    meta.addRow(['audit', a.id]);
    meta.addRow(['questions', a.template.questions.map((q) => q.id).join(',')]);
    const { entry, report } = await call(core, 'audit:import', { id: a.id, version: a.version, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') });
    expect(entry.doc.answers.A2).toEqual({ value: 'yes', comment: '' });
    expect(report.problems).toEqual([{ row: expect.any(Number), questionId: 'A3', reason: 'lockedChanged', column: 'expected', value: 'peu importe' }]);
  });
});
