import Database from 'better-sqlite3';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { commitFile, fsyncFile, tempPathFor, writeError } from '../files/atomic';
import type { DB } from './types';

/**
 * A consistent, compact copy of the open database (VACUUM INTO reads one snapshot, so writes of
 * other processes do not tear it), written under a temporary name, flushed, checked, then
 * renamed to `target`: a crash leaves no partial copy under the final name.
 * Used for the pre-migration copy and inside every backup.
 */
export function copyDatabase(db: DB, target: string, options: Readonly<{ exclusive?: boolean }> = {}): void {
  const file = path.resolve(target);
  const temp = tempPathFor(file);
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    db.prepare('VACUUM INTO ?').run(temp);
    fsyncFile(temp);
    checkCopy(temp);
  } catch (err) {
    rmSync(temp, { force: true });
    throw writeError(err, file);
  }
  commitFile(temp, file, options);
}

/** A copy that SQLite cannot read back as a sound database is refused before it takes a name. */
function checkCopy(file: string): void {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = copy.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new Error(`copy failed its check: ${String(ok)}`);
  } finally {
    copy.close();
  }
}
