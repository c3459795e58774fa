import type { DB } from '../types';

export type TransferRow = Readonly<{ id: string; title: string; version: number; created_at: string; updated_at: string; deleted_at: string | null; doc: string }>;

export function getTransfer(db: DB, id: string): TransferRow | undefined {
  return db.prepare('SELECT * FROM transfer WHERE id = ?').get(id) as TransferRow | undefined;
}

export function insertTransfer(db: DB, row: TransferRow): void {
  db.prepare('INSERT INTO transfer (id, title, version, created_at, updated_at, deleted_at, doc) VALUES (@id, @title, @version, @created_at, @updated_at, @deleted_at, @doc)').run(row);
}

export function updateTransfer(db: DB, row: TransferRow, expectedVersion: number): boolean {
  return (
    db
      .prepare('UPDATE transfer SET title = @title, version = @version, updated_at = @updated_at, deleted_at = @deleted_at, doc = @doc WHERE id = @id AND version = @expected')
      .run({ ...row, expected: expectedVersion }).changes === 1
  );
}

export function listTransfers(db: DB, trash: boolean): TransferRow[] {
  return db.prepare(`SELECT * FROM transfer WHERE deleted_at IS ${trash ? 'NOT NULL ORDER BY deleted_at DESC' : 'NULL ORDER BY title COLLATE NOCASE'}`).all() as TransferRow[];
}

/** The live transfers linked to this register record (its id among the transfer's activities). */
export function transfersOfActivity(db: DB, recordId: string): TransferRow[] {
  return db
    .prepare("SELECT * FROM transfer WHERE deleted_at IS NULL AND EXISTS (SELECT 1 FROM json_each(doc, '$.activityIds') WHERE value = ?) ORDER BY title COLLATE NOCASE")
    .all(recordId) as TransferRow[];
}

/** The live transfers whose importer is this supplier. */
export function transfersOfImporter(db: DB, supplierId: string): TransferRow[] {
  return db.prepare("SELECT * FROM transfer WHERE deleted_at IS NULL AND json_extract(doc, '$.importerSupplierId') = ?").all(supplierId) as TransferRow[];
}

/** The live transfers a supplier takes part in: as importer, or as exporter of an onward transfer (its own parent or sub-processor reaching the data). */
export function transfersOfSupplier(db: DB, supplierId: string): TransferRow[] {
  return db.prepare("SELECT * FROM transfer WHERE deleted_at IS NULL AND (json_extract(doc, '$.importerSupplierId') = ? OR json_extract(doc, '$.exporterSupplierId') = ?)").all(supplierId, supplierId) as TransferRow[];
}

export function trashedTransferIds(db: DB): string[] {
  return db.prepare('SELECT id FROM transfer WHERE deleted_at IS NOT NULL').pluck().all() as string[];
}

export function purgeTransfer(db: DB, id: string): void {
  db.prepare('DELETE FROM transfer WHERE id = ? AND deleted_at IS NOT NULL').run(id);
}
