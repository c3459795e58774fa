import Database from 'better-sqlite3';
import { accessSync, constants, copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReadOnlyReason, RegisterHealth, RegisterProblem } from '../../shared/contract';
import { AppError } from '../../shared/errors';
import { openDatabase, type OpenOptions } from './db/connection';
import { markOpen } from './db/open-lock';
import type { DB } from './db/types';
import { fileErrorCode } from './file-errors';

export const HEALTHY: RegisterHealth = { readOnly: null, problem: null, integrity: null };

export type OpenedRegister = Readonly<{
  db: DB;
  health: RegisterHealth;
  fromVersion: number;
  backupPath: string | null;
  /** quick_check not run yet (deferQuickCheck): the core runs it in a worker and holds writes until it passes. */
  checkDeferred?: boolean;
  /** Removes what the open left outside the database (a read-only copy in the temp folder). */
  release: () => void;
  markOpen: (app: 'desktop' | 'web', at: Date) => () => void;
}>;

export type RegisterOpenOptions = OpenOptions & Readonly<{ tolerant?: boolean }>;

function canWrite(target: string): boolean {
  try {
    accessSync(target, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Why this file cannot be written, before trying: its permissions or its folder's (root passes both: see the tests). */
export function readOnlyReasonOf(file: string): ReadOnlyReason | null {
  // The folder first: on a read-only share or mount both refuse, and the folder is what the user must change.
  const dir = path.dirname(file);
  if (existsSync(dir) && !canWrite(dir)) return 'folder';
  if (existsSync(file) && !canWrite(file)) return 'file';
  return null;
}

function problemOf(err: unknown, browsable = false): RegisterProblem {
  const code = err instanceof AppError ? err.code : fileErrorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  switch (code) {
    case 'damaged':
    case 'newer_version':
    case 'file_missing':
    case 'read_only':
    case 'busy':
      return { code, detail, browsable };
    default:
      return { code: 'internal', detail, browsable };
  }
}

/** An empty, closed placeholder: a core whose register could not be opened keeps no database. */
function noDatabase(): DB {
  const db = new Database(':memory:');
  db.close();
  return db;
}

/**
 * A WAL database in a read-only folder cannot be opened even read-only (SQLite needs its -shm
 * file beside it, SQLITE_CANTOPEN). It is then read from a copy in the temp folder, removed
 * when the register is closed.
 */
function openReadOnlyCopy(file: string, options: OpenOptions): { db: DB; fromVersion: number; release: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-desk-readonly-'));
  const copy = path.join(dir, path.basename(file));
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    const opened = openDatabase(copy, { ...options, readonly: true });
    return { db: opened.db, fromVersion: opened.fromVersion, release: () => rmSync(dir, { recursive: true, force: true }) };
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

function openReadOnly(file: string, options: OpenOptions): { db: DB; fromVersion: number; release: () => void } {
  try {
    const opened = openDatabase(file, { ...options, readonly: true });
    return { db: opened.db, fromVersion: opened.fromVersion, release: () => {} };
  } catch (err) {
    if (fileErrorCode(err) === 'file_missing' && existsSync(file)) return openReadOnlyCopy(file, options);
    throw err;
  }
}

/**
 * Opens the register with the start-up checks, and says what state it is in:
 * - writable and sound: the normal case (migrated, quick_check passed);
 * - read-only (the file, its folder, or asked for): opened without writing, banner and disabled saves;
 * - damaged (quick_check failed): opened read-only when SQLite can still read its schema, so
 *   what is left can be read; "file is not a database" cannot be read at all;
 * - written by a newer version, gone, busy: no database, only the error screen.
 * Without `tolerant`, any problem is thrown as its AppError (the CLI, tests).
 */
export function openRegister(file: string, options: RegisterOpenOptions = {}): OpenedRegister {
  const mark = (app: 'desktop' | 'web', at: Date) => markOpen(file, app, at);
  const base = { markOpen: mark };
  const reason: ReadOnlyReason | null = options.readonly ? 'file' : file === ':memory:' ? null : readOnlyReasonOf(file);
  try {
    if (reason) {
      const ro = openReadOnly(file, options);
      return { ...base, db: ro.db, health: { ...HEALTHY, readOnly: reason }, fromVersion: ro.fromVersion, backupPath: null, release: ro.release };
    }
    const opened = openDatabase(file, options);
    return { ...base, db: opened.db, health: HEALTHY, fromVersion: opened.fromVersion, backupPath: opened.backupPath, checkDeferred: opened.checkDeferred, release: () => {} };
  } catch (err) {
    const kind = err instanceof AppError ? err.code : fileErrorCode(err);
    // A file the system lets us open but not write (a read-only mount seen as writable, a lock on Windows): try read-only.
    if (!reason && kind === 'read_only' && !(err instanceof AppError)) {
      try {
        const ro = openReadOnly(file, options);
        return { ...base, db: ro.db, health: { ...HEALTHY, readOnly: 'file' }, fromVersion: ro.fromVersion, backupPath: null, release: ro.release };
      } catch {
        // fall through to the problem of the first attempt
      }
    }
    if (!options.tolerant) throw err instanceof AppError ? err : (kindError(err) ?? err);
    if (kind === 'damaged' && existsSync(file)) {
      // Read what is left: read-only, without the check that just failed.
      try {
        const ro = openReadOnly(file, { ...options, skipQuickCheck: true });
        ro.db.prepare('SELECT count(*) FROM sqlite_master').get();
        return { ...base, db: ro.db, health: { ...HEALTHY, readOnly: 'damaged', problem: problemOf(err, true) }, fromVersion: ro.fromVersion, backupPath: null, release: ro.release };
      } catch {
        // "file is not a database", or a schema SQLite cannot read: nothing to browse
      }
    }
    const problem = problemOf(err);
    return { ...base, db: noDatabase(), health: { ...HEALTHY, readOnly: problem.code === 'damaged' ? 'damaged' : 'file', problem }, fromVersion: 0, backupPath: null, release: () => {} };
  }
}

function kindError(err: unknown): AppError | null {
  const kind = fileErrorCode(err);
  return kind ? AppError.file(kind, err instanceof Error ? err.message : String(err)) : null;
}
