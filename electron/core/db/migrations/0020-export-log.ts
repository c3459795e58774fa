import type { DB } from '../types';

/**
 * Every Word export of the register: when, by whom, the file name, its SHA-256, the options,
 * and a gzipped JSON snapshot of the records exported, from which the next export lists what
 * changed since.
 */
export default function migrate0020(db: DB): void {
  db.exec(`
    CREATE TABLE export_log (
      id               INTEGER PRIMARY KEY AUTOINCREMENT,
      at               TEXT NOT NULL,
      actor            TEXT NOT NULL,
      kind             TEXT NOT NULL,
      file_name        TEXT NOT NULL,
      sha256           TEXT NOT NULL,
      size             INTEGER NOT NULL,
      language         TEXT NOT NULL,
      registers        TEXT NOT NULL,
      as_of            TEXT NOT NULL,
      include_archived INTEGER NOT NULL,
      version          INTEGER NOT NULL,
      snapshot         BLOB NOT NULL
    );
  `);
}
