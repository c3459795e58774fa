import type { DB } from '../types';

export type ImportBatchRow = Readonly<{
  id: string;
  at: string;
  actor: string;
  file_name: string;
  sha256: string;
  format: string;
  source: 'cnil' | 'table' | 'register';
  mapping_name: string | null;
  created: number;
  updated: number;
  skipped: number;
  organisation_before: string | null;
  undone_at: string | null;
}>;

export type ImportBatchItemRow = Readonly<{
  batch_id: string;
  seq: number;
  entity: string;
  entity_id: string;
  action: 'create' | 'update';
  before: string | null;
  version_after: number;
}>;

export type ImportMappingRow = Readonly<{ name: string; doc: string; created_at: string; updated_at: string }>;

export function insertBatch(db: DB, row: ImportBatchRow): void {
  db.prepare(
    `INSERT INTO import_batch (id, at, actor, file_name, sha256, format, source, mapping_name, created, updated, skipped, organisation_before, undone_at)
     VALUES (@id, @at, @actor, @file_name, @sha256, @format, @source, @mapping_name, @created, @updated, @skipped, @organisation_before, @undone_at)`,
  ).run(row);
}

export function insertBatchItem(db: DB, row: ImportBatchItemRow): void {
  db.prepare(
    `INSERT INTO import_batch_item (batch_id, seq, entity, entity_id, action, before, version_after)
     VALUES (@batch_id, @seq, @entity, @entity_id, @action, @before, @version_after)`,
  ).run(row);
}

export function getBatch(db: DB, id: string): ImportBatchRow | undefined {
  return db.prepare('SELECT * FROM import_batch WHERE id = ?').get(id) as ImportBatchRow | undefined;
}

export function listBatches(db: DB, limit: number): ImportBatchRow[] {
  return db.prepare('SELECT * FROM import_batch ORDER BY at DESC, rowid DESC LIMIT ?').all(limit) as ImportBatchRow[];
}

export function batchItems(db: DB, batchId: string): ImportBatchItemRow[] {
  return db.prepare('SELECT * FROM import_batch_item WHERE batch_id = ? ORDER BY seq').all(batchId) as ImportBatchItemRow[];
}

export function markUndone(db: DB, id: string, at: string): boolean {
  return db.prepare('UPDATE import_batch SET undone_at = ? WHERE id = ? AND undone_at IS NULL').run(at, id).changes === 1;
}

export function listMappings(db: DB): ImportMappingRow[] {
  return db.prepare('SELECT * FROM import_mapping ORDER BY name COLLATE NOCASE').all() as ImportMappingRow[];
}

export function getMapping(db: DB, name: string): ImportMappingRow | undefined {
  return db.prepare('SELECT * FROM import_mapping WHERE name = ?').get(name) as ImportMappingRow | undefined;
}

export function saveMapping(db: DB, name: string, doc: string, at: string): void {
  db.prepare(
    `INSERT INTO import_mapping (name, doc, created_at, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at`,
  ).run(name, doc, at, at);
}

export function deleteMapping(db: DB, name: string): boolean {
  return db.prepare('DELETE FROM import_mapping WHERE name = ?').run(name).changes === 1;
}

/** The audit entries that carry a detail (import, undo) for one entity. */
export function auditDetails(db: DB, entity: string, entityId: string): Array<{ action: string; detail: string }> {
  return db
    .prepare('SELECT action, detail FROM audit_log WHERE entity = ? AND entity_id = ? AND detail IS NOT NULL ORDER BY id')
    .all(entity, entityId) as Array<{ action: string; detail: string }>;
}

/** The detail of an entity's last audit entry (null when that change was an ordinary edit). */
export function lastAuditDetail(db: DB, entity: string, entityId: string): string | null {
  const row = db.prepare('SELECT detail FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC LIMIT 1').get(entity, entityId) as { detail: string | null } | undefined;
  return row?.detail ?? null;
}
