import Database from 'better-sqlite3';
import { regimesFile } from './services/breach-regimes.service';
import os from 'node:os';
import path from 'node:path';
import type { RegisterHealth, RegisterProblem } from '../../shared/contract';
import { systemClock, type Clock } from './clock';
import { backupDirFor, quickCheck, quickCheckRows, type OpenOptions } from './db/connection';
import { checkInWorker } from './db/check-worker';
import { cancelAllJobs } from './jobs';
import { AppError } from '../../shared/errors';
import type { DB } from './db/types';
import { fileErrorCode } from './file-errors';
import { cleanTempFiles } from './files/atomic';
import { recoverRestore } from './files/restore-journal';
import type { Logger } from './log-file';
import { HEALTHY, openRegister, type OpenedRegister } from './register-open';
import { ensureReferenceDefaults } from './services/lists.service';
import { afterMigration } from './services/register.service';

/**
 * What every service works with: the open database and who is acting. `db` may be replaced
 * (restore from a backup, another file opened), so services read `core.db` on each call and
 * never keep it.
 */
export type Core = {
  db: DB;
  dbPath: string;
  backupDir: string;
  readonly actor: string;
  readonly appVersion: string;
  /** The core's clock (see clock.ts): every service takes the time from here. */
  readonly now: Clock;
  /** The backup taken before the last migration, if one ran. */
  lastMigrationBackup: string | null;
  /** What only a desktop shell can do (a native save dialog); absent in the web harness and the CLI. */
  platform?: Platform;
  /** Whether the register can be written, and what is wrong with it if anything (see register-open.ts). */
  health: RegisterHealth;
  /** Where real bugs are written (a rotating log file in the app's data folder); the console when not set. */
  log?: Logger & { readonly file?: string };
  /** Who marks the register as open (the desktop app, the web harness); the CLI does not. */
  readonly openedBy?: 'desktop' | 'web';
  /** Undoes what opening did outside the database (the "open" mark, a read-only copy). */
  release: () => void;
  /**
   * The start-up quick_check running in a worker (issue 15: seconds on a large register, the
   * screens answer meanwhile); every write waits for it (dispatch.ts), and a failure makes the
   * register read-only and damaged as a failed check at open does.
   */
  pendingCheck?: Promise<void> | undefined;
  /**
   * Issue 16: a job holding the connection's transaction open across its pauses (the import's
   * apply, one transaction written in batches); resolves when it committed or rolled back. Every
   * channel but following and cancelling jobs waits for it (dispatch.ts): nothing reads what is
   * not committed yet, nothing is written inside a transaction a cancel would roll back.
   */
  holding?: Promise<void> | undefined;
};

export type Platform = Readonly<{
  chooseSavePath: (defaultName: string) => Promise<string | null>;
  /** Opens a file with the system's application for it; resolves to '' or an error message. */
  openPath?: (file: string) => Promise<string>;
  /** A native "open file" dialog (desktop): another register to open. */
  chooseOpenPath?: () => Promise<string | null>;
}>;

export const APP_VERSION = '0.1.0';

export type CoreOptions = OpenOptions &
  Readonly<{
    actor?: string;
    appVersion?: string;
    /**
     * The app (desktop, harness): a register that cannot be opened normally still gives a core,
     * read-only or holding no database, whose `health` says what is wrong (the error screen).
     * Without it (the CLI, tests), such a register throws its AppError.
     */
    tolerant?: boolean;
    openedBy?: 'desktop' | 'web';
    log?: Logger & { readonly file?: string };
  }>;

