import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, closeSync, writeSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { translate } from '../../shared/i18n';
import { AppError } from '../../shared/errors';
import { runCli } from '../../electron/cli/index';
import { call, callResult, fakeClock, fullControllerDoc, tempDir } from '../helpers';

/**
 * Issue 14B: what the app does with a register file that is damaged, not a database, written by
 * a newer version, read-only, or busy in another process. Each case is made for real on disk.
 */
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));

const quiet = { error: () => {}, warn: () => {} };
const isRoot = process.getuid?.() === 0;

function dir(): string {
  const t = tempDir('dpo-health-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function track(core: Core): Core {
  cleanups.push(() => closeCore(core));
  return core;
}

const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** A demo register, closed (its WAL checkpointed into the file), with one good backup taken first. */
async function demoRegister(folder: string): Promise<string> {
  const file = path.join(folder, 'register.sqlite');
  const core = openCore(file, { actor: 'tester', now: fakeClock() });
  await call(core, 'app:setup', { mode: 'demo' });
  await call(core, 'backup:create', {});
  closeCore(core);
  return file;
}

const PAGE = 4096;

function overwritePages(file: string, pages: ReadonlyArray<number>): void {
  const fd = openSync(file, 'r+');
  try {
    for (const p of pages) writeSync(fd, Buffer.alloc(PAGE, 0x5a), 0, PAGE, (p - 1) * PAGE);
  } finally {
    closeSync(fd);
  }
}

/** Overwrites the middle half of the file's pages with garbage: the header stays, the schema and the b-trees may not. */
function damageMiddleHalf(file: string): void {
  const pages = statSync(file).size / PAGE;
  const first = Math.floor(pages / 4) + 1;
  overwritePages(file, Array.from({ length: Math.max(1, Math.floor(pages / 2)) }, (_, i) => first + i));
}

/** Overwrites the middle pages holding the records (found with SQLite's dbstat table): the schema stays readable, the lists do not. */
function damageRecordPages(file: string): void {
  const db = new Database(file, { readonly: true });
  const pages = (db.prepare("SELECT pageno FROM dbstat WHERE name = 'register_entry' AND pagetype = 'leaf' ORDER BY pageno").all() as Array<{ pageno: number }>).map((r) => r.pageno);
  db.close();
  expect(pages.length).toBeGreaterThan(1);
  overwritePages(file, pages.slice(Math.floor(pages.length / 4), Math.max(Math.floor(pages.length / 4) + 1, Math.floor((3 * pages.length) / 4))));
}

describe('a register damaged in its middle pages', () => {
  it('is refused by the strict open (CLI, tests) with the "damaged" code, and opens on the error screen in the app', async () => {
    const file = await demoRegister(dir());
    damageMiddleHalf(file);
    let thrown: unknown;
    try {
      openCore(file, { now: fakeClock() });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe('damaged');
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health).toMatchObject({ readOnly: 'damaged', problem: { code: 'damaged' } });
    expect(await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() })).toMatchObject({ ok: false, error: { code: 'damaged' } });
  });

  it('the CLI export, which reads beside the start-up check as the app does, says the file is damaged and leaves no document', async () => {
    const folder = dir();
    const file = await demoRegister(folder);
    damageRecordPages(file);
    const before = sha(file);
    const out = path.join(folder, 'register.docx');
    const lines: string[] = [];
    const code = await runCli(['export', '--db', file, '--out', out], { out: (l) => lines.push(l), err: (l) => lines.push(l) }, { now: fakeClock() });
    expect(code).toBe(1);
    expect(lines.join('\n')).toMatch(/damaged/);
    expect(readdirSync(folder).filter((f) => f.endsWith('.docx') || f.includes('.tmp'))).toEqual([]);
    expect(sha(file)).toBe(before);
  });

  it('opens read-only in the app, refuses every write, offers the good backups, and restoring one brings the register back', async () => {
    const folder = dir();
    const file = await demoRegister(folder);
    damageRecordPages(file);
    const before = sha(file);
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health.readOnly).toBe('damaged');
    expect(core.health.problem).toMatchObject({ code: 'damaged', browsable: true });

    const info = await call(core, 'app:info', {});
    expect(info).toMatchObject({ readOnly: 'damaged', needsSetup: false, problem: { code: 'damaged' } });
    // Writes are refused before they run; the file is not touched.
    const write = await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(write).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await callResult(core, 'settings:setLanguage', { language: 'en' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    // What is left is read; a list that meets a malformed page says "damaged", not "internal".
    expect(await callResult(core, 'register:list', { kind: 'controller', scope: 'live' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await call(core, 'lists:get', {})).toBeTruthy();
    expect(sha(file)).toBe(before);

    const backups = await call(core, 'backup:recovery', {});
    expect(backups).toHaveLength(1);
    expect(backups[0]).toMatchObject({ schemaVersion: LATEST_VERSION });
    // Issue 14A: the backups are complete archives (register + documents); the error screen offers them.
    expect(backups[0]).toMatchObject({ format: 'archive', encrypted: false });
    expect(backups[0]!.file).toMatch(/^register-.*\.dpobackup$/);

    const restored = await call(core, 'backup:restore', { file: backups[0]!.file });
    expect(restored).toMatchObject({ readOnly: null, problem: null });
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).length).toBeGreaterThan(5);
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-900' }) });
    // The damaged file is kept beside the backups, under a name the backup list ignores.
    const kept = readdirSync(path.join(folder, 'backups')).filter((f) => f.endsWith('.damaged'));
    expect(kept).toHaveLength(1);
    expect((await call(core, 'backup:list', {})).map((b) => b.file).some((f) => f.includes('damaged'))).toBe(false);
  });

  it('offers an encrypted complete backup (14A) on the error screen, asks for its passphrase, and sets the damaged file aside instead of backing it up', async () => {
    const folder = dir();
    const file = path.join(folder, 'register.sqlite');
    const setup = openCore(file, { actor: 'tester', now: fakeClock() });
    await call(setup, 'app:setup', { mode: 'demo' });
    const made = await call(setup, 'backup:create', { passphrase: 'correct horse battery' });
    expect(made).toMatchObject({ format: 'archive', encrypted: true });
    closeCore(setup);
    damageRecordPages(file);

    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health.problem).toMatchObject({ code: 'damaged' });
    const backups = await call(core, 'backup:recovery', {});
    expect(backups).toHaveLength(1);
    // Not readable without its passphrase: listed, its version unknown until the restore checks it.
    expect(backups[0]).toMatchObject({ file: made.file, encrypted: true, schemaVersion: null });

    const missing = await callResult(core, 'backup:restore', { file: made.file });
    expect(missing).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'passphrase' }] } });
    const wrong = await callResult(core, 'backup:restore', { file: made.file, passphrase: 'wrong horse battery' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'passphrase' }] } });
    // Nothing was replaced nor set aside by the refused attempts.
    expect(core.health.problem).toMatchObject({ code: 'damaged' });
    expect(readdirSync(path.join(folder, 'backups')).filter((f) => f.includes('damaged'))).toHaveLength(0);

    const restored = await call(core, 'backup:restore', { file: made.file, passphrase: 'correct horse battery' });
    expect(restored).toMatchObject({ readOnly: null, problem: null });
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).length).toBeGreaterThan(5);
    const names = readdirSync(path.join(folder, 'backups'));
    // The damaged file stands for the before-restore backup (SQLite cannot copy it): no "before-restore" archive.
    expect(names.filter((f) => f.endsWith('.sqlite.damaged'))).toHaveLength(1);
    expect(names.filter((f) => f.includes('before-restore'))).toHaveLength(0);
    expect(names.filter((f) => f.includes('.restore-') || f.includes('.dpo-tmp-'))).toHaveLength(0);
    expect(existsSync(`${file}.restore-journal`)).toBe(false);
  }, 120_000);

  it('an index that disagrees with its table passes the quick check at start, and is found by the full check (Settings, CLI), which makes the register read-only', async () => {
    const file = await demoRegister(dir());
    const healthy = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(await call(healthy, 'app:checkIntegrity', {})).toMatchObject({ ok: true, problems: [] });
    closeCore(healthy);
    // One key of the settings' primary-key index changed in place: the page is well formed, its entry no longer matches the row.
    const db = new Database(file, { readonly: true });
    const { pageno } = db.prepare("SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_setting_1' AND pagetype = 'leaf'").get() as { pageno: number };
    db.close();
    const bytes = readFileSync(file);
    const pageStart = (pageno - 1) * PAGE;
    const at = bytes.subarray(pageStart, pageStart + PAGE).indexOf('setup.done');
    expect(at).toBeGreaterThan(0);
    bytes[pageStart + at + 'setup.don'.length] = 'f'.charCodeAt(0);
    writeFileSync(file, bytes);

    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health).toMatchObject({ readOnly: null, problem: null });
    const report = await call(core, 'app:checkIntegrity', {});
    expect(report.ok).toBe(false);
    expect(report.problems.join(' ')).toMatch(/sqlite_autoindex_setting_1/);
    expect(await call(core, 'app:info', {})).toMatchObject({ readOnly: 'damaged', problem: { code: 'damaged', browsable: true } });
    expect(await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() })).toMatchObject({ ok: false, error: { code: 'damaged' } });
  });
});

