import { existsSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fsyncDir, writeFileAtomic } from './atomic';

/**
 * Restore as a journalled swap (issue 14). Before anything of the register is replaced:
 *  1. the backup's database is written to `<register>.restore-new` (and its documents to
 *     `<documents>.restore-new/`), flushed and checked;
 *  2. the current register is backed up;
 *  3. the journal `<register>.restore-journal` is written (atomically): from here on the restore
 *     is committed and will be completed, by this process or by the next start;
 *  4. the register is replaced by one rename, then the documents folder by two;
 *  5. the journal is removed.
 * A crash before 3 leaves the register untouched (the staged files are removed at start-up); a
 * crash after 3 is completed at start-up. Each step of `completeRestore` can be run again.
 */

export type Journal = Readonly<{ documents: boolean; backup: string; at: string }>;

export const journalPath = (dbPath: string) => `${dbPath}.restore-journal`;
export const stagedDbPath = (dbPath: string) => `${dbPath}.restore-new`;
export const stagedDocsPath = (docsDir: string) => `${docsDir}.restore-new`;
const oldDocsPath = (docsDir: string) => `${docsDir}.restore-old`;

export function writeJournal(dbPath: string, journal: Journal): void {
  writeFileAtomic(journalPath(dbPath), Buffer.from(JSON.stringify(journal)));
}

function removeDbSidecars(file: string): void {
  for (const suffix of ['-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}

/** Steps 4 and 5; the register must be closed. */
export function completeRestore(dbPath: string, docsDir: string, journal: Journal): void {
  const staged = stagedDbPath(dbPath);
  if (existsSync(staged)) {
    // The old register's WAL must not be replayed into the restored file.
    removeDbSidecars(dbPath);
    removeDbSidecars(staged);
    renameSync(staged, dbPath);
    fsyncDir(path.dirname(dbPath));
  }
  const stagedDocs = stagedDocsPath(docsDir);
  const old = oldDocsPath(docsDir);
  if (journal.documents && existsSync(stagedDocs)) {
    if (existsSync(docsDir)) {
      rmSync(old, { recursive: true, force: true });
      renameSync(docsDir, old);
    }
    renameSync(stagedDocs, docsDir);
    fsyncDir(path.dirname(docsDir));
  }
  rmSync(old, { recursive: true, force: true });
  rmSync(journalPath(dbPath), { force: true });
  fsyncDir(path.dirname(dbPath));
}

export type Recovery = 'none' | 'completed' | 'rolled-back';

/** At start-up, before the register is opened: finishes a committed restore, or undoes a prepared one. */
export function recoverRestore(dbPath: string, docsDir: string): Recovery {
  const jp = journalPath(dbPath);
  if (existsSync(jp)) {
    let journal: Journal;
    try {
      journal = JSON.parse(readFileSync(jp, 'utf8')) as Journal;
    } catch {
      // Written atomically, so unreadable means changed by hand: documents are swapped only if staged.
      journal = { documents: true, backup: '', at: '' };
    }
    completeRestore(dbPath, docsDir, journal);
    return 'completed';
  }
  let found = false;
  const staged = stagedDbPath(dbPath);
  if (existsSync(staged)) {
    rmSync(staged, { force: true });
    removeDbSidecars(staged);
    found = true;
  }
  for (const dir of [stagedDocsPath(docsDir), oldDocsPath(docsDir)]) {
    if (!existsSync(dir)) continue;
    // A documents folder moved aside and never put back (not reachable with the order above, but cheap to guard).
    if (dir === oldDocsPath(docsDir) && !existsSync(docsDir)) renameSync(dir, docsDir);
    else rmSync(dir, { recursive: true, force: true });
    found = true;
  }
  if (found) fsyncDir(path.dirname(dbPath));
  return found ? 'rolled-back' : 'none';
}