function defaultActor(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function openCore(dbPath: string, options: CoreOptions = {}): Core {
  const resolved = dbPath === ':memory:' ? dbPath : path.resolve(dbPath);
  const now = options.now ?? systemClock;
  const core: Core = {
    db: new Database(':memory:'),
    dbPath: resolved,
    backupDir: options.backupDir ?? backupDirFor(resolved),
    actor: options.actor ?? defaultActor(),
    appVersion: options.appVersion ?? APP_VERSION,
    now,
    lastMigrationBackup: null,
    health: HEALTHY,
    ...(options.log ? { log: options.log } : {}),
    ...(options.openedBy ? { openedBy: options.openedBy } : {}),
    release: () => {},
  };
  core.db.close();
  // Issue 14A before 14B: an interrupted restore is finished (or undone) and crashed writes'
  // temporary files removed first, then the register is opened with its start-up checks.
  recoverFiles(core);
  attach(core, openRegister(resolved, { ...options, backupDir: core.backupDir, now }));
  return core;
}

/**
 * A core that holds no register: what the app runs on when even the tolerant open failed (its
 * data folder cannot be created, the SQLite module cannot load). The window still opens, on
 * the error screen, with "open another file".
 */
export function coreWithoutRegister(dbPath: string, problem: RegisterProblem, options: CoreOptions = {}): Core {
  const db = new Database(':memory:');
  db.close();
  const resolved = path.resolve(dbPath);
  return {
    db,
    dbPath: resolved,
    backupDir: options.backupDir ?? backupDirFor(resolved),
    actor: options.actor ?? defaultActor(),
    appVersion: options.appVersion ?? APP_VERSION,
    now: options.now ?? systemClock,
    lastMigrationBackup: null,
    health: { readOnly: 'file', problem, integrity: null },
    ...(options.log ? { log: options.log } : {}),
    ...(options.openedBy ? { openedBy: options.openedBy } : {}),
    release: () => {},
  };
}

/** Puts a freshly opened register into the core and runs what follows an open (reference lists, post-migration refresh). */
function attach(core: Core, opened: OpenedRegister): void {
  core.db = opened.db;
  core.health = opened.health;
  core.lastMigrationBackup = opened.backupPath;
  const releaseCopy = opened.release;
  const releaseMark = !opened.health.readOnly && core.openedBy && core.dbPath !== ':memory:' ? opened.markOpen(core.openedBy, core.now()) : () => {};
  core.release = () => {
    releaseMark();
    releaseCopy();
  };
  if (opened.health.problem) core.log?.warn(`[open] ${core.dbPath} cannot be opened normally: ${opened.health.problem.code}: ${opened.health.problem.detail}`);
  core.pendingCheck = opened.checkDeferred ? deferredQuickCheck(core, core.db) : undefined;
  if (opened.health.readOnly || opened.health.problem) return;
  ensureReferenceDefaults(core);
  // A mistake in an added regime (resources/reference/regimes.json) shows at start, with the entry at fault.
  regimesFile();
  // Migration 0080 moved the records' transfers to the transfer register: their stored summaries and search texts are written again from it.
  afterMigration(core, opened.fromVersion);
}

/** The start-up quick_check in a worker (check-worker.ts); its verdict lands in the core's health. */
function deferredQuickCheck(core: Core, db: Core['db']): Promise<void> {
  const done = checkInWorker(core.dbPath, 'quick_check(20)')
    .then((rows) => quickCheckRows(rows))
    .catch((err: unknown) => {
      if (core.db !== db) return; // another register was opened meanwhile
      const damaged = err instanceof AppError ? err.code === 'damaged' : fileErrorCode(err) === 'damaged';
      if (!damaged) {
        // The worker could not run (no thread, the module not found): the check runs here instead.
        try {
          quickCheck(db);
          return;
        } catch (again) {
          if (!(again instanceof AppError) || again.code !== 'damaged') {
            core.log?.error('[open] the start-up check could not run', again);
            return;
          }
          err = again;
        }
      }
      const detail = err instanceof Error ? err.message : String(err);
      core.health = { readOnly: 'damaged', problem: { code: 'damaged', detail, browsable: true }, integrity: core.health.integrity };
      core.log?.warn(`[open] ${core.dbPath}: the start-up check found the file damaged: ${detail}`);
    })
    .finally(() => {
      if (core.pendingCheck === done) core.pendingCheck = undefined;
    });
  return done;
}

/**
 * Closes the current register and opens `file` (the same one after a restore, or another one
 * the user chose), with the same start-up checks; the core object stays the same.
 */
export function reopenCore(core: Core, file: string = core.dbPath, options: Pick<CoreOptions, 'readonly'> = {}): Core {
  // A job still reading the register (an export's worker) stops: the file is about to change.
  void cancelAllJobs().catch((err: unknown) => core.log?.warn(`[jobs] ${err instanceof Error ? err.message : String(err)}`));
  closeCore(core);
  const resolved = path.resolve(file);
  if (resolved !== core.dbPath) {
    core.dbPath = resolved;
    core.backupDir = backupDirFor(resolved);
  }
  try {
    recoverFiles(core);
  } catch (err) {
    // The app keeps a register open whatever happened (after a failed restore too): the
    // journal stays, and the next start finishes the restore.
    core.log?.warn(`[recover] ${resolved}: ${err instanceof Error ? err.message : String(err)}`);
  }
  attach(core, openRegister(resolved, { backupDir: core.backupDir, now: core.now, tolerant: true, ...options }));
  return core;
}

/** The folder of stored documents (contracts, certificates), beside the backup folder. */
export function documentsDirFor(backupDir: string): string {
  return path.join(path.dirname(backupDir), 'documents');
}

/**
 * Issue 14, before the register is opened: a restore interrupted by a crash is completed (or, if
 * it had not been committed, undone), and temporary files left by crashed writes are removed.
 */
function recoverFiles(core: Core): void {
  const { dbPath, backupDir } = core;
  if (dbPath === ':memory:') return;
  const docs = documentsDirFor(backupDir);
  try {
    recoverRestore(dbPath, docs);
  } catch (err) {
    // A folder that cannot be written (a read-only mount): the register opens read-only (14B),
    // and the restore is finished at a start where the folder can be written. Anything else is
    // thrown: the app shows it on its error screen (startup.ts), the CLI as its message.
    if (fileErrorCode(err) !== 'read_only') throw err;
    core.log?.warn(`[recover] ${dbPath}: ${err instanceof Error ? err.message : String(err)}`);
  }
  for (const dir of [path.dirname(dbPath), backupDir, docs]) cleanTempFiles(dir);
}

export function closeCore(core: Core): void {
  if (core.db.open) core.db.close();
  core.release();
  core.release = () => {};
}

/** Runs `fn` in one write transaction. */
export function tx<T>(core: Core, fn: () => T): T {
  return core.db.transaction(fn)();
}
