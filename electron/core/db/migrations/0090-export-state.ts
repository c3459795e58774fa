import type { DB } from '../types';

/**
 * The export log keeps the SHA-256 of the register state each export held (records and annex
 * data, whatever the language or the file name): exporting the same state again keeps its
 * version, and "changes since the last export" compare with the last export of another state.
 * Exports made before this have none (each is its own state).
 */
export default function migrate0090(db: DB): void {
  db.exec('ALTER TABLE export_log ADD COLUMN state_hash TEXT');
}
