import Database from 'better-sqlite3';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { AppInfo, BackupInfo } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/domain/validation';
import { BACKUP_SETTINGS_DEFAULTS, BackupSettingsSchema, type BackupSettings } from '../../../shared/domain/backup';
import { stamp } from '../db/connection';
import { copyDatabase } from '../db/copy';
import { LATEST_VERSION } from '../db/migrations';
import { backupCounts, integrity, missingTables, userVersion } from '../db/repos/backup.repo';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import { BACKUP_EXT, buildArchive, isEncrypted, openArchive } from '../files/backup-archive';
import { cleanTempFiles, fsyncDir, isTempName, tempPathFor, verifyZip, writeError, writeFileAtomic } from '../files/atomic';
import { completeRestore, journalPath, recoverRestore, stagedDbPath, stagedDocsPath, writeJournal } from '../files/restore-journal';
import { closeCore, reopenCore, tx, type Core } from '../core';
import { backupPages, betweenBatches, cancelledError, holdConnection, startJob, takeJobResult, waitJob, type JobControl } from '../jobs';
import { appInfo } from './app.service';
import { audit } from './audit';
import { invalidateLists } from './lists.service';
import { documentsDir } from './supplier.service';

const invalidFile = (key = 'backupNotARegister', params?: Record<string, string | number>) => AppError.validation([{ path: 'file', message: msg(key, params) }]);

function readHead(file: string): Buffer {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    readSync(fd, head, 0, 8, 0);
    return head;
  } finally {
    closeSync(fd);
  }
}

/** When a backup was taken: the core's time stamped in its name (see `stamp`), else the file's. */
function takenAt(file: string, mtime: Date): string {
  const m = /(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(path.basename(file));
  return m ? `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.000Z` : mtime.toISOString();
}

function info(file: string): BackupInfo {
  const st = statSync(file);
  const archive = file.endsWith(BACKUP_EXT);
  return {
    file: path.basename(file),
    path: file,
    size: st.size,
    createdAt: takenAt(file, st.mtime),
    format: archive ? 'archive' : 'database',
    encrypted: archive && isEncrypted(readHead(file)),
    auto: path.basename(file).includes('-auto-'),
  };
}

/** The files in the documents folder (contracts, certificates), without our temporary files. */
function documentFiles(core: Core): Array<{ name: string; content: Buffer }> {
  const dir = documentsDir(core);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && !isTempName(e.name))
    .map((e) => ({ name: e.name, content: readFileSync(path.join(dir, e.name)) }));
}

/**
 * A complete backup: a consistent copy of the database (VACUUM INTO, one snapshot), the documents
 * folder and a manifest, in one archive written atomically (see files/atomic.ts). Synchronous on
 * purpose: nothing else of this process runs while it is taken (the CLI, the scheduled backup at
 * start-up); the app's Backup button runs writeArchiveInSteps, with its progress and Cancel.
 */
export function writeArchive(core: Core, target: string, passphrase?: string): BackupInfo {
  const out = archiveTarget(target);
  const dbCopy = tempPathFor(`${out}.sqlite`);
  let bytes: Uint8Array;
  try {
    core.db.prepare('VACUUM INTO ?').run(dbCopy);
    bytes = archiveOf(core, dbCopy, passphrase);
  } catch (err) {
    throw writeError(err, out); // a full disk or a read-only folder says so
  } finally {
    rmSync(dbCopy, { force: true });
  }
  writeVerified(out, bytes, passphrase);
  return info(out);
}

function archiveTarget(target: string): string {
  const out = path.resolve(target);
  if (existsSync(out)) throw AppError.conflict(`File already exists: ${out}`);
  mkdirSync(path.dirname(out), { recursive: true });
  return out;
}

/** The archive of a copy of the database (its counts and schema read from the copy), the documents and the manifest. */
function archiveOf(core: Core, dbCopy: string, passphrase: string | undefined): Uint8Array {
  const copy = new Database(dbCopy);
  let counts;
  let schemaVersion;
  try {
    // A copy by the backup API keeps the register's WAL mode; the archived file is one file, as VACUUM INTO makes it.
    copy.pragma('journal_mode = DELETE');
    counts = backupCounts(copy);
    schemaVersion = userVersion(copy);
  } finally {
    copy.close();
  }
  return buildArchive({ db: readFileSync(dbCopy), documents: documentFiles(core), meta: { createdAt: core.now().toISOString(), appVersion: core.appVersion, schemaVersion, counts } }, passphrase);
}

