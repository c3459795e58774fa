import type { DB } from '../types';

/** The transfer register (Chapter V): one row per transfer, stored whole as JSON beside the columns its lists use. */
export default function migrate0050(db: DB): void {
  db.exec(`
    CREATE TABLE transfer (
      id         TEXT PRIMARY KEY,
      title      TEXT NOT NULL,
      version    INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      doc        TEXT NOT NULL CHECK (json_valid(doc))
    );
    CREATE INDEX transfer_list ON transfer (deleted_at, title);
  `);
}
