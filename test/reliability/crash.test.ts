/**
 * Issue 14, the proof: the CLI and the web harness are killed with SIGKILL at random points
 * during streams of writes, backups, restores, exports over an existing file, and migrations;
 * after each kill the register is opened as the app opens it and checked:
 *   - it opens, and `PRAGMA integrity_check` is ok;
 *   - every write the child acknowledged is there, with its audit entry;
 *   - no file sits under a final name unless it is whole (backups match their manifest, their
 *     register passes integrity_check; documents are whole zips; stored documents match the
 *     SHA-256 recorded), and no temporary file is left after the start-up clean-up;
 *   - the document or backup on disk is the old one or the new one.
 *
 * `npm test` runs it with 1 trial per scenario; `npm run test:reliability` with
 * RELIABILITY_TRIALS (default 40 per scenario: 240 kills). The figures are printed, and written
 * to test-results/reliability.json.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCore, documentsDirFor, openCore, type Core } from '../../electron/core/core';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { writeDocument } from '../../electron/core/files/atomic';
import { journalPath, stagedDbPath } from '../../electron/core/files/restore-journal';
import { openArchive } from '../../electron/core/files/backup-archive';
import { prepareRegisterExport } from '../../electron/core/export/export.service';
import { call, fullControllerDoc, fullSupplierDoc } from '../helpers';
import { todayIso } from '../../shared/domain/validation';
import { cli, disposeBundles, finalFiles, prepare, killAtRandom, output, rand, root, sha256, soundBackup, soundDatabase, soundDocx, startHarnessChild, tempFiles, type Api } from './kill';
import Database from 'better-sqlite3';

const TRIALS = Math.max(1, Number(process.env.RELIABILITY_TRIALS ?? 1));
const TIMEOUT = 60_000 + TRIALS * 30_000;

type Figures = { trials: number; killed: number; finished: number; acknowledged: number; oldState?: number; newState?: number };
const figures: Record<string, Figures> = {};
function fig(name: string): Figures {
  return (figures[name] ??= { trials: 0, killed: 0, finished: 0, acknowledged: 0 });
}
/** Counts a trial, and appends it to test-results/reliability-progress.log (a long run shows where it is). */
function record(f: Figures, outcome: 'killed' | 'finished'): void {
  f.trials++;
  f[outcome]++;
  const name = Object.entries(figures).find(([, v]) => v === f)?.[0] ?? '?';
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  appendFileSync(path.join(root, 'test-results/reliability-progress.log'), `${new Date().toISOString()} ${name} trial ${f.trials}/${TRIALS} ${outcome} ok\n`);
}

beforeAll(() => prepare(), 120_000);

afterAll(() => {
  const total = Object.values(figures).reduce((a, f) => ({ trials: a.trials + f.trials, killed: a.killed + f.killed, acknowledged: a.acknowledged + f.acknowledged }), { trials: 0, killed: 0, acknowledged: 0 });
  const report = { at: new Date().toISOString(), trialsPerScenario: TRIALS, total, scenarios: figures };
  console.log(`\nreliability figures\n${JSON.stringify(report, null, 2)}`);
  mkdirSync(path.join(root, 'test-results'), { recursive: true });
  writeFileSync(path.join(root, 'test-results/reliability.json'), JSON.stringify(report, null, 2));
  disposeBundles();
});

function trialDir(): { dir: string; db: string; done: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-rel-'));
  return { dir, db: path.join(dir, 'register.sqlite'), done: () => rmSync(dir, { recursive: true, force: true }) };
}

const refsOf = (db: Database.Database) => new Set(db.prepare("SELECT json_extract(doc, '$.ref') FROM register_entry WHERE deleted_at IS NULL").pluck().all() as string[]);

/**
 * Opens the register as the app does (recovery, clean-up, migrations) and checks it; returns
 * the open core for the scenario's own checks (the caller closes it).
 */
