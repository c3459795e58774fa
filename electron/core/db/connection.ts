import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import { systemClock, type Clock } from '../clock';
import { fileErrorCode } from '../file-errors';
import { MIGRATIONS, type Migration } from './migrations';
import { copyDatabase } from './copy';
import type { DB } from './types';

export type OpenOptions = Readonly<{
  /** Where pre-migration copies go; defaults to `<folder of the file>/backups`. */
  backupDir?: string;
  migrations?: ReadonlyArray<Migration>;
  now?: Clock;
  // --- issue 14B: open mode and start-up check ---
  /** Opens without writing anything (no WAL switch, no migration): a read-only file or folder, a damaged file. */
  readonly?: boolean;
  /** Skips `PRAGMA quick_check` (a damaged file opened on purpose, read-only, to read what is left). */
  skipQuickCheck?: boolean;
  /**
   * The app (issue 15): a writable file already at the latest version is opened without waiting
   * for `quick_check` (seconds on a large register); the caller runs it in a worker and holds
   * every write until it has passed (core.ts, dispatch.ts). A file to migrate is still checked
   * first: a migration writes.
   */
  deferQuickCheck?: boolean;
  /** Overrides BUSY_TIMEOUT_MS (tests of a busy register). */
  busyTimeoutMs?: number;
}>;

/** How long a write waits for another process's write lock before SQLITE_BUSY (then dispatch retries, see dispatch.ts). */
export const BUSY_TIMEOUT_MS = 5000;

export type OpenResult = Readonly<{ db: DB; fromVersion: number; toVersion: number; backupPath: string | null; /** quick_check left to the caller (deferQuickCheck). */ checkDeferred: boolean }>;

export function backupDirFor(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

export function stamp(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/**
 * Opens (creating if needed) the SQLite file, sets the pragmas, and brings the schema to the
 * latest version. Before migrating a file that already holds data, a copy of it is written to
 * the backup folder. All pending migrations run in one transaction: a failure leaves the file
 * as it was.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenResult {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? systemClock;
  // --- issue 14B: open options and checks (from here to the end of openDatabase) ---
  const readonly = options.readonly === true && file !== ':memory:';
  if (file !== ':memory:' && !readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = readonly ? new Database(file, { readonly: true, fileMustExist: true }) : new Database(file);
  try {
    db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? BUSY_TIMEOUT_MS))}`);
    if (!readonly) db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // Issue 14 (14A): FULL, not NORMAL. In WAL mode NORMAL can lose the last acknowledged
    // transactions on a power cut (not on a crash of the app); FULL flushes the WAL at each
    // commit. Measured by `npm run bench` (synchronousFull): about 3 ms more per save.
    if (!readonly) db.pragma('synchronous = FULL');
    const deferred = options.deferQuickCheck === true && !readonly && file !== ':memory:' && versionOrNull(db) === latestVersion(migrations);
    if (!options.skipQuickCheck && !deferred) quickCheck(db);
    if (readonly) return { db, ...checkVersion(db, migrations), backupPath: null, checkDeferred: false };
    // --- end of issue 14B's part ---
    const result = migrate(db, file, migrations, options.backupDir ?? backupDirFor(file), now);
    return { db, ...result, checkDeferred: deferred && !options.skipQuickCheck };
  } catch (err) {
    db.close();
    throw err;
  }
}

// --- issue 14B: start-up checks ---
/**
 * `PRAGMA quick_check` (the page structure, without the index cross-check of integrity_check:
 * a fraction of its time). A damaged file makes SQLite either answer rows of problems or
 * throw SQLITE_CORRUPT / SQLITE_NOTADB; both become one "damaged" error naming the problem.
 */
export function quickCheck(db: DB): void {
  let rows: string[];
  try {
    rows = (db.pragma('quick_check(20)') as Array<Record<string, string>>).map((r) => Object.values(r)[0] ?? '');
  } catch (err) {
    const kind = fileErrorCode(err);
    if (kind === 'damaged') throw AppError.file('damaged', (err as Error).message);
    throw err;
  }
  quickCheckRows(rows);
}

/** The schema version, or null when the file cannot say (damaged: the quick check then says what is wrong). */
function versionOrNull(db: DB): number | null {
  try {
    return schemaVersion(db);
  } catch {
    return null;
  }
}

/** quick_check's answer as the open reads it: "ok" alone, or the file is damaged. */
export function quickCheckRows(rows: ReadonlyArray<string>): void {
  if (rows.length !== 1 || rows[0] !== 'ok') throw AppError.file('damaged', rows.slice(0, 5).join('; '));
}

/** The full `PRAGMA integrity_check` (every page, every index entry): slow on a large file, run in the background and on demand. */
export function integrityCheck(db: DB): ReadonlyArray<string> {
  try {
    return (db.pragma('integrity_check(50)') as Array<Record<string, string>>).map((r) => Object.values(r)[0] ?? '');
  } catch (err) {
    return [(err as Error).message];
  }
}

export function latestVersion(migrations: ReadonlyArray<Migration> = MIGRATIONS): number {
  return migrations.length ? migrations[migrations.length - 1]!.version : 0;
}

export function newerVersionError(fromVersion: number, latest: number): AppError {
  return AppError.file(
    'newer_version',
    `This register was written by a newer version of DPO Desk (schema ${fromVersion}, this version knows ${latest}). Update the app to open it.`,
  );
}

/** A file opened read-only cannot be migrated: it must already be at this version. */
function checkVersion(db: DB, migrations: ReadonlyArray<Migration>) {
  const fromVersion = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (fromVersion > latest) throw newerVersionError(fromVersion, latest);
  if (fromVersion < latest) throw AppError.file('read_only', `needs_upgrade: schema ${fromVersion} must be upgraded to ${latest}, which a read-only file does not allow`);
  return { fromVersion, toVersion: fromVersion };
}
// --- end of issue 14B's start-up checks ---

export function schemaVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function migrate(db: DB, file: string, migrations: ReadonlyArray<Migration>, backupDir: string, now: () => Date) {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version <= migrations[i - 1]!.version) throw new Error('migration versions must increase');
  }
  const latest = migrations.length ? migrations[migrations.length - 1]!.version : 0;
  const fromVersion = schemaVersion(db);
  if (fromVersion > latest) throw newerVersionError(fromVersion, latest);
  const pending = migrations.filter((m) => m.version > fromVersion);
  if (pending.length === 0) return { fromVersion, toVersion: fromVersion, backupPath: null };

  let backupPath: string | null = null;
  if (fromVersion > 0 && file !== ':memory:') {
    mkdirSync(backupDir, { recursive: true });
    const base = `${path.basename(file, path.extname(file))}-before-v${pending[pending.length - 1]!.version}-${stamp(now())}`;
    // A migration killed after its copy and restarted within the same second finds its own earlier
    // copy under this name (found by the reliability suite): never overwrite a backup, take the next free name.
    backupPath = path.join(backupDir, `${base}.sqlite`);
    for (let n = 2; existsSync(backupPath); n++) backupPath = path.join(backupDir, `${base}-${n}.sqlite`);
    // Issue 14 (14A): a consistent copy written to a temporary name, flushed, checked, then renamed.
    copyDatabase(db, backupPath, { exclusive: true });
  }
  db.transaction(() => {
    for (const m of pending) {
      m.up(db, now);
      db.pragma(`user_version = ${Number(m.version)}`);
    }
  })();
  db.pragma('optimize');
  return { fromVersion, toVersion: pending[pending.length - 1]!.version, backupPath };
}
