import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo, BackupInfo } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { stamp } from '../db/connection';
import { LATEST_VERSION } from '../db/migrations';
import { closeCore, reopenCore, type Core } from '../core';
import { appInfo } from './app.service';
import { invalidateLists } from './lists.service';

function info(file: string): BackupInfo {
  const st = statSync(file);
  return { file: path.basename(file), path: file, size: st.size, createdAt: st.mtime.toISOString() };
}

/**
 * A consistent copy of the open database made with SQLite's online backup API, so the app
 * (or the web harness) keeps working while it runs.
 */
export async function backupTo(core: Core, target: string): Promise<BackupInfo> {
  const out = path.resolve(target);
  if (existsSync(out)) throw AppError.conflict(`File already exists: ${out}`);
  mkdirSync(path.dirname(out), { recursive: true });
  await core.db.backup(out);
  return info(out);
}

export async function createBackup(core: Core): Promise<BackupInfo> {
  const base = path.basename(core.dbPath, path.extname(core.dbPath));
  return backupTo(core, path.join(core.backupDir, `${base}-${stamp(core.now())}.sqlite`));
}

export function listBackups(core: Core): BackupInfo[] {
  if (!existsSync(core.backupDir)) return [];
  return readdirSync(core.backupDir)
    .filter((f) => f.endsWith('.sqlite'))
    .map((f) => info(path.join(core.backupDir, f)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Checks that a file is a DPO Desk database this version can open; throws a clear error if not. */
export function checkBackupFile(file: string): void {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const ok = db.pragma('quick_check', { simple: true });
    const version = db.pragma('user_version', { simple: true }) as number;
    const hasRegister = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'register_entry'").get();
    if (ok !== 'ok' || !hasRegister || version > LATEST_VERSION) throw new Error('not usable');
  } catch {
    throw AppError.validation([{ path: 'file', message: 'invalid' }]);
  } finally {
    db?.close();
  }
}

/**
 * Replaces the current register with a backup. The current file is itself backed up first,
 * so a restore can be undone by restoring that copy.
 */
export async function restoreBackup(core: Core, file: string): Promise<AppInfo> {
  const source = path.join(core.backupDir, path.basename(file));
  if (!existsSync(source)) throw AppError.notFound(`No backup ${file}`);
  checkBackupFile(source);
  const base = path.basename(core.dbPath, path.extname(core.dbPath));
  // issue 14B: a damaged register cannot be copied by SQLite: its file is set aside as it is (keepDamaged).
  if (core.health.problem) keepDamaged(core, base);
  else await backupTo(core, path.join(core.backupDir, `${base}-before-restore-${stamp(core.now())}.sqlite`));
  closeCore(core);
  try {
    for (const suffix of ['-wal', '-shm']) rmSync(core.dbPath + suffix, { force: true });
    copyFileSync(source, core.dbPath);
  } finally {
    invalidateLists(core);
    reopenCore(core);
  }
  return appInfo(core);
}

/**
 * issue 14B: the damaged file, kept beside the backups under a name the backup list ignores
 * (`.damaged`), for a specialist's recovery tools; never offered as a backup.
 */
function keepDamaged(core: Core, base: string): void {
  if (!existsSync(core.dbPath)) return;
  mkdirSync(core.backupDir, { recursive: true });
  const target = path.join(core.backupDir, `${base}-damaged-${stamp(core.now())}.sqlite.damaged`);
  copyFileSync(core.dbPath, target);
  if (existsSync(`${core.dbPath}-wal`)) copyFileSync(`${core.dbPath}-wal`, `${target}-wal`);
}