function reopenAndCheck(dbPath: string, acked: ReadonlyArray<string> = []): Core {
  const core = openCore(dbPath, { actor: 'check' });
  expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
  const present = core.db.prepare('SELECT id FROM register_entry WHERE id = ?').pluck();
  const audited = core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'register_entry' AND entity_id = ? AND action = 'create'").pluck();
  for (const id of acked) {
    expect(present.get(id), `acknowledged write ${id}`).toBe(id);
    expect(audited.get(id), `audit entry of ${id}`).toBe(1);
  }
  const docs = documentsDirFor(core.backupDir);
  const dir = path.dirname(dbPath);
  for (const d of [dir, core.backupDir, docs]) expect(tempFiles(d), `temporary files in ${d}`).toEqual([]);
  expect(existsSync(journalPath(dbPath)) || existsSync(stagedDbPath(dbPath)) || existsSync(`${docs}.restore-new`) || existsSync(`${docs}.restore-old`)).toBe(false);
  for (const row of core.db.prepare('SELECT stored_name, sha256 FROM supplier_document WHERE deleted_at IS NULL').all() as Array<{ stored_name: string; sha256: string }>) {
    expect(sha256(readFileSync(path.join(docs, row.stored_name))), row.stored_name).toBe(row.sha256);
  }
  for (const f of finalFiles(core.backupDir)) soundBackup(path.join(core.backupDir, f), dir);
  return core;
}

/** Three writers sending audited creates to the harness; returns the ids acknowledged. */
function writeStream(api: Api, prefix: string, writers = 3): { acked: string[]; stop: () => Promise<void> } {
  const acked: string[] = [];
  let stopped = false;
  let n = 0;
  const loops = Array.from({ length: writers }, async () => {
    while (!stopped) {
      try {
        const r = await api.call('register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `${prefix}-${n++}` }) });
        if (r.ok) acked.push(r.value.id);
      } catch {
        return; // the harness is gone
      }
    }
  });
  return {
    acked,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

async function seed(dbPath: string, refs: string[], documents: number, docSize = 256 * 1024): Promise<void> {
  const core = openCore(dbPath, { actor: 'seed' });
  try {
    for (const ref of refs) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref }) });
    if (documents > 0) {
      const s = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
      for (let i = 0; i < documents; i++) {
        const content = randomBytes(docSize);
        await call(core, 'supplier:addDocument', { id: s.id, kind: 'contract', name: `contrat-${i}.pdf`, base64: content.toString('base64') });
      }
    }
  } finally {
    closeCore(core);
  }
}

/** The CLI's run time without a kill, measured on the first trial: later kills fall within it. */
const calibrated: Record<string, number> = {};
async function cliTrial(name: string, args: string[], watchDir: string, pattern: RegExp, env: Record<string, string> = {}, okCodes = [0]): Promise<{ outcome: 'killed' | 'finished'; text: string }> {
  const t0 = Date.now();
  const child = cli(args, env);
  const out = output(child);
  let outcome: 'killed' | 'finished';
  // With one trial (the quick run inside npm test) there is no calibration run: the kill window is a fair guess.
  if (TRIALS === 1) calibrated[name] ??= 5000;
  if (calibrated[name] === undefined) {
    const code = await child.exited;
    expect(okCodes, out.text()).toContain(code);
    calibrated[name] = Date.now() - t0;
    outcome = 'finished';
  } else outcome = await killAtRandom(child, calibrated[name]! * 1.1, watchDir, pattern);
  return { outcome, text: out.text() };
}