describe('a file that is not a database', () => {
  it('shows the error screen: no data, the recovery channels only', async () => {
    const folder = dir();
    const file = await demoRegister(folder);
    writeFileSync(file, 'Quarterly report\n'.repeat(500));
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health.problem).toMatchObject({ code: 'damaged', browsable: false });
    expect(core.health.problem!.detail).toMatch(/not a database/);
    expect(await call(core, 'app:info', {})).toMatchObject({ problem: { code: 'damaged' }, schemaVersion: 0, needsSetup: false });
    expect(await callResult(core, 'register:list', { kind: 'controller', scope: 'live' })).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(await call(core, 'backup:recovery', {})).toHaveLength(1);
    expect(() => openCore(file, { now: fakeClock() })).toThrow(/not a database/);
  });
});

describe('a register written by a newer version', () => {
  it('gives the "newer version" message the README promises, and is not changed', async () => {
    const file = await demoRegister(dir());
    const db = new Database(file);
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    const before = sha(file);
    expect(() => openCore(file, { now: fakeClock() })).toThrow(/newer version of DPO Desk/);
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health.problem).toMatchObject({ code: 'newer_version', browsable: false });
    expect(await callResult(core, 'register:list', { kind: 'controller', scope: 'live' })).toMatchObject({ ok: false, error: { code: 'newer_version' } });
    closeCore(core);
    expect(sha(file)).toBe(before);
    expect(translate('en', 'errors.file.newer_version')).toMatch(/newer version of DPO Desk/);
    expect(translate('fr', 'errors.file.newer_version')).toMatch(/version plus récente de DPO Desk/);
  });
});

