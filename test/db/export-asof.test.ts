import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { prepareRegisterExport, previewRegisterExport, recordExport } from '../../electron/core/export/export.service';
import { registerAsOf } from '../../electron/core/export/history';
import type { ExportOptions } from '../../electron/core/export/model';
import { AppError } from '../../shared/errors';
import type { ControllerDoc } from '../../shared/domain/register';
import { docxPart, docxParagraphs, under } from '../docx-text';
import { emptyRetention } from '../../shared/domain/register';
import { call, fullControllerDoc, fullProcessorDoc, tempDir } from '../helpers';

/** A clock the test moves: each call is one second later; `at(iso)` jumps to a moment. */
let t = 0;
const at = (iso: string) => {
  t = Date.parse(iso);
};
let core: Core;
let cleanup: () => void;
beforeEach(() => {
  const dir = tempDir();
  at('2026-03-01T08:00:00.000Z');
  core = openCore(path.join(dir.dir, 'register.sqlite'), { actor: 'tester', now: () => new Date((t += 1000)) });
  cleanup = () => {
    closeCore(core);
    dir.cleanup();
  };
});
afterEach(() => cleanup());

const FR: ExportOptions = { language: 'fr', registers: 'both', asOf: '2026-03-01', includeArchived: false, annexes: { lists: false, transfers: true } };

async function exportAs(options: ExportOptions) {
  const prepared = await prepareRegisterExport(core, options);
  const record = recordExport(core, prepared, prepared.fileName);
  const paragraphs = await docxParagraphs(prepared.buffer);
  return { prepared, record, paragraphs, text: paragraphs.map((p) => p.text).join('\n') };
}

const retention = (days: number): ControllerDoc['dataCategories'] => [
  { category: 'COMM_CONTENT', description: 'Enregistrement audio', retention: { ...emptyRetention(), duration: days, unit: 'days', criterion: 'après l’appel' } },
];

/** Day 1 (1 March): two records, 90 days. 10 March: 180 days. 20 March: the second one deleted. */
async function history() {
  const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ dataCategories: retention(90) }) });
  const b = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: 'Paie' }) });
  at('2026-03-10T10:00:00.000Z');
  await call(core, 'register:update', { kind: 'controller', id: a.id, version: 1, doc: fullControllerDoc({ dataCategories: retention(180) }) });
  at('2026-03-20T10:00:00.000Z');
  await call(core, 'register:delete', { id: b.id });
  at('2026-03-25T10:00:00.000Z');
  return { a, b };
}