function writeVerified(out: string, bytes: Uint8Array, passphrase: string | undefined): void {
  writeFileAtomic(out, bytes, {
    exclusive: true,
    // Read back: an archive must open, and a plain one must list its files.
    verify: (tmp) => (passphrase ? void 0 : verifyZip(tmp)),
  });
}

/** Database pages copied per step of the backup (4 KiB each: about 1.6 MB between two answers to the screens). */
const PAGES_PER_STEP = 400;

/**
 * Issue 16: the same archive as a job. The database is copied by SQLite's backup API
 * (better-sqlite3's db.backup), a few hundred pages per step with the event loop free between
 * two: the progress is pages copied / total ('copy'), then the archive is packed (and encrypted
 * with the passphrase) and written ('pack', one step: fflate packs in one call). The connection
 * is held meanwhile (core.holding): no write lands between the copy and the screens. A Cancel
 * stops at the next step and removes the partial copy: no file is left, nothing is lost. Once
 * the archive is packed, the last step (an atomic write) is not cancelled.
 */
export async function writeArchiveInSteps(core: Core, target: string, passphrase: string | undefined, control: JobControl): Promise<BackupInfo> {
  const out = archiveTarget(target);
  const dbCopy = tempPathFor(`${out}.sqlite`);
  const removePartial = () => {
    rmSync(dbCopy, { force: true });
    for (const s of ['-wal', '-shm', '-journal']) rmSync(dbCopy + s, { force: true });
  };
  // A Cancel is seen at the next step, which throws: the partial copy is removed below (not by an
  // undo run while SQLite still has it open, which Windows would refuse).
  let bytes: Uint8Array;
  const pages = backupPages(PAGES_PER_STEP);
  try {
    await core.db.backup(dbCopy, {
      progress: ({ totalPages, remainingPages }) => {
        control.progress(totalPages - remainingPages, totalPages, 'copy');
        if (control.cancelled) throw cancelledError();
        return pages();
      },
    });
    if (control.cancelled) throw cancelledError();
    control.progress(0, 1, 'pack');
    await betweenBatches();
    if (control.cancelled) throw cancelledError();
    bytes = archiveOf(core, dbCopy, passphrase);
  } catch (err) {
    throw control.cancelled || err instanceof AppError ? err : writeError(err, out);
  } finally {
    removePartial();
  }
  if (control.cancelled) throw cancelledError();
  control.lockCancel('write');
  writeVerified(out, bytes, passphrase);
  control.progress(1, 1, 'write');
  return info(out);
}

/**
 * A backup at a chosen path (CLI): a complete archive, or, for a `.sqlite` target, a copy of the
 * register alone (no documents), as before issue 14.
 */
export async function backupTo(core: Core, target: string, passphrase?: string): Promise<BackupInfo> {
  const out = path.resolve(target);
  if (existsSync(out)) throw AppError.conflict(`File already exists: ${out}`);
  if (out.endsWith('.sqlite')) {
    if (passphrase) throw AppError.validation([{ path: 'passphrase', message: msg('backupSqliteNoPassphrase') }]);
    mkdirSync(path.dirname(out), { recursive: true });
    copyDatabase(core.db, out, { exclusive: true });
    return info(out);
  }
  return writeArchive(core, out, passphrase);
}

function baseName(core: Core): string {
  return path.basename(core.dbPath, path.extname(core.dbPath));
}

export const BACKUP_JOB = 'backup:create';
export const RESTORE_JOB = 'backup:restore';

/** Where a new backup of `kind` goes: the register's name, the kind, the core's time; never an existing file. */
function backupTarget(core: Core, kind: 'manual' | 'auto' | 'before-restore'): string {
  const label = kind === 'manual' ? '' : `${kind}-`;
  const name = `${baseName(core)}-${label}${stamp(core.now())}`;
  let target = path.join(core.backupDir, name + BACKUP_EXT);
  for (let i = 2; existsSync(target); i++) target = path.join(core.backupDir, `${name}-${i}${BACKUP_EXT}`);
  return target;
}