describe('a read-only register', () => {
  it('opened read-only (the open flag) reads everything and refuses writes with the read_only code', async () => {
    const file = await demoRegister(dir());
    const before = sha(file);
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, readonly: true, log: quiet }));
    expect(await call(core, 'app:info', {})).toMatchObject({ readOnly: 'file', problem: null, needsSetup: false });
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).length).toBeGreaterThan(5);
    const refused = await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(refused).toMatchObject({ ok: false, error: { code: 'read_only' } });
    // Even a write that slipped past the channel list is stopped by SQLite's read-only connection, with the same code.
    expect(() => core.db.prepare("INSERT INTO setting (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/);
    closeCore(core);
    expect(sha(file)).toBe(before);
  });

  it('a chmod 0444 file opens read-only with the "file" reason', async (ctx) => {
    // root ignores file permissions: the read-only path is then covered by the open flag (above) and the read-only mount (below).
    if (isRoot) ctx.skip();
    const file = await demoRegister(dir());
    chmodSync(file, 0o444);
    cleanups.push(() => chmodSync(file, 0o644));
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health.readOnly).toBe('file');
  });

  it('a register in a read-only folder opens read-only with the "folder" reason, read from a copy', async (ctx) => {
    const folder = dir();
    const file = await demoRegister(folder);
    const roDir = path.join(folder, 'ro');
    mkdirSync(roDir);
    let unmount = () => {};
    if (isRoot) {
      // A read-only mount stops root too (EROFS), where chmod does not.
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', roDir], { stdio: 'ignore' });
        copyFileSync(file, path.join(roDir, 'register.sqlite'));
        execFileSync('mount', ['-o', 'remount,ro', roDir], { stdio: 'ignore' });
        unmount = () => execFileSync('umount', [roDir], { stdio: 'ignore' });
      } catch {
        try {
          execFileSync('umount', [roDir], { stdio: 'ignore' });
        } catch {
          // nothing mounted
        }
        ctx.skip(); // running as root without the right to mount: no way to make a folder read-only for root
      }
    } else {
      copyFileSync(file, path.join(roDir, 'register.sqlite'));
      chmodSync(roDir, 0o555);
      unmount = () => chmodSync(roDir, 0o755);
    }
    cleanups.push(unmount);
    const core = track(openCore(path.join(roDir, 'register.sqlite'), { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health).toMatchObject({ readOnly: 'folder', problem: null });
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).length).toBeGreaterThan(5);
    expect(await callResult(core, 'org:save', { doc: {} })).toMatchObject({ ok: false });
    closeCore(core);
    expect(readdirSync(roDir)).toEqual(['register.sqlite']);
  });
});

describe('a register busy in another process', () => {
  it('a write waits the busy timeout, is retried, then says in the user’s language that the register is open elsewhere', async () => {
    const folder = dir();
    const file = path.join(folder, 'register.sqlite');
    const core = track(openCore(file, { now: fakeClock(), busyTimeoutMs: 20, log: quiet }));
    await call(core, 'app:setup', { mode: 'empty' });
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE'); // another process holds the write lock
    cleanups.push(() => other.close());
    const result = await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(result).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(translate('fr', 'errors.file.busy')).toMatch(/ouvert ailleurs/);
    expect(translate('en', 'errors.file.busy')).toMatch(/open elsewhere/);
    other.exec('ROLLBACK');
    // The lock gone, the same write goes through, and nothing of the refused attempt was kept.
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(await call(core, 'register:list', { kind: 'controller', scope: 'live' })).toHaveLength(1);
  });
});

