import { closeSync, copyFileSync, existsSync, fsyncSync, mkdirSync, mkdtempSync, openSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import type { Core } from '../core';
import { fsyncDir, tempPathFor, writeError } from '../files/atomic';
import { startJob, testJobPace, type JobControl } from '../jobs';
import { writeRegisterExport, type StreamedExport } from './export.service';
import type { ExportWorkerData, ExportWorkerMessage } from './export-worker';
import type { ExportOptions } from './model';

/**
 * The yearly export as a job (issue 15): written by a worker thread into a temporary file, with
 * its progress (records done / total) and cancel; the caller then moves the file into place
 * (`moveInPlace`, the CLI and the desktop's save dialog) or hands its bytes over (the web harness).
 */

export const EXPORT_JOB = 'export:register';

/** The worker's heap is capped: the export holds a page of records, never the register. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 384, maxYoungGenerationSizeMb: 48 };

/**
 * The worker's script: the bundled out/main/export-worker.cjs beside the desktop app's main
 * script; from the sources (the CLI, the web harness, the tests) the same bundle made once per
 * process with esbuild (a tenth of a second; loading the sources through tsx in the worker took
 * 5 to 10 s on the shared machine).
 */
function workerFile(): Promise<string> {
  // Beside the running script: the desktop app's out/main (CommonJS) or another bundle of the CLI (ES module).
  const here = typeof __dirname === 'string' ? __dirname : path.dirname(fileURLToPath(import.meta.url));
  const bundled = path.join(here, 'export-worker.cjs');
  if (existsSync(bundled)) return Promise.resolve(bundled);
  return (devBundle ??= bundleForDev());
}

let devBundle: Promise<string> | null = null;

/** Bundled without blocking the thread (esbuild's service process): export:start answers at once. */
async function bundleForDev(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const dir = path.resolve(here, '../../../out/dev'); // under the project, where better-sqlite3 resolves
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `export-worker-${process.pid}.cjs`);
  const esbuild = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(here, 'export-worker.ts')],
    outfile: file,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    external: ['better-sqlite3', 'exceljs'],
    logLevel: 'error',
  });
  process.once('exit', () => rmSync(file, { force: true }));
  return file;
}

export type ExportJobResult = StreamedExport & Readonly<{ /** Removes the temporary file (and its folder when it made one). */ discard: () => void }>;

/**
 * Starts the export; `besides`: the file it will become (the CLI), so that the temporary file is
 * written in the same folder and renamed into place; without it, a folder of the system's temp.
 * `where`: in a worker thread (the app), or in this thread (the CLI).
 */
export function startRegisterExport(core: Core, options: ExportOptions, besides?: string, where: 'worker' | 'here' = 'worker'): string {
  let dir: string | null = null;
  const file = besides ? tempPathFor(besides) : path.join((dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-export-'))), 'export.docx');
  const discard = () => {
    rmSync(file, { force: true });
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
  return startJob<ExportJobResult>(
    EXPORT_JOB,
    async (control) => {
      try {
        // Here: the CLI (no screen to keep answering: the modules are not loaded a second time) and in-memory registers.
        const result = where === 'here' || core.dbPath === ':memory:' ? await writeRegisterExport(core, options, file, control.progress) : await inWorker(core, options, file, control);
        return { ...result, discard };
      } catch (err) {
        discard();
        // A file that cannot be written (no such folder, disk full, read-only) is said as every write failure is.
        throw !(err instanceof AppError) && (err as NodeJS.ErrnoException)?.code ? writeError(err, besides ?? file) : err;
      }
    },
    (r) => r.discard(),
  );
}

async function inWorker(core: Core, options: ExportOptions, file: string, control: JobControl): Promise<StreamedExport> {
  const pace = testJobPace();
  const data: ExportWorkerData = { dbPath: core.dbPath, now: core.now().toISOString(), actor: core.actor, options, file, ...(pace ? { testPace: pace } : {}) };
  const script = await workerFile();
  if (control.cancelled) throw AppError.conflict('cancelled');
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: { dpoExport: data }, resourceLimits: WORKER_LIMITS });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    control.onCancel(async () => {
      settle(() => reject(AppError.conflict('cancelled')));
      await worker.terminate();
      rmSync(file, { force: true });
    });
    worker.on('message', (m: ExportWorkerMessage) => {
      if (m.type === 'progress') control.progress(m.done, m.total);
      else if (m.type === 'done') settle(() => resolve({ ...m.result, snapshotGz: Buffer.from(m.result.snapshotGz) }));
      else {
        const e = m.error;
        settle(() => reject(e.app ? new AppError(e.app) : e.code ? writeError(Object.assign(new Error(e.message), { code: e.code }), file) : new Error(e.message)));
      }
    });
    worker.on('error', (err) => settle(() => reject(err)));
    worker.on('exit', (code) => settle(() => reject(new Error(`the export stopped (${code})`))));
  });
}

/** Moves a finished export into place under `target`, atomically (same folder: a rename; else a copy then a rename). */
export function moveInPlace(result: ExportJobResult, target: string): void {
  try {
    if (path.dirname(result.file) === path.dirname(path.resolve(target))) {
      renameSync(result.file, target);
      fsyncDir(path.dirname(target));
    } else {
      const tmp = tempPathFor(target);
      try {
        try {
          renameSync(result.file, tmp); // same file system: no copy
        } catch {
          copyThenSync(result.file, tmp);
        }
        renameSync(tmp, target);
      } catch (err) {
        rmSync(tmp, { force: true });
        throw err;
      }
      fsyncDir(path.dirname(target));
    }
  } catch (err) {
    throw writeError(err, target);
  } finally {
    result.discard();
  }
}

function copyThenSync(from: string, to: string): void {
  copyFileSync(from, to);
  const fd = openSync(to, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
