import type { DB } from '../types';

export type RecordSheetRow = Readonly<{
  id: string;
  record_id: string;
  sent_at: string;
  actor: string;
  sent_to_name: string;
  sent_to_email: string;
  language: 'fr' | 'en';
  format: 'xlsx' | 'docx';
  record_version: number;
  structure: number;
  /** JSON: the rows the sheet showed (SheetField[]). */
  fields: string;
  status: 'sent' | 'returned';
  returned_at: string | null;
  returned_file: string | null;
  returned_sha256: string | null;
}>;

export function insertSheet(db: DB, row: RecordSheetRow): void {
  db.prepare(
    `INSERT INTO record_sheet (id, record_id, sent_at, actor, sent_to_name, sent_to_email, language, format, record_version, structure, fields, status, returned_at, returned_file, returned_sha256)
     VALUES (@id, @record_id, @sent_at, @actor, @sent_to_name, @sent_to_email, @language, @format, @record_version, @structure, @fields, @status, @returned_at, @returned_file, @returned_sha256)`,
  ).run(row);
}

export function getSheet(db: DB, id: string): RecordSheetRow | undefined {
  return db.prepare('SELECT * FROM record_sheet WHERE id = ?').get(id) as RecordSheetRow | undefined;
}

export function markReturned(db: DB, id: string, at: string, file: string, sha256: string): void {
  db.prepare(`UPDATE record_sheet SET status = 'returned', returned_at = ?, returned_file = ?, returned_sha256 = ? WHERE id = ?`).run(at, file, sha256, id);
}

/** A record's sheets, the latest sent first (without the rows they showed). */
export function sheetsOf(db: DB, recordId: string): Omit<RecordSheetRow, 'fields'>[] {
  return db
    .prepare(
      `SELECT id, record_id, sent_at, actor, sent_to_name, sent_to_email, language, format, record_version, structure, status, returned_at, returned_file, returned_sha256
       FROM record_sheet WHERE record_id = ? ORDER BY sent_at DESC, rowid DESC`,
    )
    .all(recordId) as Omit<RecordSheetRow, 'fields'>[];
}

/** Spreadsheets sent and not returned, for records still in the register (not in the trash), the oldest first. */
export function awaitingSheets(db: DB): Array<Omit<RecordSheetRow, 'fields'> & { ref: string; name: string }> {
  return db
    .prepare(
      `SELECT s.id, s.record_id, s.sent_at, s.actor, s.sent_to_name, s.sent_to_email, s.language, s.format, s.record_version, s.structure, s.status,
              s.returned_at, s.returned_file, s.returned_sha256, r.ref AS ref, json_extract(r.doc, '$.name') AS name
       FROM record_sheet s JOIN register_entry r ON r.id = s.record_id
       WHERE s.status = 'sent' AND s.format = 'xlsx' AND r.deleted_at IS NULL
       ORDER BY s.sent_at, s.rowid`,
    )
    .all() as Array<Omit<RecordSheetRow, 'fields'> & { ref: string; name: string }>;
}
