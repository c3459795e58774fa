import { EventEmitter } from 'node:events';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';
import { closeCore, openCore } from '../../electron/core/core';
import { liveOpenMarks, markFileFor, markOpen } from '../../electron/core/db/open-lock';
import { BUSY_RETRIES, dispatch } from '../../electron/core/dispatch';
import { handlers } from '../../electron/core/handlers';
import { fileErrorCode } from '../../electron/core/file-errors';
import { logFileIn, rotatingLog } from '../../electron/core/log-file';
import { crashText, installCrashHandlers, openForApp } from '../../electron/core/startup';
import { fakeClock, tempDir } from '../helpers';

/** Issue 14B: error codes, the rotating log, the "open in the app" marks and the CLI's refusal, the start-up path of the desktop app. */
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).reverse().forEach((c) => c()));
const quiet = { error: () => {}, warn: () => {} };

function dir(): string {
  const t = tempDir('dpo-safety-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const err = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('error codes of file and database failures', () => {
  it('each failure the user can meet has its own code; anything else stays a bug ("internal")', () => {
    const cases: Array<[unknown, string | null]> = [
      [err('SQLITE_READONLY', 'attempt to write a readonly database'), 'read_only'],
      [err('SQLITE_READONLY_DBMOVED'), 'read_only'],
      [err('EROFS'), 'read_only'],
      [err('EACCES'), 'read_only'],
      [err('SQLITE_FULL', 'database or disk is full'), 'disk_full'],
      [err('ENOSPC'), 'disk_full'],
      [err('SQLITE_IOERR_WRITE', 'disk I/O error: No space left on device'), 'disk_full'],
      [err('SQLITE_BUSY', 'database is locked'), 'busy'],
      [err('SQLITE_BUSY_SNAPSHOT'), 'busy'],
      [err('SQLITE_LOCKED'), 'busy'],
      [err('SQLITE_CORRUPT', 'database disk image is malformed'), 'damaged'],
      [err('SQLITE_CORRUPT_INDEX'), 'damaged'],
      [err('SQLITE_NOTADB', 'file is not a database'), 'damaged'],
      [err('ENOENT'), 'file_missing'],
      [err('SQLITE_CANTOPEN', 'unable to open database file'), 'file_missing'],
      [new TypeError('Cannot open database because the directory does not exist'), 'file_missing'],
      [err('SQLITE_IOERR_READ', 'disk I/O error'), null],
      [err('SQLITE_CONSTRAINT_UNIQUE'), null],
      [new TypeError("Cannot read properties of undefined (reading 'x')"), null],
    ];
    for (const [error, code] of cases) expect(fileErrorCode(error), String((error as Error).message)).toBe(code);
  });

  it('a real bug reaches the user as "internal" and is written in full to the log file', async () => {
    const folder = dir();
    const log = rotatingLog(logFileIn(folder), { now: fakeClock() });
    const core = openCore(path.join(folder, 'r.sqlite'), { now: fakeClock(), log });
    core.db.close(); // a bug: a service left with a closed connection
    const result = await dispatch(core, 'register:list', { kind: 'controller', scope: 'live' });
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    const text = readFileSync(log.file, 'utf8');
    expect(text).toMatch(/^2026-11-24T09:00:\d\d\.000Z ERROR \[dispatch\] register:list failed TypeError: The database connection is not open/m);
    expect(text).toMatch(/at /); // the stack, in the log only
    closeCore(core);
  });
});

describe('busy retries in dispatch', () => {
  it('a write refused with SQLITE_BUSY is run again (BUSY_RETRIES times) before "busy" reaches the user', async () => {
    const folder = dir();
    const core = openCore(path.join(folder, 'r.sqlite'), { now: fakeClock(), log: quiet });
    cleanups.push(() => closeCore(core));
    const original = handlers['settings:get'];
    cleanups.push(() => ((handlers as Record<string, unknown>)['settings:get'] = original));
    let calls = 0;
    const failTimes = (n: number) => {
      calls = 0;
      (handlers as Record<string, unknown>)['settings:get'] = (c: typeof core) => {
        calls++;
        if (calls <= n) throw err('SQLITE_BUSY_SNAPSHOT', 'database is locked');
        return original(c, {} as never);
      };
    };
    failTimes(BUSY_RETRIES);
    expect(await dispatch(core, 'settings:get', {})).toMatchObject({ ok: true });
    expect(calls).toBe(BUSY_RETRIES + 1);
    failTimes(BUSY_RETRIES + 1);
    expect(await dispatch(core, 'settings:get', {})).toMatchObject({ ok: false, error: { code: 'busy' } });
    expect(calls).toBe(BUSY_RETRIES + 1);
  });
});