describe('reliability: SIGKILL at random points', () => {
  it('a stream of writes through the harness: every acknowledged write is there with its audit entry', async () => {
    const f = fig('harness writes');
    for (let t = 0; t < TRIALS; t++) {
      const { db, done } = trialDir();
      try {
        const api = await startHarnessChild(db);
        const stream = writeStream(api, 'W');
        const outcome = await killAtRandom(api.child, rand(200, 1500));
        await stream.stop();
        closeCore(reopenAndCheck(db, stream.acked));
        record(f, outcome);
        f.acknowledged += stream.acked.length;
      } finally {
        done();
      }
    }
  }, TIMEOUT);

  it('backups from the harness during writes: a backup under its name is whole; the writes are kept', async () => {
    const f = fig('harness backup');
    for (let t = 0; t < TRIALS; t++) {
      const { dir, db, done } = trialDir();
      try {
        await seed(db, ['S-1'], 2);
        mkdirSync(path.join(dir, 'backups'), { recursive: true });
        const api = await startHarnessChild(db);
        const stream = writeStream(api, 'W', 1);
        let backups = 0;
        let stopped = false;
        const loop = (async () => {
          while (!stopped) {
            try {
              const r = await api.call('backup:create', {});
              if (r.ok) backups++;
            } catch {
              return;
            }
          }
        })();
        const outcome = await killAtRandom(api.child, rand(300, 2000), path.join(dir, 'backups'), /dpo-tmp/);
        stopped = true;
        await Promise.all([stream.stop(), loop]);
        const core = reopenAndCheck(db, stream.acked);
        expect(finalFiles(core.backupDir).filter((b) => b.endsWith('.dpobackup')).length).toBeGreaterThanOrEqual(backups);
        closeCore(core);
        record(f, outcome);
        f.acknowledged += stream.acked.length + backups;
      } finally {
        done();
      }
    }
  }, TIMEOUT);

  it('a backup by the CLI (plain or encrypted): the file is absent or whole', async () => {
    const f = fig('cli backup');
    for (let t = 0; t < TRIALS; t++) {
      const { dir, db, done } = trialDir();
      try {
        await seed(db, ['S-1', 'S-2'], 3);
        const encrypted = t % 2 === 1;
        const out = path.join(dir, 'usb', 'copy.dpobackup');
        mkdirSync(path.dirname(out));
        const env: Record<string, string> = encrypted ? { DPO_BACKUP_PASSPHRASE: 'correct horse battery' } : {};
        const { outcome } = await cliTrial(`cli backup ${encrypted}`, ['backup', '--db', db, '--out', out, ...(encrypted ? ['--encrypt'] : [])], path.dirname(out), /dpo-tmp/, env);
        if (existsSync(out)) soundBackup(out, dir, encrypted ? 'correct horse battery' : undefined);
        expect(finalFiles(path.dirname(out)).filter((n) => n !== 'copy.dpobackup')).toEqual([]);
        closeCore(reopenAndCheck(db));
        record(f, outcome);
      } finally {
        done();
      }
    }
  }, TIMEOUT);

  it('a restore through the harness: the register is the old one or the backup, never a mix, never lost', async () => {
    const f = fig('harness restore');
    f.oldState = 0;
    f.newState = 0;
    for (let t = 0; t < TRIALS; t++) {
      const { dir, db, done } = trialDir();
      try {
        await seed(db, ['B-1', 'B-2', 'B-3'], 4, 512 * 1024);
        const core0 = openCore(db, { actor: 'seed' });
        const backup = await call(core0, 'backup:create', {});
        for (const ref of ['N-1', 'N-2']) await call(core0, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref }) });
        closeCore(core0);
        const api = await startHarnessChild(db);
        const restore = api.call('backup:restore', { file: backup.file }).catch(() => null);
        const outcome = await killAtRandom(api.child, rand(100, 1500), dir, /restore-new|restore-journal|dpo-tmp/);
        await restore;
        const core = reopenAndCheck(db);
        const refs = refsOf(core.db);
        if (refs.has('N-1')) {
          expect([...refs].sort()).toEqual(['B-1', 'B-2', 'B-3', 'N-1', 'N-2']);
          f.oldState++;
        } else {
          expect([...refs].sort()).toEqual(['B-1', 'B-2', 'B-3']);
          // The register as it was is in the backup taken before the restore.
          const before = finalFiles(core.backupDir).find((n) => n.includes('before-restore'))!;
          const archive = openArchive(readFileSync(path.join(core.backupDir, before)));
          const copy = path.join(dir, 'before.sqlite');
          writeFileSync(copy, archive.db);
          const b = new Database(copy, { readonly: true });
          expect([...refsOf(b)].sort()).toEqual(['B-1', 'B-2', 'B-3', 'N-1', 'N-2']);
          b.close();
          f.newState++;
        }
        closeCore(core);
        record(f, outcome);
      } finally {
        done();
      }
    }
  }, TIMEOUT);

  it('export --force over last year\'s document: the old document or the new one, whole', async () => {
    const f = fig('cli export --force');
    f.oldState = 0;
    f.newState = 0;
    for (let t = 0; t < TRIALS; t++) {
      const { dir, db, done } = trialDir();
      try {
        await seed(db, Array.from({ length: 5 }, (_, i) => `E-${i}`), 0);
        const out = path.join(dir, 'registre.docx');
        const core0 = openCore(db, { actor: 'seed' });
        const last = await prepareRegisterExport(core0, { language: 'en', registers: 'both', asOf: todayIso(new Date()), includeArchived: false, includeDrafts: false, annexes: { lists: false, transfers: false, breaches: false, suppliers: false } } as never);
        closeCore(core0);
        writeDocument(out, last.buffer);
        const oldSha = sha256(readFileSync(out));
        const { outcome } = await cliTrial('cli export', ['export', '--db', db, '--out', out, '--force', '--lang', 'fr', '--no-annexes'], dir, /registre\.docx\.dpo-tmp/);
        const nowSha = sha256(readFileSync(out));
        if (nowSha === oldSha) f.oldState++;
        else {
          soundDocx(out);
          f.newState++;
        }
        closeCore(reopenAndCheck(db));
        record(f, outcome);
      } finally {
        done();
      }
    }
  }, TIMEOUT);

  it('a migration of an old register (demo-v60) by the CLI: the register opens at the latest version with its 23 records', async () => {
    const f = fig('cli migration');
    for (let t = 0; t < TRIALS; t++) {
      const { dir, db, done } = trialDir();
      try {
        copyFileSync(path.join(root, 'test/fixtures/demo-v60.sqlite'), db);
        mkdirSync(path.join(dir, 'backups'));
        // `check` exits 1 because the demo has incomplete records: that is its report, not a failure.
        const { outcome } = await cliTrial('cli migration', ['check', '--db', db], path.join(dir, 'backups'), /dpo-tmp/, {}, [0, 1]);
        // A pre-migration copy under its final name is a whole register at version 60.
        for (const n of finalFiles(path.join(dir, 'backups'))) expect(soundDatabase(path.join(dir, 'backups', n))).toBe(60);
        const core = reopenAndCheck(db);
        expect(core.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
        expect(core.db.prepare('SELECT count(*) FROM register_entry').pluck().get()).toBe(23);
        closeCore(core);
        record(f, outcome);
      } finally {
        done();
      }
    }
  }, TIMEOUT);
});

