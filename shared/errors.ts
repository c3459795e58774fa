/** Errors that cross the boundary as data (Electron IPC keeps only `message` of a thrown error). */
export type ValidationIssue = Readonly<{ path: string; message: string }>;

export type AppErrorData =
  | Readonly<{ code: 'validation'; message: string; issues: ReadonlyArray<ValidationIssue> }>
  | Readonly<{ code: 'not_found' | 'conflict' | 'forbidden' | 'unknown_channel' | 'internal'; message: string }>
  | Readonly<{ code: FileErrorCode; message: string }>;

/**
 * What can go wrong with the register file itself, each with its own message in the user's
 * language (renderer/src/lib/errors.ts, shared/i18n errors.file.*); "internal" is left for bugs.
 * - read_only: the file, its folder or the open mode refuses writes (SQLITE_READONLY, EROFS, EACCES, EPERM)
 * - disk_full: no room left (SQLITE_FULL, ENOSPC, EDQUOT)
 * - busy: another program holds the write lock past the busy timeout (SQLITE_BUSY, SQLITE_LOCKED)
 * - damaged: the file is not a database or its pages are malformed (SQLITE_CORRUPT, SQLITE_NOTADB)
 * - file_missing: the file or its folder is gone (ENOENT, SQLITE_CANTOPEN)
 * - newer_version: written by a newer DPO Desk (schema version above the ones this one knows)
 */
export const FILE_ERROR_CODES = ['read_only', 'disk_full', 'busy', 'damaged', 'file_missing', 'newer_version'] as const;
export type FileErrorCode = (typeof FILE_ERROR_CODES)[number];

export type ErrorCode = AppErrorData['code'];

export type Result<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: AppErrorData }>;

export class AppError extends Error {
  readonly data: AppErrorData;
  constructor(data: AppErrorData) {
    super(data.message);
    this.name = 'AppError';
    this.data = data;
  }
  get code(): ErrorCode {
    return this.data.code;
  }
  static notFound(message: string) {
    return new AppError({ code: 'not_found', message });
  }
  static conflict(message: string) {
    return new AppError({ code: 'conflict', message });
  }
  static file(code: FileErrorCode, message: string) {
    return new AppError({ code, message });
  }
  static validation(issues: ReadonlyArray<ValidationIssue>) {
    return new AppError({ code: 'validation', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });
  }
}
