import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { setTestJobPace } from '../../electron/core/jobs';
import { stagedDbPath, stagedDocsPath } from '../../electron/core/files/restore-journal';
import { documentsDir } from '../../electron/core/services/supplier.service';
import type { JobStatus } from '../../shared/contract';
import { call, followJob, fullControllerDoc, testCore } from '../helpers';

/**
 * Issue 16: the backup and the restore as jobs. The backup's copy reports pages done / total and
 * a Cancel leaves no file behind; the restore can be cancelled while it checks the backup and
 * saves the current register (the register untouched, nothing of it left behind), never once it
 * replaces the file.
 */

let t: ReturnType<typeof testCore>;
let core: Core;
beforeEach(async () => {
  t = testCore();
  core = t.core;
  for (let i = 0; i < 60; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `R-${String(i).padStart(3, '0')}`, notes: 'x'.repeat(3000) }) });
});
afterEach(() => {
  setTestJobPace(null);
  t.cleanup();
});

const backupFiles = () => (existsSync(core.backupDir) ? readdirSync(core.backupDir).sort() : []);
const refs = async () => (await call(core, 'register:list', { kind: 'controller', scope: 'live' })).map((r) => r.ref).sort();

const follow = (id: string, until?: (s: JobStatus) => boolean) => followJob(core, id, until);

describe('the backup as a job (issue 16)', { timeout: 60_000 }, () => {
  it('reports the pages copied of the total, then delivers a complete archive', async () => {
    setTestJobPace({ batch: 5, pauseMs: 0 }); // five pages a step
    const { job } = await call(core, 'backup:start', {});
    const seen = await follow(job);
    const copy = seen.filter((s) => s.state === 'running' && s.step === 'copy');
    expect(copy.length).toBeGreaterThan(2);
    expect(copy[0]!.total).toBeGreaterThan(20);
    expect(copy.map((s) => s.done)).toEqual([...copy.map((s) => s.done)].sort((a, b) => a - b));
    for (const s of copy) expect(s.done).toBeLessThanOrEqual(s.total);
    expect(seen.at(-1)!.state).toBe('done');
    const b = await call(core, 'backup:finish', { job });
    expect(backupFiles()).toEqual([b.file]);
    expect(b).toMatchObject({ format: 'archive', encrypted: false });
    // The archive restores to the same register.
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    await call(core, 'backup:restore', { file: b.file });
    expect(await refs()).toHaveLength(60);
  });

  it('Cancel during the copy removes the partial file: the backup folder is as before', async () => {
    setTestJobPace({ batch: 1, pauseMs: 0 });
    const before = backupFiles();
    const { job } = await call(core, 'backup:start', {});
    const seen = await follow(job, (s) => s.step === 'copy' && s.done > 3);
    expect(seen.at(-1)!.done).toBeLessThan(seen.at(-1)!.total);
    // The partial copy is there, beside the backups, while it is written.
    expect(backupFiles().length).toBeGreaterThan(before.length);
    expect((await call(core, 'job:cancel', { id: job })).state).toBe('cancelled');
    expect(backupFiles()).toEqual(before);
    expect(await call(core, 'backup:list', {})).toEqual([]);
    // The register is as it was and takes writes again.
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'AFTER' }) });
    expect(await refs()).toHaveLength(61);
  });
});

describe('the restore as a job (issue 16)', { timeout: 60_000 }, () => {
  it('Cancel while the current register is saved leaves the register untouched and nothing of the restore behind', async () => {
    const b = await call(core, 'backup:create', {});
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    const before = { refs: await refs(), files: backupFiles() };
    setTestJobPace({ batch: 1, pauseMs: 0 });
    const { job } = await call(core, 'backup:restoreStart', { file: b.file });
    const seen = await follow(job, (s) => s.step === 'save' && s.done > 3);
    expect(seen.filter((s) => s.step === 'check').length).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ state: 'running', step: 'save', cancellable: true });
    expect((await call(core, 'job:cancel', { id: job })).state).toBe('cancelled');
    expect(await refs()).toEqual(before.refs);
    expect(backupFiles()).toEqual(before.files);
    expect(existsSync(stagedDbPath(core.dbPath))).toBe(false);
    expect(existsSync(stagedDocsPath(documentsDir(core)))).toBe(false);
  });

  it('Cancel while the backup is checked leaves the register untouched', async () => {
    const b = await call(core, 'backup:create', {});
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    const before = { refs: await refs(), files: backupFiles() };
    setTestJobPace({ batch: 1, pauseMs: 5 });
    const { job } = await call(core, 'backup:restoreStart', { file: b.file });
    await follow(job, (s) => s.step === 'check' && s.done >= 2);
    expect((await call(core, 'job:cancel', { id: job })).state).toBe('cancelled');
    expect(await refs()).toEqual(before.refs);
    expect(backupFiles()).toEqual(before.files);
    expect(existsSync(stagedDbPath(core.dbPath))).toBe(false);
  });

  it('a restore carried to its end is whole: the backup\'s register, and the state before it kept as a backup', async () => {
    const b = await call(core, 'backup:create', {});
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'LATER' }) });
    const { job } = await call(core, 'backup:restoreStart', { file: b.file });
    const seen = await follow(job);
    expect(seen.at(-1)!.state).toBe('done');
    const info = await call(core, 'backup:restoreFinish', { job });
    expect(info.dbPath).toBe(core.dbPath);
    expect(await refs()).toHaveLength(60);
    expect(await refs()).not.toContain('LATER');
    const kept = (await call(core, 'backup:list', {})).find((x) => x.file.includes('-before-restore-'));
    expect(kept).toBeDefined();
    expect(path.dirname(kept!.path)).toBe(core.backupDir);
  });
});
