/** Errors that cross the boundary as data (Electron IPC keeps only `message` of a thrown error). */
export type ValidationIssue = Readonly<{ path: string; message: string }>;

export type AppErrorData =
  | Readonly<{ code: 'validation'; message: string; issues: ReadonlyArray<ValidationIssue> }>
  | Readonly<{ code: 'not_found' | 'conflict' | 'forbidden' | 'unknown_channel' | 'internal'; message: string }>;

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
  static validation(issues: ReadonlyArray<ValidationIssue>) {
    return new AppError({ code: 'validation', message: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues });
  }
}