describe('open another file', () => {
  it('replaces a register that cannot be opened by another one, or says the path is wrong', async () => {
    const folder = dir();
    const good = await demoRegister(folder);
    const bad = path.join(folder, 'other.sqlite');
    writeFileSync(bad, 'not a database at all');
    const core = track(openCore(bad, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(core.health.problem?.code).toBe('damaged');
    expect(await callResult(core, 'app:openRegister', { path: path.join(folder, 'nope.sqlite') })).toMatchObject({ ok: false, error: { code: 'file_missing' } });
    const info = await call(core, 'app:openRegister', { path: good });
    expect(info).toMatchObject({ dbPath: good, problem: null, readOnly: null });
    expect(existsSync(good)).toBe(true);
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).length).toBeGreaterThan(5);
  });
});

describe('a full disk', () => {
  it('a save that meets a full disk says so ("disk_full"), nothing is half written, and the register still opens sound', async (ctx) => {
    // A small tmpfs is a real full disk; it needs the right to mount (root here), else the error-code table (test/unit/register-safety.test.ts) covers it.
    const folder = dir();
    const small = path.join(folder, 'small');
    mkdirSync(small);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', small], { stdio: 'ignore' });
    } catch {
      ctx.skip();
    }
    cleanups.push(() => execFileSync('umount', [small], { stdio: 'ignore' }));
    const file = path.join(small, 'register.sqlite');
    const core = track(openCore(file, { now: fakeClock(), log: quiet }));
    await call(core, 'app:setup', { mode: 'empty' });
    let failure: unknown = null;
    let saved = 0;
    for (let i = 0; i < 400 && !failure; i++) {
      const r = await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `F-${i}`, notes: `${i} `.padEnd(4000, 'x') }) });
      if (r.ok) saved++;
      else failure = r.error;
    }
    expect(failure).toMatchObject({ code: 'disk_full' });
    expect(translate('fr', 'errors.file.disk_full')).toMatch(/^Le disque est plein/);
    closeCore(core);
    const reopened = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    expect(reopened.health.problem).toBeNull();
    expect(await call(reopened, 'register:list', { kind: 'controller', scope: 'live' })).toHaveLength(saved);
    closeCore(reopened);
  });
});

describe('the start-up checks off the thread that answers (issue 15)', () => {
  it('opens a sound register without waiting for quick_check, runs it in a worker, and writes once it passed', async () => {
    const file = await demoRegister(dir());
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, deferQuickCheck: true, log: quiet }));
    expect(core.pendingCheck).toBeInstanceOf(Promise);
    // Reads answer at once; a write waits for the check's verdict, then runs.
    expect((await call(core, 'register:list', { kind: 'controller', scope: 'live' })).length).toBeGreaterThan(0);
    const created = await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-DEFER' }) });
    expect(created).toMatchObject({ ok: true });
    expect(core.pendingCheck).toBeUndefined();
    expect(core.health.readOnly).toBeNull();
  });

  it('holds a write sent while the check runs, and refuses it once the worker finds the file damaged: nothing written', async () => {
    const file = await demoRegister(dir());
    damageRecordPages(file);
    const before = sha(file);
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, deferQuickCheck: true, log: quiet }));
    const write = callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-NEVER' }) });
    expect(await write).toMatchObject({ ok: false, error: { code: 'damaged' } });
    expect(core.health).toMatchObject({ readOnly: 'damaged', problem: { code: 'damaged', browsable: true } });
    closeCore(core);
    expect(sha(file)).toBe(before);
  });

  it('a file to migrate is still checked before the migration writes', async () => {
    const folder = dir();
    const file = path.join(folder, 'old.sqlite');
    copyFileSync(path.resolve(import.meta.dirname, '../fixtures/demo-v60.sqlite'), file);
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, deferQuickCheck: true, log: quiet }));
    expect(core.pendingCheck).toBeUndefined();
    expect(core.health.readOnly).toBeNull();
  });

  it('runs the full integrity_check in a worker and keeps its verdict in the health', async () => {
    const { scheduleIntegrityCheck } = await import('../../electron/core/services/recovery.service');
    const file = await demoRegister(dir());
    const core = track(openCore(file, { now: fakeClock(), tolerant: true, log: quiet }));
    scheduleIntegrityCheck(core, 0);
    for (let i = 0; i < 600 && !core.health.integrity; i++) await new Promise((r) => setTimeout(r, 50));
    expect(core.health.integrity).toMatchObject({ ok: true, problems: [] });
  });
});
