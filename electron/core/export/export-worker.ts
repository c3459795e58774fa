import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { APP_VERSION, type Core } from '../core';
import { HEALTHY } from '../register-open';
import { AppError } from '../../../shared/errors';
import { writeRegisterExport } from './export.service';
import type { ExportOptions } from './model';

/**
 * The yearly export in a worker thread (issue 15): the thread that answers the screens stays
 * free while 20,000 records are written. The worker opens the same register file read-only
 * (WAL lets a reader work beside the writer) and reads the time the core gave it (one clock).
 */

export type ExportWorkerData = Readonly<{
  dbPath: string;
  now: string;
  actor: string;
  options: ExportOptions;
  file: string;
  /** Test only (the web harness's --test-job-pace): a pause after each batch of records reported, so that a test can cancel half-way. */
  testPace?: Readonly<{ batch: number; pauseMs: number }>;
}>;

/** Sleeps this worker thread (the export is synchronous between its reports): tests only. */
const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

export type ExportWorkerMessage =
  | Readonly<{ type: 'progress'; done: number; total: number }>
  | Readonly<{ type: 'done'; result: Awaited<ReturnType<typeof writeRegisterExport>> }>
  | Readonly<{ type: 'error'; error: Readonly<{ app: AppError['data'] | null; message: string; code?: string }> }>;

async function main(data: ExportWorkerData) {
  const post = (m: ExportWorkerMessage) => parentPort!.postMessage(m);
  const db = new Database(data.dbPath, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // One read transaction for the whole export: every pass (the hash, the contents, the
    // summaries, the records) reads the register as it stood at its first read, whatever the
    // app saves meanwhile (WAL keeps that state for this reader). The document is one state.
    db.exec('BEGIN');
    const core: Core = {
      db,
      dbPath: data.dbPath,
      backupDir: '',
      actor: data.actor,
      appVersion: APP_VERSION,
      now: () => new Date(data.now),
      lastMigrationBackup: null,
      health: HEALTHY,
      release: () => {},
    };
    let last = -1;
    const result = await writeRegisterExport(core, data.options, data.file, (done, total) => {
      if (done === last) return;
      last = done;
      post({ type: 'progress', done, total });
      if (data.testPace && done % data.testPace.batch === 0 && done < total) sleep(data.testPace.pauseMs);
    });
    post({ type: 'done', result });
  } catch (err) {
    post({
      type: 'error',
      error: { app: err instanceof AppError ? err.data : null, message: err instanceof Error ? err.message : String(err), ...((err as NodeJS.ErrnoException)?.code ? { code: (err as NodeJS.ErrnoException).code } : {}) },
    });
  } finally {
    if (db.inTransaction) db.exec('ROLLBACK');
    db.close();
  }
}

if (parentPort && workerData && (workerData as { dpoExport?: ExportWorkerData }).dpoExport) {
  void main((workerData as { dpoExport: ExportWorkerData }).dpoExport);
}
