import { createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, linkSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { AppError } from '../../../shared/errors';
import { msg } from '../../../shared/domain/validation';

/**
 * Crash-safe file writes (issue 14). Every file the app writes goes through here: the bytes go
 * to a temporary file in the target's own folder (so the rename stays on one file system), are
 * flushed to the disk (fsync), read back and checked, then renamed over the target, and the
 * folder itself is flushed so the rename survives a power cut. A crash at any point leaves the old
 * file or the new one under the final name, never a piece of one; what is left is a temporary
 * file whose name says so (`.<name>.dpo-tmp-<pid>-<random>`), removed at the next start.
 */

/** What marks a temporary file of ours; followed by `<pid>-<random>`. */
export const TEMP_MARK = '.dpo-tmp-';
// SQLite writing a temporary copy (VACUUM INTO) adds its own -journal beside it.
const TEMP_RE = /\.dpo-tmp-(\d+)-[0-9a-f]+(-journal|-wal|-shm)?$/;

export type WriteStage = 'open' | 'write' | 'sync' | 'rename';

/**
 * Test hook: called before each stage with the temporary file; throwing an error with an errno
 * `code` (ENOSPC…) simulates a failing disk where no small file system can be mounted.
 */
let fault: ((stage: WriteStage, file: string) => void) | null = null;
export function setWriteFault(f: ((stage: WriteStage, file: string) => void) | null): void {
  fault = f;
}
// The same for a child process (the reliability suite's disk-full test where no file system can be mounted).
const injected = process.env.DPO_TEST_WRITE_FAULT;
if (injected) {
  setWriteFault((stage) => {
    if (stage === 'write') throw Object.assign(new Error(`injected ${injected}`), { code: injected });
  });
}

export function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(6).toString('hex')}`);
}

export function isTempName(name: string): boolean {
  return TEMP_RE.test(name);
}

/** Flushes a folder's entries (a rename) to the disk; not possible on Windows, where NTFS journals them. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on Windows: nothing more can be done from Node.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Flushes one file already written (e.g. by SQLite's VACUUM INTO) to the disk. */
export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The user-facing error for a failed write, by errno: disk full, read-only, or the code itself. */
export function writeError(err: unknown, target: string): AppError {
  if (err instanceof AppError) return err;
  const code = (err as NodeJS.ErrnoException)?.code ?? '';
  const folder = path.dirname(target);
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return AppError.validation([{ path: 'file', message: msg('diskFull', { folder }) }]);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN') return AppError.validation([{ path: 'file', message: msg('folderReadOnly', { folder }) }]);
  if (code === 'EEXIST') return AppError.conflict(`File already exists: ${target}`);
  return AppError.validation([{ path: 'file', message: msg('writeFailed', { file: target, code: code || (err instanceof Error ? err.message : String(err)) }) }]);
}

export type AtomicOptions = Readonly<{
  /** Refuse to replace an existing target (the rename becomes a hard link, which fails if it exists). */
  exclusive?: boolean;
  /** Extra check of the written temporary file before it takes the final name; throws if bad. */
  verify?: (tempFile: string) => void;
}>;

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A zip (a .docx, an .xlsx, a backup archive) whose central directory can be read back. */
export function verifyZip(file: string): void {
  unzipSync(readFileSync(file), { filter: () => false });
}

/**
 * Writes `data` to `target` so that a crash leaves either the old file or the new one.
 * Throws an AppError with a clear message (disk full, read-only folder…) and leaves nothing
 * behind when the write fails.
 */
export function writeFileAtomic(target: string, data: Uint8Array, options: AtomicOptions = {}): void {
  const file = path.resolve(target);
  const dir = path.dirname(file);
  cleanTempFiles(dir, path.basename(file));
  const temp = tempPathFor(file);
  let fd: number | undefined;
  try {
    fault?.('open', temp);
    fd = openSync(temp, 'wx', 0o644);
    let offset = 0;
    while (offset < data.length) {
      fault?.('write', temp);
      offset += writeSync(fd, data, offset, Math.min(data.length - offset, 1 << 20));
    }
    fault?.('sync', temp);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Read back: the size and the bytes are the ones meant (a full disk can also show up here).
    if (statSync(temp).size !== data.length || sha256(readFileSync(temp)) !== sha256(data)) throw new Error('read-back mismatch');
    options.verify?.(temp);
    fault?.('rename', temp);
    if (options.exclusive) {
      linkSync(temp, file);
      rmSync(temp, { force: true });
    } else renameSync(temp, file);
    fsyncDir(dir);
  } catch (err) {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        /* already failing */
      }
    }
    rmSync(temp, { force: true });
    throw writeError(err, file);
  }
}

/** Moves a finished, flushed file onto its final name (one rename), then flushes the folder. */
export function commitFile(temp: string, target: string, options: Pick<AtomicOptions, 'exclusive'> = {}): void {
  try {
    if (options.exclusive) {
      linkSync(temp, target);
      rmSync(temp, { force: true });
    } else renameSync(temp, target);
    fsyncDir(path.dirname(target));
  } catch (err) {
    rmSync(temp, { force: true });
    throw writeError(err, target);
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a crashed write left in `dir` (all of them, or those of one target
 * name). A temporary file of a process still running (the CLI writing a backup while the app
 * starts) is left alone. Returns the names removed.
 */
export function cleanTempFiles(dir: string, forName?: string): string[] {
  if (!existsSync(dir)) return [];
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  for (const name of names) {
    const m = TEMP_RE.exec(name);
    if (!m) continue;
    if (forName !== undefined && !name.startsWith(`.${forName}${TEMP_MARK}`)) continue;
    if (alive(Number(m[1]))) continue;
    try {
      rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(name);
    } catch {
      /* a read-only folder: left for a later start */
    }
  }
  return removed;
}

/** A document the user asked for (.docx, .xlsx…): written atomically, and read back as a zip when it is one. */
export function writeDocument(target: string, data: Uint8Array): void {
  const zip = data.length > 4 && data[0] === 0x50 && data[1] === 0x4b;
  writeFileAtomic(target, data, zip ? { verify: verifyZip } : {});
}
