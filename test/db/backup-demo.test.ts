import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { backupTo } from '../../electron/core/services/backup.service';
import { checkRegister } from '../../electron/core/services/check.service';
import demo from '../../resources/demo/demo-register.json';
import { call, callResult, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';

let core: Core;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ core, dir, cleanup } = testCore()));
afterEach(() => cleanup());

describe('backup and restore', () => {
  it('takes a consistent copy while records are being written', async () => {
    for (let i = 0; i < 300; i++) {
      await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `B-${i}`, notes: 'x'.repeat(2000) }) });
    }
    let writes = 0;
    let stop = false;
    // Writes keep going on the same connection while the backup API copies pages.
    const writer = (async () => {
      while (!stop) {
        await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `W-${writes}` }) });
        writes++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const target = path.join(dir, 'copy.sqlite');
    const info = await backupTo(core, target);
    stop = true;
    await writer;
    expect(info.size).toBeGreaterThan(0);
    expect(writes).toBeGreaterThan(0);
    const copy = new Database(target, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    const copied = copy.prepare('SELECT count(*) FROM register_entry').pluck().get() as number;
    const audits = copy.prepare("SELECT count(*) FROM audit_log WHERE action = 'create'").pluck().get() as number;
    copy.close();
    expect(copied).toBeGreaterThanOrEqual(300);
    expect(copied).toBeLessThanOrEqual(300 + writes);
    expect(audits).toBe(copied); // every copied record has its audit entry: no torn transaction
  });

  it('refuses to overwrite an existing file', async () => {
    const target = path.join(dir, 'x.sqlite');
    await backupTo(core, target);
    await expect(backupTo(core, target)).rejects.toThrow(/already exists/);
  });

  it('restores a backup from the list, after backing up the current state', async () => {
    const kept = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const backup = await call(core, 'backup:create', {});
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    expect((await call(core, 'backup:list', {})).map((b) => b.file)).toContain(backup.file);

    await call(core, 'backup:restore', { file: backup.file });
    const refs = (await call(core, 'register:list', { kind: 'controller', scope: 'live' })).map((s) => s.ref);
    expect(refs).toEqual(['T-001']);
    expect((await call(core, 'register:get', { id: kept.id })).doc.ref).toBe('T-001');
    expect((await call(core, 'backup:list', {})).some((b) => b.file.includes('before-restore'))).toBe(true);
  });

  it('refuses a path outside the backup folder and a file that is not a register', async () => {
    expect(await callResult(core, 'backup:restore', { file: '../register.sqlite' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    mkdirSync(core.backupDir, { recursive: true });
    const bogus = path.join(core.backupDir, 'bogus.sqlite');
    new Database(bogus).close();
    expect(await callResult(core, 'backup:restore', { file: 'bogus.sqlite' })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(existsSync(core.dbPath)).toBe(true);
  });
});

describe('first run and the demo register', () => {
  it('offers the choice on a new file, then remembers it', async () => {
    expect((await call(core, 'app:info', {})).needsSetup).toBe(true);
    const info = await call(core, 'app:setup', { mode: 'empty' });
    expect(info.needsSetup).toBe(false);
    expect(await call(core, 'register:list', { kind: 'controller', scope: 'live' })).toEqual([]);
  });

  it('builds the demo from the seeds: both registers, complete active records, Twilio/GCP/AWS', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const controller = await call(core, 'register:list', { kind: 'controller', scope: 'live' });
    const processor = await call(core, 'register:list', { kind: 'processor', scope: 'live' });
    expect(controller.length + processor.length).toBeGreaterThanOrEqual(15);
    expect(controller).toHaveLength(demo.controller.length);
    expect(processor).toHaveLength(demo.processor.length);
    for (const s of [...controller, ...processor].filter((x) => x.status === 'active')) expect(s.missing, s.ref).toEqual([]);
    expect(controller.some((s) => s.hasSpecial)).toBe(true);
    expect(processor.find((s) => s.ref === 'RS-006')!.transferCountries).toEqual(['US']);
    // The records' transfers come from the transfer register: RS-006 has Twilio, Google Cloud and AWS; RT-003 the Google support access.
    const rs006 = processor.find((s) => s.ref === 'RS-006')!;
    expect((await call(core, 'transfer:forRecord', { id: rs006.id })).map((t) => t.importer).sort()).toEqual(['Amazon Web Services, Inc.', 'Google Cloud Platform (Google LLC)', 'Twilio Inc.']);
    // Issue 11: the transfer is Google LLC's access from the US and India, not Google Ireland (EEA).
    expect(controller.find((s) => s.ref === 'RT-003')).toMatchObject({ hasTransfers: true, transferCountries: ['US', 'IN'] });
    expect([...controller, ...processor].filter((s) => s.transfersToConvert > 0)).toEqual([]);
    for (const name of ['Twilio', 'Google Cloud', 'Amazon Web Services']) {
      expect((await call(core, 'register:search', { kind: 'processor', query: name })).length, name).toBeGreaterThan(0);
    }
    // Real retention periods from the seeds.
    const recording = controller.find((s) => s.ref === 'RT-004')!;
    const doc = (await call(core, 'register:get', { id: recording.id })).doc as ReturnType<typeof fullControllerDoc>;
    expect(doc.dataCategories[0]!.retention).toMatchObject({ duration: 90, unit: 'days', note: '90 jours par défaut, 6 mois avec l\'option d\'extension de stockage.' });
    // Seed 002: network operation rests on legitimate interest and legal obligation; recommendations on legitimate interest and consent.
    const bases = (ref: string) => controller.find((s) => s.ref === ref)!.legalBases;
    expect(bases('RT-001')).toEqual(['LEGITIMATE_INTEREST', 'LEGAL_OBLIGATION']);
    expect(bases('RT-006')).toEqual(['LEGITIMATE_INTEREST', 'CONSENT']);
    const network = (await call(core, 'register:get', { id: controller.find((s) => s.ref === 'RT-001')!.id })).doc as ReturnType<typeof fullControllerDoc>;
    expect(network.purposes[0]!.bases.map((b) => b.basis)).toEqual(['LEGITIMATE_INTEREST', 'LEGAL_OBLIGATION']);
    expect(network.dataCategories.map((c) => c.category)).toEqual(['CONNECTION', 'CONNECTION', 'CONNECTION']);
    // Traffic data for billing: active until payment, then the one-year limitation period in an intermediate archive, then deletion.
    const billing = (await call(core, 'register:get', { id: controller.find((s) => s.ref === 'RT-002')!.id })).doc as ReturnType<typeof fullControllerDoc>;
    expect(billing.dataCategories[0]!.retention).toMatchObject({ archive: { duration: 1, unit: 'years' }, end: 'delete' });
    expect(billing.dataCategories[0]!.retention.archive.reason).toContain('L.34-2');
    // Processor records for all clients under the standard agreement, with their categories and breach notice delay.
    const cpaas = (await call(core, 'register:get', { id: processor.find((s) => s.ref === 'RS-006')!.id })).doc as ReturnType<typeof fullProcessorDoc>;
    expect(cpaas).toMatchObject({ clientScope: 'standardDpa', breachNoticeHours: 48, endOfContract: 'returnThenDelete', client: { name: '' } });
    expect(cpaas.dataCategories.length).toBeGreaterThan(2);
    expect((await call(core, 'org:get', {})).isProcessor).toBe(true);
    expect((await call(core, 'register:history', { id: recording.id }))[0]!.action).toBe('demo');
  });

  it('will not load the demo into a register that has records', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(await callResult(core, 'app:setup', { mode: 'demo' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('check reports integrity and the incomplete records', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const report = checkRegister(core);
    expect(report.integrity).toBe('ok');
    expect(report.incomplete.map((r) => [r.kind, r.ref])).toEqual([['controller', 'RT-015'], ['processor', 'RS-007']]);
    expect(report.incomplete.find((r) => r.ref === 'RT-015')!.missing).toContain('legalBasis');
    expect(report.toConvert).toEqual([]);
    const rec = (await call(core, 'register:list', { kind: 'controller', scope: 'live' })).find((s) => s.ref === 'RT-001')!;
    const e = await call(core, 'register:get', { id: rec.id });
    await call(core, 'register:update', { kind: 'controller', id: rec.id, version: e.version, doc: { ...(e.doc as ReturnType<typeof fullControllerDoc>), transfersToConvert: [{ recipient: 'X', country: 'Atlantide', safeguard: '', document: '', reason: 'country' }] } });
    expect(checkRegister(core).toConvert).toEqual([{ kind: 'controller', ref: 'RT-001', name: e.doc.name, count: 1 }]);
  });
});

describe('organisation, lists, dashboard', () => {
  it('saves the organisation profile with an audit entry', async () => {
    const org = await call(core, 'org:get', {});
    await call(core, 'org:save', { doc: { ...org, legalName: 'ACME', dpo: { ...org.dpo, name: 'Jeanne', email: 'dpo@acme.test' } } });
    expect((await call(core, 'org:get', {})).legalName).toBe('ACME');
    const rows = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'organisation'").pluck().all();
    expect(rows).toEqual(['create']);
  });

  it('ships CNIL defaults in French and English and lets the DPO add, rename and archive', async () => {
    const lists = await call(core, 'lists:get', {});
    expect(lists.securityMeasures.map((i) => i.code)).toEqual(
      expect.arrayContaining(['ACCESS_CONTROL', 'TRACEABILITY', 'SOFTWARE_PROTECTION', 'BACKUP', 'ENCRYPTION', 'PROCESSOR_CONTROL', 'OTHER']),
    );
    expect(lists.dataCategories.find((i) => i.code === 'CONNECTION')).toMatchObject({ labelFr: expect.stringContaining('connexion'), labelEn: expect.stringContaining('Connection') });
    const added = await call(core, 'lists:saveItem', { list: 'departments', labelFr: 'Achats', labelEn: 'Purchasing', archived: false });
    expect(added.code).toBe('PURCHASING');
    const created = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ department: 'PURCHASING' }) });
    await call(core, 'lists:saveItem', { list: 'departments', code: 'PURCHASING', labelFr: 'Achats groupe', labelEn: 'Group purchasing', archived: true });
    // Renaming re-indexes the search; archived items stay valid for the records that use them.
    expect(await call(core, 'register:search', { kind: 'controller', query: 'achats groupe' })).toEqual([created.id]);
    expect((await call(core, 'lists:get', {})).departments.find((i) => i.code === 'PURCHASING')!.archived).toBe(true);
  });

  it('dashboard counts records, incomplete ones and overdue reviews', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect(d.counts.controller.active + d.counts.controller.draft + d.counts.controller.archived).toBe(demo.controller.length);
    expect(d.counts.controller.archived).toBe(1);
    expect(d.reviewsOverdue.items.map((r) => r.ref)).toEqual(['RT-003', 'RS-005']); // 2026-06-30, then 2026-09-30
    expect(d.incomplete.items.map((r) => r.ref).sort()).toEqual(['RS-007', 'RT-015']);
    expect(d.organisationMissing).toEqual([]);
  });
});