describe('the register as it stood on the as-of date', () => {
  it('rebuilds each record from the audit log: 90 days on the first day, 180 days later, a record deleted later still there', async () => {
    await history();
    const first = await exportAs(FR);
    expect(under(first.paragraphs, 'T-001 – Enregistrement des appels').map((p) => p.text)).toContain('Conservation : 90 jours, après l’appel');
    expect(first.paragraphs.some((p) => p.text === 'T-002 – Paie' && p.style === 'Heading2')).toBe(true);
    // French dates: "1er"
    expect(first.text).toContain('Situation au 1er mars 2026');

    const later = await exportAs({ ...FR, asOf: '2026-03-15' });
    expect(under(later.paragraphs, 'T-001 – Enregistrement des appels').map((p) => p.text)).toContain('Conservation : 180 jours, après l’appel');
    expect(later.paragraphs.some((p) => p.text === 'T-002 – Paie' && p.style === 'Heading2')).toBe(true);

    const after = await exportAs({ ...FR, asOf: '2026-03-21' });
    expect(after.paragraphs.some((p) => p.text === 'T-002 – Paie' && p.style === 'Heading2')).toBe(false);
  });

  it('writes the organisation and the reference labels as they were on that date', async () => {
    await history();
    const org = await call(core, 'org:get', {});
    await call(core, 'org:save', { doc: { ...org, legalName: 'Ancien Nom SAS' } });
    at('2026-04-02T10:00:00.000Z');
    await call(core, 'org:save', { doc: { ...org, legalName: 'Nouveau Nom SAS' } });
    await call(core, 'lists:saveItem', { list: 'departments', code: 'CUSTOMER_SUPPORT', labelFr: 'Relation client', labelEn: 'Customer care', archived: false });
    const march = await exportAs({ ...FR, asOf: '2026-03-31' });
    expect(march.text).toContain('Ancien Nom SAS');
    expect(march.text).not.toContain('Nouveau Nom SAS');
    expect(under(march.paragraphs, 'T-001 – Enregistrement des appels').map((p) => p.text)).toContain('Support client');
    const april = await exportAs({ ...FR, asOf: '2026-04-02' });
    expect(april.text).toContain('Nouveau Nom SAS');
    expect(under(april.paragraphs, 'T-001 – Enregistrement des appels').map((p) => p.text)).toContain('Relation client');
  });

  it('ends the day in the organisation’s zone (Europe/Paris): a change at 00:30 Paris time is the next day', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ dataCategories: retention(90) }) });
    at('2026-03-10T23:30:00.000Z'); // 11 March, 00:30 in Paris
    await call(core, 'register:update', { kind: 'controller', id: a.id, version: 1, doc: fullControllerDoc({ dataCategories: retention(180) }) });
    const days = (asOf: string) => (registerAsOf(core, asOf).controller[0]!.doc as ControllerDoc).dataCategories[0]!.retention.duration;
    expect(days('2026-03-10')).toBe(90);
    expect(days('2026-03-11')).toBe(180);
    expect(registerAsOf(core, '2026-03-10').rebuilt).toBe(true);
    expect(registerAsOf(core, '2026-03-11').rebuilt).toBe(false); // nothing changed since: the current rows
  });

  it('refuses a date before the first record, and the screen is told so', async () => {
    await history();
    const refused = await prepareRegisterExport(core, { ...FR, asOf: '2026-02-28' }).catch((e: AppError) => e.data);
    expect(refused).toMatchObject({ code: 'validation', issues: [{ path: 'asOf', message: 'asOfBeforeFirst|{"date":"2026-03-01"}' }] });
    expect(await call(core, 'export:preview', { asOf: '2026-02-28', registers: 'both', includeArchived: false, includeDrafts: false })).toMatchObject({ beforeFirst: true, firstRecordOn: '2026-03-01' });
    // Nor is a date after today: the register is not known ahead.
    const future = await prepareRegisterExport(core, { ...FR, asOf: '2026-04-30' }).catch((e: AppError) => e.data);
    expect(future).toMatchObject({ code: 'validation', issues: [{ path: 'asOf', message: 'inFuture' }] });
    expect(await call(core, 'export:preview', { asOf: '2026-03-01', registers: 'both', includeArchived: false, includeDrafts: false })).toMatchObject({ beforeFirst: false });
  });
});

describe('one version per register state', () => {
  it('gives the same version to the same state in French then English, the next to a changed state, with old → new values', async () => {
    const { a } = await history();
    const fr1 = await exportAs({ ...FR, asOf: '2026-03-25' });
    const en1 = await exportAs({ ...FR, asOf: '2026-03-25', language: 'en' });
    expect([fr1.record.version, en1.record.version]).toEqual([1, 1]);
    expect(en1.text).toContain('First export of the register');

    await call(core, 'register:update', { kind: 'controller', id: a.id, version: 2, doc: fullControllerDoc({ dataCategories: retention(90), purposes: [{ ...fullControllerDoc().purposes[0]!, text: 'Former les équipes' }] }) });
    const fr2 = await exportAs({ ...FR, asOf: '2026-03-25' });
    const en2 = await exportAs({ ...FR, asOf: '2026-03-25', language: 'en' });
    expect([fr2.record.version, en2.record.version]).toEqual([2, 2]);
    const frChanges = under(fr2.paragraphs, 'Changements depuis le dernier export').map((p) => p.text);
    expect(frChanges[0]).toMatch(/^Par rapport à l’export n° 1 du 25 mars 2026/);
    expect(frChanges.some((l) => /^Finalités et bases légales : Former les conseillers \(.+\) → Former les équipes \(.+\)$/.test(l))).toBe(true);
    expect(frChanges).toContain('Catégories de données personnelles (Contenu des communications (enregistrements d\'appels, messages)) – Conservation : 180 jours, après l’appel → 90 jours, après l’appel');
    // The English document compares with the same state (version 1), in English.
    const enChanges = under(en2.paragraphs, 'Changes since the last export').map((p) => p.text);
    expect(enChanges[0]).toMatch(/^Compared with export no\. 1 of 25 March 2026/);
    expect(enChanges.some((l) => /Retention: 180 days, après l’appel → 90 days, après l’appel$/.test(l))).toBe(true);
    expect(enChanges.some((l) => /^Purposes and legal bases: Former les conseillers \(.+\) → Former les équipes \(.+\)$/.test(l))).toBe(true);
  });
});

