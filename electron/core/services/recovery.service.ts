import { checkInWorker } from '../db/check-worker';
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, openSync, readFileSync, readSync, closeSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppInfo, IntegrityReport, RecoveryBackup } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { integrityCheck, latestVersion } from '../db/connection';
import { reopenCore, type Core } from '../core';
import { DB_ENTRY, openArchive } from '../files/backup-archive';
import { appInfo } from './app.service';
import { listBackups } from './backup.service';

/**
 * A backup the error screen may offer: SQLite can read it, its pages pass quick_check, it holds
 * the register's table and this version can open it. Returns its schema version, or null.
 * (Issue 14A changes the backup format: this is the one place that decides "a good backup".)
 */
export function readableBackupVersion(file: string): number | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('quick_check', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasRegister = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'register_entry'").get();
    return ok === 'ok' && hasRegister && version <= latestVersion() ? version : null;
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/**
 * The same for a complete backup (issue 14A's `.dpobackup`): its manifest's SHA-256 sums match,
 * and its register passes the check above (read from a scratch copy in the temp folder). An
 * encrypted one cannot be read without its passphrase: it is offered with `schemaVersion` null,
 * and the restore checks it once the passphrase is given.
 */
export function readableArchiveVersion(file: string, encrypted: boolean): number | null | undefined {
  if (encrypted) return null;
  let dir: string | undefined;
  try {
    const archive = openArchive(readFileSync(file));
    if (archive.manifest.schemaVersion > latestVersion()) return undefined;
    dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-desk-check-'));
    const copy = path.join(dir, DB_ENTRY);
    writeFileSync(copy, archive.db);
    return readableBackupVersion(copy) ?? undefined;
  } catch {
    return undefined;
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
}

/** The latest good backups, newest first (at most `limit`): what the error screen offers to restore. */
export function recoveryBackups(core: Core, limit = 5): RecoveryBackup[] {
  const good: RecoveryBackup[] = [];
  for (const backup of listBackups(core)) {
    const schemaVersion = backup.format === 'archive' ? readableArchiveVersion(backup.path, backup.encrypted) : (readableBackupVersion(backup.path) ?? undefined);
    if (schemaVersion !== undefined) good.push({ ...backup, schemaVersion });
    if (good.length >= limit) break;
  }
  return good;
}

/**
 * The full `PRAGMA integrity_check`, kept in the core's health. A register that fails it
 * becomes read-only and shows the error screen: nothing more is written into a damaged file.
 */
export function checkIntegrityNow(core: Core): IntegrityReport {
  return recordIntegrity(core, core.db.open ? integrityCheck(core.db) : [core.health.problem?.detail ?? 'not open']);
}

/** An integrity_check's rows, kept in the core's health: a register that fails it becomes read-only. */
function recordIntegrity(core: Core, problems: ReadonlyArray<string>): IntegrityReport {
  const ok = problems.length === 1 && problems[0] === 'ok';
  const report: IntegrityReport = { at: core.now().toISOString(), ok, problems: ok ? [] : [...problems] };
  core.health = ok || core.health.problem
    ? { ...core.health, integrity: report }
    : { readOnly: 'damaged', problem: { code: 'damaged', detail: problems.slice(0, 5).join('; '), browsable: true }, integrity: report };
  if (!ok) core.log?.warn(`[integrity] ${core.dbPath}: ${problems.slice(0, 5).join('; ')}`);
  return report;
}

/**
 * The full check, once, a moment after start-up (the quick check has already run at open), so
 * the first screen is not delayed by it; in a worker thread (check-worker.ts), so that the
 * register answers while it reads every page (issue 15: tens of seconds at 20,000 records).
 * Returns the function that cancels it.
 */
export function scheduleIntegrityCheck(core: Core, delayMs = 3000): () => void {
  let cancelled = false;
  const timer = setTimeout(() => {
    if (cancelled || !core.db.open) return;
    const db = core.db;
    const inMemory = core.dbPath === ':memory:';
    const rows = inMemory ? Promise.resolve(integrityCheck(db)) : checkInWorker(core.dbPath, 'integrity_check(50)').catch((err: unknown) => [err instanceof Error ? err.message : String(err)]);
    void rows
      .then(async (problems) => {
        // Issue 16: not inside the transaction an import holds open (a Cancel would roll the verdict back with it).
        while (core.holding) await core.holding;
        if (!cancelled && core.db === db && db.open) recordIntegrity(core, problems);
      })
      .catch((err: unknown) => core.log?.error('[integrity] background check failed', err));
  }, delayMs);
  timer.unref?.();
  return () => {
    cancelled = true;
    clearTimeout(timer);
  };
}

/** Closes this register and opens another one the user chose (a dialog on the desktop, a typed path in the harness). */
export async function openAnotherRegister(core: Core, given: string | undefined, readOnly = false): Promise<AppInfo> {
  const file = given ?? (core.platform?.chooseOpenPath ? await core.platform.chooseOpenPath() : null);
  if (!file) return appInfo(core);
  if (!existsSync(file) || !statSync(file).isFile()) throw AppError.file('file_missing', `No register file at ${file}`);
  reopenCore(core, file, readOnly ? { readonly: true } : {});
  return appInfo(core);
}

const LOG_TAIL_BYTES = 64 * 1024;

/** The log of unexpected errors: opened with the system's viewer on the desktop, its end returned to the harness. */
export async function readLog(core: Core): Promise<{ file: string | null; text: string; opened: boolean }> {
  const file = core.log?.file ?? null;
  if (!file || !existsSync(file)) return { file, text: '', opened: false };
  if (core.platform?.openPath) {
    const error = await core.platform.openPath(file);
    if (!error) return { file, text: '', opened: true };
  }
  const size = statSync(file).size;
  const length = Math.min(size, LOG_TAIL_BYTES);
  const buffer = Buffer.alloc(length);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, length, size - length);
  } finally {
    closeSync(fd);
  }
  return { file, text: buffer.toString('utf8'), opened: false };
}
