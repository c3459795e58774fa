/**
 * SQLite's checks of a whole file (`quick_check`, `integrity_check`) read every page: seconds on
 * a register of 20,000 records (issue 15 measured 35 s for quick_check under load). Run here, in
 * a worker thread with a read-only connection of its own, they never hold the thread that
 * answers the screens. The worker is a few lines of CommonJS given as text (no bundle to find
 * in the desktop app), loading the same better-sqlite3 as the core.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

export type CheckPragma = 'quick_check(20)' | 'integrity_check(50)';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  const rows = db.pragma(workerData.pragma).map((r) => String(Object.values(r)[0] ?? ''));
  parentPort.postMessage({ rows });
} catch (e) {
  parentPort.postMessage({ error: String((e && e.message) || e), code: e && e.code });
} finally {
  try { if (db) db.close(); } catch {}
}
`;

function driverPath(): string {
  // The desktop bundle is CommonJS (require exists); the sources run as ES modules.
  const req = typeof require === 'function' ? require : createRequire(import.meta.url);
  return req.resolve('better-sqlite3');
}

/** The rows of the pragma ("ok" alone when the file is sound); rejects with SQLite's error (its code kept) when the file cannot be read. */
export function checkInWorker(file: string, pragma: CheckPragma): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: { file, pragma, driver: driverPath() } });
    let settled = false;
    worker.once('message', (m: { rows?: string[]; error?: string; code?: string }) => {
      settled = true;
      if (m.rows) resolve(m.rows);
      else reject(Object.assign(new Error(m.error ?? 'check failed'), { code: m.code }));
    });
    worker.once('error', (err) => {
      if (!settled) reject(err);
      settled = true;
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the check stopped (${code})`));
      settled = true;
    });
  });
}