describe('one version per state, read from the rows or rebuilt', () => {
  it('keeps the version of a date exported again after later changes (rebuilt from the audit log then)', async () => {
    await history();
    const now = await exportAs({ ...FR, asOf: '2026-03-25' }); // nothing after: the current rows
    at('2026-03-26T10:00:00.000Z');
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    expect(registerAsOf(core, '2026-03-25').rebuilt).toBe(true);
    const again = await exportAs({ ...FR, asOf: '2026-03-25' });
    expect(again.prepared.stateHash).toBe(now.prepared.stateHash);
    expect(again.record.version).toBe(1);
  });
});

describe('one version per state, with every annex', () => {
  it('keeps the version of the demo exported in French then in English', async () => {
    at('2026-11-24T09:00:00.000Z');
    await call(core, 'app:setup', { mode: 'demo' });
    const all = { ...FR, asOf: '2026-11-24', annexes: { lists: true, transfers: true, breaches: true, suppliers: true } };
    const fr = await exportAs(all);
    const en = await exportAs({ ...all, language: 'en' });
    expect([fr.record.version, en.record.version]).toEqual([1, 1]);
    expect(en.prepared.stateHash).toBe(fr.prepared.stateHash);
  });
});

describe('drafts', () => {
  it('are left out by default and listed; included when asked', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: 'P-9', name: 'Brouillon client', status: 'draft' }) });
    const out = await exportAs(FR);
    expect(out.paragraphs.some((p) => p.text.startsWith('P-9 –'))).toBe(false);
    expect(out.prepared.draftsLeftOut).toEqual([{ kind: 'processor', ref: 'P-9', name: 'Brouillon client' }]);
    expect((await call(core, 'export:preview', { asOf: '2026-03-01', registers: 'both', includeArchived: false, includeDrafts: false })).draftsLeftOut).toEqual([
      { kind: 'processor', ref: 'P-9', name: 'Brouillon client' },
    ]);
    const withDrafts = await exportAs({ ...FR, includeDrafts: true });
    expect(withDrafts.paragraphs.some((p) => p.text === 'P-9 – Brouillon client')).toBe(true);
    expect(withDrafts.prepared.draftsLeftOut).toEqual([]);
    expect(withDrafts.record.version).toBe(2); // another state: the draft is in it
  });
});

describe('the pages', () => {
  it('starts each record on a new page, in the laid-out and in the streamed document', async () => {
    for (const n of [2, 51]) {
      for (let i = 1; i <= n; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `X${n}-${String(i).padStart(3, '0')}`, name: `Traitement ${i}` }) });
      const { prepared } = await exportAs({ ...FR, registers: 'controller' });
      const paragraphs = await docxParagraphs(prepared.buffer);
      const records = paragraphs.filter((p) => p.style === 'Heading2' && /^X\d+-\d{3} – /.test(p.text));
      expect(records.length).toBeGreaterThanOrEqual(n);
      const breaks = (p: { xml: string }) => /<w:pageBreakBefore\/>|<w:pageBreakBefore w:val="(true|1)"\/>/.test(p.xml);
      // Each record starts a page: on its own, or the first one right under the part's heading, which starts one.
      for (const r of records) {
        const before = paragraphs[paragraphs.indexOf(r) - 1]!;
        expect(breaks(r) || (before.style === 'Heading1' && breaks(before)), r.text).toBe(true);
      }
      const doc = await docxPart(prepared.buffer, 'word/document.xml');
      expect(doc).not.toMatch(/choisissez|choose a|choisir/i);
    }
  });
});
