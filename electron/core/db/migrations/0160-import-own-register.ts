import type { DB } from '../types';

/**
 * Issue 13, point 3 (the round trip): an import can now read back a flat workbook DPO Desk
 * exported ('register', beside the CNIL model and a generic spreadsheet). SQLite cannot change a
 * CHECK constraint in place, so the batch table is written again with the wider one, its rows
 * copied; its items' table with it (their foreign key names the batch table), rows copied too.
 */
export default function migrate0160(db: DB): void {
  db.exec(`
    CREATE TABLE import_batch_0160 (
      id           TEXT PRIMARY KEY,
      at           TEXT NOT NULL,
      actor        TEXT NOT NULL,
      file_name    TEXT NOT NULL,
      sha256       TEXT NOT NULL,
      format       TEXT NOT NULL,
      source       TEXT NOT NULL CHECK (source IN ('cnil', 'table', 'register')),
      mapping_name TEXT,
      created      INTEGER NOT NULL,
      updated      INTEGER NOT NULL,
      skipped      INTEGER NOT NULL,
      -- The organisation profile before the import replaced it (NULL: not replaced).
      organisation_before TEXT CHECK (organisation_before IS NULL OR json_valid(organisation_before)),
      undone_at    TEXT
    );
    INSERT INTO import_batch_0160 SELECT id, at, actor, file_name, sha256, format, source, mapping_name, created, updated, skipped, organisation_before, undone_at FROM import_batch;

    CREATE TABLE import_batch_item_0160 (
      batch_id      TEXT NOT NULL REFERENCES import_batch_0160 (id),
      seq           INTEGER NOT NULL,
      entity        TEXT NOT NULL,
      entity_id     TEXT NOT NULL,
      action        TEXT NOT NULL CHECK (action IN ('create', 'update')),
      -- An updated record's document before the import.
      before        TEXT CHECK (before IS NULL OR json_valid(before)),
      version_after INTEGER NOT NULL,
      PRIMARY KEY (batch_id, seq)
    );
    INSERT INTO import_batch_item_0160 SELECT batch_id, seq, entity, entity_id, action, before, version_after FROM import_batch_item;

    DROP TABLE import_batch_item;
    DROP TABLE import_batch;
    -- Renaming the batch table renames the items' foreign key with it.
    ALTER TABLE import_batch_0160 RENAME TO import_batch;
    ALTER TABLE import_batch_item_0160 RENAME TO import_batch_item;
  `);
}