describe('reliability: a full disk', () => {
  it('export --force and backup onto a full file system: a clear message, the old file intact, nothing half written', async () => {
    const { dir, db, done } = trialDir();
    const mnt = path.join(dir, 'small');
    mkdirSync(mnt);
    const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mnt]).status === 0;
    try {
      await seed(db, Array.from({ length: 5 }, (_, i) => `F-${i}`), 2);
      const out = path.join(mnt, 'registre.docx');
      writeFileSync(out, 'last year’s document');
      // Fill the rest of the disk (on a tmpfs), or make every write fail with ENOSPC (no mount allowed).
      if (mounted) spawnSync('dd', ['if=/dev/zero', `of=${path.join(mnt, 'filler')}`, 'bs=64k'], { stdio: 'ignore' });
      const env: Record<string, string> = mounted ? {} : { DPO_TEST_WRITE_FAULT: 'ENOSPC' };
      for (const args of [['export', '--db', db, '--out', out, '--force', '--no-annexes'], ['backup', '--db', db, '--out', path.join(mnt, 'copy.dpobackup')]]) {
        const child = cli(args, env);
        const text = output(child);
        expect(await child.exited).toBe(1);
        expect(text.text()).toMatch(/The disk is full/);
        expect(text.text()).not.toMatch(/\n\s+at /); // no stack trace
      }
      expect(readFileSync(out, 'utf8')).toBe('last year’s document');
      expect(finalFiles(mnt).sort()).toEqual(mounted ? ['filler', 'registre.docx'] : ['registre.docx']);
      expect(tempFiles(mnt)).toEqual([]);
      fig(mounted ? 'disk full (tmpfs 2 MB)' : 'disk full (injected ENOSPC)').trials++;
    } finally {
      if (mounted) spawnSync('umount', [mnt]);
      done();
    }
  }, 120_000);
});
