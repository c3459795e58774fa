import type { DB } from '../types';

/**
 * Register import (issue 13): each import is a batch (the file's name and SHA-256, who, when,
 * what it created or updated, and what an updated record or the organisation profile was
 * before, so that "undo this import" can put them back); mappings of spreadsheet columns are
 * saved by name to be reused next year. The audit log gets a `detail` (JSON) that names the
 * import a change came from (file, SHA-256, batch).
 */
export default function migrate0140(db: DB): void {
  db.exec(`
    CREATE TABLE import_batch (
      id           TEXT PRIMARY KEY,
      at           TEXT NOT NULL,
      actor        TEXT NOT NULL,
      file_name    TEXT NOT NULL,
      sha256       TEXT NOT NULL,
      format       TEXT NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('cnil', 'table')),
      mapping_name TEXT,
      created      INTEGER NOT NULL,
      updated      INTEGER NOT NULL,
      skipped      INTEGER NOT NULL,
      -- The organisation profile before the import replaced it (NULL: not replaced).
      organisation_before TEXT CHECK (organisation_before IS NULL OR json_valid(organisation_before)),
      undone_at    TEXT
    );

    CREATE TABLE import_batch_item (
      batch_id      TEXT NOT NULL REFERENCES import_batch (id),
      seq           INTEGER NOT NULL,
      entity        TEXT NOT NULL,
      entity_id     TEXT NOT NULL,
      action        TEXT NOT NULL CHECK (action IN ('create', 'update')),
      -- An updated record's document before the import.
      before        TEXT CHECK (before IS NULL OR json_valid(before)),
      version_after INTEGER NOT NULL,
      PRIMARY KEY (batch_id, seq)
    );

    CREATE TABLE import_mapping (
      name       TEXT PRIMARY KEY COLLATE NOCASE,
      doc        TEXT NOT NULL CHECK (json_valid(doc)),
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    ALTER TABLE audit_log ADD COLUMN detail TEXT CHECK (detail IS NULL OR json_valid(detail));
  `);
}