/** Issue 16: a backup as a job (backup:start, job:get, job:cancel, backup:finish); see writeArchiveInSteps. */
export function startBackup(core: Core, passphrase?: string): string {
  return startJob<BackupInfo>(BACKUP_JOB, (control) => holdConnection(core, () => writeArchiveInSteps(core, backupTarget(core, 'manual'), passphrase, control)));
}

export function finishBackup(job: string): BackupInfo {
  return takeJobResult<BackupInfo>(job, BACKUP_JOB);
}

/** A backup in one call (backup:create, the tests): the same job, awaited. */
export async function createBackup(core: Core, passphrase?: string): Promise<BackupInfo> {
  const job = startBackup(core, passphrase);
  await waitJob(job);
  return finishBackup(job);
}

function createBackupSync(core: Core, passphrase: string | undefined, kind: 'manual' | 'auto' | 'before-restore'): BackupInfo {
  return writeArchive(core, backupTarget(core, kind), passphrase);
}

export function listBackups(core: Core): BackupInfo[] {
  if (!existsSync(core.backupDir)) return [];
  return readdirSync(core.backupDir)
    .filter((f) => (f.endsWith('.sqlite') || f.endsWith(BACKUP_EXT)) && !isTempName(f) && !f.startsWith('.'))
    .map((f) => info(path.join(core.backupDir, f)))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.file.localeCompare(a.file));
}

/**
 * Checks that a file is a DPO Desk register this version can open, before it replaces anything:
 * the full integrity check, a schema no newer than this app's, the app's own tables.
 */
export function checkBackupFile(file: string): void {
  let db: Database.Database | undefined;
  let problem: AppError | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const version = userVersion(db);
    if (version > LATEST_VERSION) problem = invalidFile('backupTooNew', { version, latest: LATEST_VERSION });
    else if (missingTables(db).length > 0) problem = invalidFile('backupNotARegister');
    else if (integrity(db) !== 'ok') problem = invalidFile('backupDamaged');
  } catch {
    problem = invalidFile('backupNotARegister');
  } finally {
    db?.close();
    for (const s of ['-wal', '-shm']) rmSync(file + s, { force: true });
  }
  if (problem) throw problem;
}

/** Writes the backup's register (and documents) next to the current ones, flushed and checked. */
function stage(core: Core, source: string, passphrase: string | undefined): { documents: boolean } {
  const steps = stageSteps(core, source, passphrase);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** The same, with a pause after each of its steps (read, opened, written, checked) where a Cancel is seen. */
async function stageInSteps(core: Core, source: string, passphrase: string | undefined, tick: (n: number) => Promise<void>): Promise<{ documents: boolean }> {
  const steps = stageSteps(core, source, passphrase);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await tick(r.value);
  }
}

function* stageSteps(core: Core, source: string, passphrase: string | undefined): Generator<number, { documents: boolean }> {
  const stagedDb = stagedDbPath(core.dbPath);
  const docsDir = documentsDir(core);
  const stagedDocs = stagedDocsPath(docsDir);
  rmSync(stagedDb, { force: true });
  rmSync(stagedDocs, { recursive: true, force: true });
  const data = readFileSync(source);
  yield 1;
  if (source.endsWith(BACKUP_EXT)) {
    const archive = openArchive(data, passphrase);
    if (archive.manifest.schemaVersion > LATEST_VERSION) throw invalidFile('backupTooNew', { version: archive.manifest.schemaVersion, latest: LATEST_VERSION });
    yield 2;
    writeFileAtomic(stagedDb, archive.db);
    yield 3;
    checkBackupFile(stagedDb);
    mkdirSync(stagedDocs, { recursive: true });
    for (const d of archive.documents) writeFileAtomic(path.join(stagedDocs, d.name), d.content);
    fsyncDir(path.dirname(stagedDocs));
    yield 4;
    return { documents: true };
  }
  if (isEncrypted(data)) throw invalidFile('backupNotARegister');
  yield 2;
  writeFileAtomic(stagedDb, data);
  yield 3;
  checkBackupFile(stagedDb);
  yield 4;
  return { documents: false };
}

/**
 * Replaces the current register with a backup (see files/restore-journal.ts for the steps and
 * what a crash at each one leaves). The backup is opened, verified against its manifest and
 * checked before anything is replaced; the current register and documents are backed up first,
 * so a restore can be undone by restoring that copy. A backup of the register alone (`.sqlite`)
 * leaves the documents folder as it is.
 */
