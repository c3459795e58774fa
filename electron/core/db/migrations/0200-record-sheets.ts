import type { DB } from '../types';

/**
 * Record sheets for business owners (issue 16): each sheet sent (exported for a record's
 * business owner) is kept with the record's version at export and what the sheet showed
 * (`fields`: each row's key, labels and value, JSON), so that the returned sheet can be checked
 * against what was sent (same record, same rows and labels) and its changes told from the
 * values it carried; then when it came back (the file's name and SHA-256).
 */
export default function migrate0200(db: DB): void {
  db.exec(`
    CREATE TABLE record_sheet (
      id              TEXT PRIMARY KEY,
      record_id       TEXT NOT NULL,
      sent_at         TEXT NOT NULL,
      actor           TEXT NOT NULL,
      sent_to_name    TEXT NOT NULL DEFAULT '',
      sent_to_email   TEXT NOT NULL DEFAULT '',
      language        TEXT NOT NULL CHECK (language IN ('fr', 'en')),
      format          TEXT NOT NULL CHECK (format IN ('xlsx', 'docx')),
      record_version  INTEGER NOT NULL,
      structure       INTEGER NOT NULL,
      fields          TEXT NOT NULL CHECK (json_valid(fields)),
      status          TEXT NOT NULL CHECK (status IN ('sent', 'returned')),
      returned_at     TEXT,
      returned_file   TEXT,
      returned_sha256 TEXT
    );
    CREATE INDEX record_sheet_record ON record_sheet (record_id, sent_at);
    CREATE INDEX record_sheet_awaiting ON record_sheet (status, format);
  `);
}
