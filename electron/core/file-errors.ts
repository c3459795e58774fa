import { AppError, type FileErrorCode } from '../../shared/errors';

/** The SQLite result codes (better-sqlite3's `SqliteError.code`, extended codes included) and Node's errno codes, by kind. */
const BY_PREFIX: ReadonlyArray<readonly [string, FileErrorCode]> = [
  ['SQLITE_READONLY', 'read_only'],
  ['SQLITE_FULL', 'disk_full'],
  ['SQLITE_BUSY', 'busy'],
  ['SQLITE_LOCKED', 'busy'],
  ['SQLITE_CORRUPT', 'damaged'],
  ['SQLITE_NOTADB', 'damaged'],
  ['SQLITE_CANTOPEN', 'file_missing'],
];

const ERRNO: Readonly<Record<string, FileErrorCode>> = {
  EROFS: 'read_only',
  EACCES: 'read_only',
  EPERM: 'read_only',
  ENOSPC: 'disk_full',
  EDQUOT: 'disk_full',
  EBUSY: 'busy',
  ENOENT: 'file_missing',
  ENOTDIR: 'file_missing',
};

/**
 * The kind of a file or database failure, or null for anything else (a real bug). SQLite's
 * SQLITE_IOERR_* family is left out on purpose: it covers too many causes to name one.
 */
export function fileErrorCode(err: unknown): FileErrorCode | null {
  if (err instanceof AppError) return null;
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (!code) {
    // better-sqlite3 reports a missing folder as a plain TypeError without a code.
    const message = err instanceof Error ? err.message : '';
    return /directory does not exist/i.test(message) ? 'file_missing' : null;
  }
  if (code.startsWith('SQLITE_IOERR')) {
    // An I/O error caused by a full disk is reported as SQLITE_FULL by SQLite; a write refused by the OS as IOERR_WRITE with errno in the message.
    return /no space|ENOSPC/i.test(err instanceof Error ? err.message : '') ? 'disk_full' : null;
  }
  for (const [prefix, kind] of BY_PREFIX) if (code === prefix || code.startsWith(`${prefix}_`)) return kind;
  return ERRNO[code] ?? null;
}

/** The same error as an AppError with its kind, or null when it is not a file error. */
export function asFileError(err: unknown): AppError | null {
  const kind = fileErrorCode(err);
  if (!kind) return null;
  return AppError.file(kind, err instanceof Error ? err.message : String(err));
}