export async function restoreBackup(core: Core, file: string, passphrase?: string): Promise<AppInfo> {
  const job = startRestore(core, file, passphrase);
  await waitJob(job);
  return finishRestore(job);
}

/**
 * Issue 16: the restore as a job. Its steps: 'check' (the backup read, opened, written beside
 * the register and checked: 4 steps), 'save' (the complete backup of the current register,
 * pages copied / total), then 'replace'. Cancel is possible until 'replace' and removes what the
 * first two wrote (the staged copy, the backup of the current state): the register is untouched.
 * Once 'replace' starts, the job cannot be cancelled (lockCancel): the current register is closed
 * and the file swapped in one synchronous step, so the register is never half-restored.
 */
export function startRestore(core: Core, file: string, passphrase?: string): string {
  const source = path.join(core.backupDir, path.basename(file));
  return startJob<AppInfo>(RESTORE_JOB, (control) => holdConnection(core, () => restoreInSteps(core, source, passphrase, control)));
}

export function finishRestore(job: string): AppInfo {
  return takeJobResult<AppInfo>(job, RESTORE_JOB);
}

const RESTORE_CHECKS = 4;

async function restoreInSteps(core: Core, source: string, passphrase: string | undefined, control: JobControl): Promise<AppInfo> {
  if (!existsSync(source)) throw AppError.notFound(`No backup ${source}`);
  let staged: { documents: boolean };
  let before: string;
  let beforePath: string | null = null;
  const unstage = () => {
    rmSync(stagedDbPath(core.dbPath), { force: true });
    rmSync(stagedDocsPath(documentsDir(core)), { recursive: true, force: true });
  };
  try {
    const tick = async (n: number) => {
      control.progress(n, RESTORE_CHECKS, 'check');
      await betweenBatches();
      if (control.cancelled) throw cancelledError();
    };
    await tick(0);
    staged = await stageInSteps(core, source, passphrase, tick);
    if (core.health.problem) before = keepDamaged(core, staged.documents);
    else {
      const target = backupTarget(core, 'before-restore');
      beforePath = target;
      const saving: JobControl = { ...control, progress: (done, total) => control.progress(done, total, 'save'), lockCancel: () => {}, onCancel: () => {}, get cancelled() { return control.cancelled; } };
      before = (await writeArchiveInSteps(core, target, undefined, saving)).file;
    }
    if (control.cancelled) throw cancelledError();
  } catch (err) {
    unstage();
    // Cancelled: the backup of the current state made for this restore goes too (the register is as it was).
    if (control.cancelled && beforePath) rmSync(beforePath, { force: true });
    throw err;
  }
  // From here, nothing interrupts: the register is closed, replaced and opened again in one go.
  control.lockCancel('replace');
  return replaceWithStaged(core, staged, before);
}

/** Restore from any path (the CLI), in one synchronous go; the app restores only from its backup folder, as a job. */
export function restoreFrom(core: Core, source: string, passphrase?: string): AppInfo {
  if (!existsSync(source)) throw AppError.notFound(`No backup ${source}`);
  let staged: { documents: boolean };
  let before: string;
  try {
    staged = stage(core, source, passphrase);
    // Issue 14B: a damaged register cannot be copied by SQLite: its file (and documents) are set
    // aside as they are (keepDamaged); a sound one is backed up completely, as any backup.
    before = core.health.problem ? keepDamaged(core, staged.documents) : createBackupSync(core, undefined, 'before-restore').file;
  } catch (err) {
    rmSync(stagedDbPath(core.dbPath), { force: true });
    rmSync(stagedDocsPath(documentsDir(core)), { recursive: true, force: true });
    throw err;
  }
  return replaceWithStaged(core, staged, before);
}