describe('the rotating log', () => {
  it('keeps at most N files of about the given size, the newest lines in the current file', () => {
    const folder = dir();
    const log = rotatingLog(path.join(folder, 'logs', 'dpo-desk.log'), { now: fakeClock(), maxBytes: 300, keep: 3 });
    for (let i = 1; i <= 40; i++) log.error(`failure number ${i}`);
    const files = readdirSync(path.join(folder, 'logs')).sort();
    expect(files).toEqual(['dpo-desk.log', 'dpo-desk.log.1', 'dpo-desk.log.2']);
    for (const f of files) expect(statSync(path.join(folder, 'logs', f)).size).toBeLessThanOrEqual(300);
    expect(readFileSync(log.file, 'utf8')).toMatch(/failure number 40\n$/);
    expect(readFileSync(`${log.file}.2`, 'utf8')).not.toMatch(/failure number 1\n/); // the oldest are gone
  });

  it('never throws when it cannot write', () => {
    const folder = dir();
    writeFileSync(path.join(folder, 'logs'), 'a file where the folder should be');
    const warnings: string[] = [];
    const log = rotatingLog(path.join(folder, 'logs', 'dpo-desk.log'), { now: fakeClock(), echo: { error: () => {}, warn: (m: string) => warnings.push(m) } });
    expect(() => log.error('boom')).not.toThrow();
    expect(warnings.join()).toMatch(/cannot write/);
  });
});

describe('"open in the app" marks and the CLI', () => {
  /** A mark as another live process would leave it: the parent process (vitest's) is alive and is not us. */
  function markByOtherProcess(db: string, pid = process.ppid): string {
    const file = markFileFor(db, pid);
    writeFileSync(file, JSON.stringify({ pid, host: os.hostname(), app: 'web', startedAt: '2026-11-24T08:00:00.000Z' }));
    return file;
  }

  async function cli(args: string[], signal?: AbortSignal, onErr?: (s: string) => void) {
    const out: string[] = [];
    const errs: string[] = [];
    const code = await runCli(args, { out: (s) => out.push(s), err: (s) => (errs.push(s), onErr?.(s)) }, { now: fakeClock(), ...(signal ? { signal } : {}) });
    return { code, out: out.join('\n'), err: errs.join('\n') };
  }

  it('the app marks the register while it is open; its own mark does not count, a dead process’s mark is stale and removed', async () => {
    const folder = dir();
    const db = path.join(folder, 'r.sqlite');
    const core = openCore(db, { now: fakeClock(), openedBy: 'web' });
    expect(existsSync(markFileFor(db))).toBe(true);
    expect(liveOpenMarks(db)).toEqual([]); // ours
    closeCore(core);
    expect(existsSync(markFileFor(db))).toBe(false);

    const child = spawn(process.execPath, ['-e', '0']);
    const deadPid = await new Promise<number>((resolve) => child.on('exit', () => resolve(child.pid!)));
    const stale = markByOtherProcess(db, deadPid);
    expect(liveOpenMarks(db)).toEqual([]);
    expect(existsSync(stale)).toBe(false);

    const live = markByOtherProcess(db);
    expect(liveOpenMarks(db)).toMatchObject([{ pid: process.ppid, app: 'web' }]);
    rmSync(live);
  });

  it('the CLI refuses to write into a register the app has open (exit 3), reads alongside it, and with --wait writes once the app has closed it', async () => {
    const folder = dir();
    const db = path.join(folder, 'r.sqlite');
    expect((await cli(['demo', '--db', db])).code).toBe(0);
    const mark = markByOtherProcess(db);
    const out = path.join(folder, 'r.docx');

    const refused = await cli(['export', '--db', db, '--out', out]);
    expect(refused.code).toBe(3);
    expect(refused.err).toMatch(/is open in DPO Desk \(web harness, process \d+, since 2026-11-24T08:00:00.000Z\)\. Close it first, or add --wait/);
    expect(existsSync(out)).toBe(false);
    expect((await cli(['check', '--db', db, '--json'])).out).toMatch(/"integrity": "ok"/); // reads are fine
    expect((await cli(['backup', '--db', db, '--out', path.join(folder, 'copy.sqlite')])).code).toBe(0);
    // Restore (issue 14A) writes into the register: refused the same way, the register untouched.
    const registerBefore = readFileSync(db);
    const restoreRefused = await cli(['restore', '--db', db, '--from', path.join(folder, 'copy.sqlite')]);
    expect(restoreRefused.code).toBe(3);
    expect(restoreRefused.err).toMatch(/Close it first, or add --wait/);
    expect(readFileSync(db).equals(registerBefore)).toBe(true);

    // --wait: the CLI says it waits; the app closes the register (its mark goes); the write runs.
    const other = path.join(folder, 'new.sqlite');
    const otherMark = markByOtherProcess(other);
    expect((await cli(['demo', '--db', other])).code).toBe(3);
    expect(existsSync(other)).toBe(false);
    const done = await cli(['demo', '--db', other, '--wait'], undefined, (line) => {
      if (/Waiting for DPO Desk to close the register/.test(line)) rmSync(otherMark);
    });
    expect(done.err).toMatch(/Waiting for DPO Desk to close the register .*new\.sqlite/);
    expect(done).toMatchObject({ code: 0, out: expect.stringMatching(/Demo register created/) });
    rmSync(mark);
  }, 60_000);

  it('check on a damaged register says so and lists the good backups (exit 1)', async () => {
    const folder = dir();
    const db = path.join(folder, 'r.sqlite');
    await cli(['demo', '--db', db]);
    await cli(['backup', '--db', db, '--out', path.join(folder, 'backups', 'r-20261124T090000Z.sqlite')]);
    writeFileSync(db, 'not a database');
    const check = await cli(['check', '--db', db]);
    expect(check.code).toBe(1);
    expect(check.out).toMatch(/Integrity: damaged: file is not a database/);
    expect(check.out).toMatch(/Good backups, newest first:\n {2}\S+ .*r-20261124T090000Z\.sqlite/);
    const exported = await cli(['export', '--db', db, '--out', path.join(folder, 'x.docx')]);
    expect(exported).toMatchObject({ code: 1, err: expect.stringMatching(/The register file is damaged/) });
    // The CLI's restore (issue 14A) repairs it: the damaged file is set aside, not backed up by SQLite.
    const restored = await cli(['restore', '--db', db, '--from', path.join(folder, 'backups', 'r-20261124T090000Z.sqlite')]);
    expect(restored).toMatchObject({ code: 0, out: expect.stringMatching(/Register restored/) });
    expect(readdirSync(path.join(folder, 'backups')).filter((f) => f.endsWith('.sqlite.damaged'))).toHaveLength(1);
    expect((await cli(['check', '--db', db, '--json'])).out).toMatch(/"integrity": "ok"/);
  });
});

