import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { setTestJobPace } from '../../electron/core/jobs';
import type { JobStatus } from '../../shared/contract';
import { call, followJob, fullControllerDoc, testCore } from '../helpers';

/**
 * Issue 16: the import's apply as a job, records checked then written in batches of one
 * transaction: its progress (records done / total, per step) and its Cancel, which rolls the
 * whole transaction back (the register, its audit log, the list of imports as before).
 */

const HEADER = 'Référence;Nom du traitement;Finalité principale;Base légale;Personnes concernées;Catégories de données;Durée de conservation;Destinataires;Mesures de sécurité;Pays hors UE;Destinataire hors UE;Garanties';
const ROWS = 120;
const csv = () =>
  [HEADER, ...Array.from({ length: ROWS }, (_, i) => `IMP-${String(i + 1).padStart(3, '0')};Traitement ${i + 1};Finalité ${i + 1};Obligation légale;Salariés;Vie professionnelle;5 ans;Service RH;Sauvegarde;;;`)].join('\r\n');

let t: ReturnType<typeof testCore>;
let core: Core;
beforeEach(() => {
  t = testCore();
  core = t.core;
  // Ten records a batch: the job pauses twelve times in each step.
  setTestJobPace({ batch: 10, pauseMs: 0 });
});
afterEach(() => {
  setTestJobPace(null);
  t.cleanup();
});

/** What a cancel must leave exactly as it was. */
function snapshot(c: Core) {
  const all = (sql: string) => c.db.prepare(sql).all();
  return {
    records: all('SELECT id, ref, version, doc FROM register_entry ORDER BY id'),
    audit: all('SELECT id, entity, entity_id, action FROM audit_log ORDER BY id'),
    batches: all('SELECT id FROM import_batch'),
    transfers: all('SELECT id FROM transfer ORDER BY id'),
  };
}

async function opened() {
  const o = await call(core, 'import:open', { fileName: 'registre.csv', base64: Buffer.from(csv()).toString('base64') });
  return { token: o.token, sha256: o.sha256, options: { mapping: o.table!.suggested } };
}

const follow = (id: string, until?: (s: JobStatus) => boolean) => followJob(core, id, until);

describe('the import as a job (issue 16)', { timeout: 60_000 }, () => {
  it('reports records checked then written, done / total never above the total, and ends with every record written', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'KEEP-1' }) });
    const { job } = await call(core, 'import:start', await opened());
    const seen = await follow(job);
    const running = seen.filter((s) => s.state === 'running');
    const checks = running.filter((s) => s.step === 'check');
    const writes = running.filter((s) => s.step === 'write');
    expect(checks.length).toBeGreaterThan(1);
    expect(writes.length).toBeGreaterThan(1);
    for (const s of checks) expect(s.total).toBe(ROWS);
    for (const s of writes) expect(s.total).toBe(ROWS); // no transfer in this file: the records alone
    for (const s of running) expect(s.done).toBeLessThanOrEqual(s.total);
    // Within a step the count only goes up; the write step starts its count again.
    for (const list of [checks, writes]) expect(list.map((s) => s.done)).toEqual([...list.map((s) => s.done)].sort((a, b) => a - b));
    expect(writes.some((s) => s.done > 0 && s.done < ROWS)).toBe(true);
    expect(seen.at(-1)).toMatchObject({ state: 'done', done: ROWS, total: ROWS });
    const { batch } = await call(core, 'import:finish', { job });
    expect(batch.created).toBe(ROWS);
    const refs = (await call(core, 'register:list', { kind: 'controller', scope: 'live' })).map((r) => r.ref);
    expect(refs).toHaveLength(ROWS + 1);
    expect(refs).toContain('IMP-120');
  });

  it('Cancel half-way through the writing leaves the register exactly as before: no record, no audit entry, no import listed', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'KEEP-1' }) });
    const args = await opened();
    const before = snapshot(core);
    const { job } = await call(core, 'import:start', args);
    const seen = await follow(job, (s) => s.step === 'write' && s.done >= 40);
    expect(seen.at(-1)).toMatchObject({ state: 'running', step: 'write', cancellable: true });
    expect(seen.at(-1)!.done).toBeLessThan(ROWS);
    const end = await call(core, 'job:cancel', { id: job });
    expect(end.state).toBe('cancelled');
    expect(snapshot(core)).toEqual(before);
    expect(core.db.inTransaction).toBe(false);
    expect(await call(core, 'import:batches', {})).toEqual([]);
    // The job has no result; the register takes writes again at once.
    await expect(call(core, 'import:finish', { job })).rejects.toThrow();
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'AFTER' }) });
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).map((r) => r.ref).sort()).toEqual(['AFTER', 'KEEP-1']);
  });

  it('while the import holds its transaction, another request waits for its end and never sees half of it', async () => {
    const { job } = await call(core, 'import:start', await opened());
    await follow(job, (s) => s.step === 'write' && s.done > 0);
    const listed = call(core, 'register:list', { kind: 'controller', scope: 'live' });
    const seen = await follow(job);
    expect(seen.at(-1)!.state).toBe('done');
    expect(await listed).toHaveLength(ROWS);
  });

  it('a request waiting behind a cancelled import runs on the register as it was', async () => {
    const { job } = await call(core, 'import:start', await opened());
    await follow(job, (s) => s.step === 'write' && s.done > 0);
    const listed = call(core, 'register:list', { kind: 'controller', scope: 'live' });
    await call(core, 'job:cancel', { id: job });
    expect(await listed).toEqual([]);
  });

  it('the dry run as a job reports records checked / total and writes nothing; stopped, it has no result and nothing changed', async () => {
    const args = await opened();
    const before = snapshot(core);
    const { job } = await call(core, 'import:dryRunStart', { token: args.token, options: args.options });
    const seen = await follow(job);
    const checks = seen.filter((s) => s.state === 'running' && s.step === 'check');
    expect(checks.length).toBeGreaterThan(1);
    for (const s of checks) expect(s.total).toBe(ROWS);
    const plan = await call(core, 'import:dryRunFinish', { job });
    expect(plan.counts.create).toBe(ROWS);
    expect(snapshot(core)).toEqual(before);

    const second = await call(core, 'import:dryRunStart', { token: args.token, options: args.options });
    await follow(second.job, (s) => s.step === 'check' && s.done > 0);
    expect((await call(core, 'job:cancel', { id: second.job })).state).toBe('cancelled');
    await expect(call(core, 'import:dryRunFinish', { job: second.job })).rejects.toThrow();
    expect(snapshot(core)).toEqual(before);
  });
});