function replaceWithStaged(core: Core, staged: { documents: boolean }, before: string): AppInfo {
  writeJournal(core.dbPath, { documents: staged.documents, backup: before, at: core.now().toISOString() });
  if (core.db.open && !core.health.readOnly) core.db.pragma('wal_checkpoint(TRUNCATE)');
  closeCore(core); // 14B: also releases the "open" mark and any read-only copy
  try {
    completeRestore(core.dbPath, documentsDir(core), { documents: staged.documents, backup: before, at: '' });
  } catch (err) {
    // The register was not replaced (e.g. a rename refused): undo, so the next start does not replace it behind the
    // user's back. If it was replaced, the journal stays and the next start finishes the documents folder.
    if (existsSync(stagedDbPath(core.dbPath))) {
      rmSync(journalPath(core.dbPath), { force: true });
      recoverRestore(core.dbPath, documentsDir(core));
    }
    throw writeError(err, core.dbPath);
  } finally {
    // The app keeps a register open whatever happened, with 14B's start-up checks (health, open mark).
    invalidateLists(core);
    reopenCore(core);
  }
  return appInfo(core);
}

// Scheduled backups ---------------------------------------------------------------------------------

const SETTINGS_KEY = 'backup.settings';

export function getBackupSettings(core: Core): BackupSettings {
  const raw = getSetting(core.db, SETTINGS_KEY);
  const parsed = raw ? BackupSettingsSchema.safeParse({ ...BACKUP_SETTINGS_DEFAULTS, ...JSON.parse(raw) }) : null;
  return parsed?.success ? parsed.data : { ...BACKUP_SETTINGS_DEFAULTS };
}

export function saveBackupSettings(core: Core, settings: BackupSettings): BackupSettings {
  return tx(core, () => {
    const before = getBackupSettings(core);
    setSetting(core.db, SETTINGS_KEY, JSON.stringify(settings));
    audit(core, 'setting', SETTINGS_KEY, 'update', before, settings);
    return getBackupSettings(core);
  });
}

export type ScheduledResult = Readonly<{ made: BackupInfo | null; removed: ReadonlyArray<string> }>;

/**
 * At start-up: a complete backup when the latest one is older than the set number of days (or
 * there is none), then only the `keep` latest scheduled backups are kept. A new register with
 * nothing in it yet is not backed up.
 */
export function runScheduledBackup(core: Core): ScheduledResult {
  // 14B: nothing is written for a register opened read-only, damaged or not at all.
  if (core.dbPath === ':memory:' || core.health.readOnly || core.health.problem) return { made: null, removed: [] };
  cleanTempFiles(core.backupDir);
  const settings = getBackupSettings(core);
  if (settings.everyDays === 0 || appInfo(core).needsSetup) return { made: null, removed: [] };
  const archives = listBackups(core).filter((b) => b.format === 'archive');
  const latest = archives[0];
  const due = !latest || core.now().getTime() - Date.parse(latest.createdAt) >= settings.everyDays * 86_400_000;
  const made = due ? createBackupSync(core, undefined, 'auto') : null;
  const autos = listBackups(core).filter((b) => b.auto);
  const removed = autos.slice(settings.keep).map((b) => {
    rmSync(b.path, { force: true });
    return b.file;
  });
  return { made, removed };
}

/** At start-up (desktop app, web harness): the scheduled backup never stops the app from opening; a failure is logged. */
export function scheduledBackupAtStart(core: Core, log: Pick<Console, 'warn'>): ScheduledResult | null {
  try {
    return runScheduledBackup(core);
  } catch (err) {
    log.warn(`scheduled backup failed: ${err instanceof Error ? err.message : String(err)}`);
    return null;
  }
}

/**
 * issue 14B: the damaged file, kept beside the backups under a name the backup list ignores
 * (`.damaged`), for a specialist's recovery tools; never offered as a backup. Written through the
 * atomic writer (14A). When the restore replaces the documents folder, its files are kept too, in
 * a folder beside it. Returns the name the restore journal records.
 */
function keepDamaged(core: Core, documentsToo: boolean): string {
  const name = `${baseName(core)}-damaged-${stamp(core.now())}.sqlite.damaged`;
  mkdirSync(core.backupDir, { recursive: true });
  const target = path.join(core.backupDir, name);
  if (existsSync(core.dbPath)) writeFileAtomic(target, readFileSync(core.dbPath));
  if (existsSync(`${core.dbPath}-wal`)) writeFileAtomic(`${target}-wal`, readFileSync(`${core.dbPath}-wal`));
  const docs = documentFiles(core);
  if (documentsToo && docs.length > 0) {
    const dir = `${target}-documents`;
    mkdirSync(dir, { recursive: true });
    for (const d of docs) writeFileAtomic(path.join(dir, d.name), d.content);
  }
  return name;
}