describe('start-up of the desktop app (electron/core/startup.ts)', () => {
  it('a register that cannot even be opened still gives a core, on the error screen, never an exception', () => {
    const folder = dir();
    writeFileSync(path.join(folder, 'data'), 'a file where the data folder should be');
    const logged: unknown[] = [];
    const core = openForApp(path.join(folder, 'data', 'dpo-desk.sqlite'), { now: fakeClock() }, { error: (...a: unknown[]) => logged.push(a), warn: (...a: unknown[]) => logged.push(a) });
    expect(core.health.problem).toMatchObject({ browsable: false });
    expect(['file_missing', 'read_only', 'internal']).toContain(core.health.problem!.code);
    expect(String(logged[0])).toMatch(/cannot be opened/);
  });

  it('a damaged register opens on the error screen', () => {
    const folder = dir();
    const file = path.join(folder, 'dpo-desk.sqlite');
    writeFileSync(file, 'garbage'.repeat(1000));
    const core = openForApp(file, { now: fakeClock() }, quiet);
    expect(core.health.problem).toMatchObject({ code: 'damaged' });
    closeCore(core);
  });

  it('an unhandled rejection or exception is logged and shown in the user’s language, and the process goes on', () => {
    const proc = new EventEmitter();
    const shown: Array<{ title: string; message: string }> = [];
    const logged: unknown[] = [];
    installCrashHandlers(proc as unknown as NodeJS.Process, {
      log: { error: (...a: unknown[]) => logged.push(a), warn: () => {} },
      logFile: '/data/logs/dpo-desk.log',
      language: () => 'fr',
      show: (title, message) => shown.push({ title, message }),
    });
    proc.emit('unhandledRejection', new Error('file is not a database'));
    proc.emit('uncaughtException', new Error('boom'));
    expect(logged).toHaveLength(2);
    expect(shown[0]!.title).toBe('DPO Desk\u00a0: erreur inattendue');
    expect(shown[0]!.message).toMatch(/file is not a database.*\/data\/logs\/dpo-desk\.log/);
    expect(crashText('en', new Error('x'), null).message).toMatch(/^Something unexpected happened: x\./);
  });
});

describe('markOpen', () => {
  it('in a folder where nothing can be written, gives no mark and no error', () => {
    const release = markOpen('/proc/no-such-dir/r.sqlite', 'web', new Date(0));
    expect(() => release()).not.toThrow();
  });
});
