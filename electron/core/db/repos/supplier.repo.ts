import type { DB } from '../types';

export type SupplierRow = Readonly<{ id: string; name: string; version: number; created_at: string; updated_at: string; deleted_at: string | null; doc: string }>;
export type DocumentRow = Readonly<{ id: string; supplier_id: string; kind: string; name: string; stored_name: string; sha256: string; size: number; added_at: string; actor: string; deleted_at: string | null }>;
export type TemplateRow = Readonly<{ id: string; version: number; built_in: number; doc: string; created_at: string; actor: string }>;
export type AuditRow = Readonly<{
  id: string;
  supplier_id: string;
  template_id: string;
  template_version: number;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  doc: string;
}>;

// Suppliers --------------------------------------------------------------------------------------

export function getSupplier(db: DB, id: string): SupplierRow | undefined {
  return db.prepare('SELECT * FROM supplier WHERE id = ?').get(id) as SupplierRow | undefined;
}

export function insertSupplier(db: DB, row: SupplierRow): void {
  db.prepare('INSERT INTO supplier (id, name, version, created_at, updated_at, deleted_at, doc) VALUES (@id, @name, @version, @created_at, @updated_at, @deleted_at, @doc)').run(row);
}

export function updateSupplier(db: DB, row: SupplierRow, expectedVersion: number): boolean {
  return (
    db
      .prepare('UPDATE supplier SET name = @name, version = @version, updated_at = @updated_at, deleted_at = @deleted_at, doc = @doc WHERE id = @id AND version = @expected')
      .run({ ...row, expected: expectedVersion }).changes === 1
  );
}

export function listSuppliers(db: DB, trash: boolean): SupplierRow[] {
  return db.prepare(`SELECT * FROM supplier WHERE deleted_at IS ${trash ? 'NOT NULL ORDER BY deleted_at DESC' : 'NULL ORDER BY name COLLATE NOCASE'}`).all() as SupplierRow[];
}

/** Every supplier's name by id, the trash included (a transfer list names its importers in one read; issue 15). */
export function allSupplierNames(db: DB): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM supplier').all() as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The live suppliers' names by id (what a transfer line names its importer by), without their documents. */
export function supplierNames(db: DB): Map<string, string> {
  const rows = db.prepare('SELECT id, name FROM supplier WHERE deleted_at IS NULL').all() as Array<{ id: string; name: string }>;
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function trashedSupplierIds(db: DB): string[] {
  return db.prepare('SELECT id FROM supplier WHERE deleted_at IS NOT NULL').pluck().all() as string[];
}

export function purgeSupplier(db: DB, id: string): void {
  db.prepare('DELETE FROM supplier WHERE id = ? AND deleted_at IS NOT NULL').run(id);
}

/** Replaces the activities a supplier serves. */
export function setActivities(db: DB, supplierId: string, entryIds: ReadonlyArray<string>): void {
  db.prepare('DELETE FROM supplier_activity WHERE supplier_id = ?').run(supplierId);
  const insert = db.prepare('INSERT OR IGNORE INTO supplier_activity (supplier_id, entry_id) VALUES (?, ?)');
  for (const e of entryIds) insert.run(supplierId, e);
}

/** Live suppliers serving a register activity. */
export function suppliersOfActivity(db: DB, entryId: string): SupplierRow[] {
  return db
    .prepare('SELECT s.* FROM supplier s JOIN supplier_activity a ON a.supplier_id = s.id WHERE a.entry_id = ? AND s.deleted_at IS NULL ORDER BY s.name COLLATE NOCASE')
    .all(entryId) as SupplierRow[];
}

// Documents --------------------------------------------------------------------------------------

export function insertDocument(db: DB, row: DocumentRow): void {
  db.prepare(
    `INSERT INTO supplier_document (id, supplier_id, kind, name, stored_name, sha256, size, added_at, actor, deleted_at)
     VALUES (@id, @supplier_id, @kind, @name, @stored_name, @sha256, @size, @added_at, @actor, @deleted_at)`,
  ).run(row);
}

export function documentsOf(db: DB, supplierId: string): DocumentRow[] {
  return db.prepare('SELECT * FROM supplier_document WHERE supplier_id = ? AND deleted_at IS NULL ORDER BY added_at').all(supplierId) as DocumentRow[];
}

export function getDocument(db: DB, id: string): DocumentRow | undefined {
  return db.prepare('SELECT * FROM supplier_document WHERE id = ?').get(id) as DocumentRow | undefined;
}

export function setDocumentDeleted(db: DB, id: string, at: string | null): void {
  db.prepare('UPDATE supplier_document SET deleted_at = ? WHERE id = ?').run(at, id);
}

// Templates --------------------------------------------------------------------------------------

export function templateVersions(db: DB): TemplateRow[] {
  return db.prepare('SELECT * FROM audit_template ORDER BY id, version').all() as TemplateRow[];
}

export function getTemplate(db: DB, id: string, version?: number): TemplateRow | undefined {
  return (
    version === undefined
      ? db.prepare('SELECT * FROM audit_template WHERE id = ? ORDER BY version DESC LIMIT 1').get(id)
      : db.prepare('SELECT * FROM audit_template WHERE id = ? AND version = ?').get(id, version)
  ) as TemplateRow | undefined;
}

/** When a template version was written (with its id and version, it names its content). */
export function templateStamp(db: DB, id: string, version: number): string | undefined {
  return db.prepare('SELECT created_at FROM audit_template WHERE id = ? AND version = ?').pluck().get(id, version) as string | undefined;
}

export function insertTemplate(db: DB, row: TemplateRow): void {
  db.prepare('INSERT INTO audit_template (id, version, built_in, doc, created_at, actor) VALUES (@id, @version, @built_in, @doc, @created_at, @actor)').run(row);
}

// Audits -----------------------------------------------------------------------------------------

export function getAudit(db: DB, id: string): AuditRow | undefined {
  return db.prepare('SELECT * FROM audit WHERE id = ?').get(id) as AuditRow | undefined;
}

export function insertAudit(db: DB, row: AuditRow): void {
  db.prepare(
    `INSERT INTO audit (id, supplier_id, template_id, template_version, status, version, created_at, updated_at, deleted_at, doc)
     VALUES (@id, @supplier_id, @template_id, @template_version, @status, @version, @created_at, @updated_at, @deleted_at, @doc)`,
  ).run(row);
}

export function updateAudit(db: DB, row: AuditRow, expectedVersion: number): boolean {
  return (
    db
      .prepare('UPDATE audit SET status = @status, version = @version, updated_at = @updated_at, deleted_at = @deleted_at, doc = @doc WHERE id = @id AND version = @expected')
      .run({ ...row, expected: expectedVersion }).changes === 1
  );
}

export function auditsOf(db: DB, supplierId: string): AuditRow[] {
  return db.prepare('SELECT * FROM audit WHERE supplier_id = ? AND deleted_at IS NULL ORDER BY created_at').all(supplierId) as AuditRow[];
}

export function allLiveAudits(db: DB): AuditRow[] {
  return db.prepare('SELECT a.* FROM audit a JOIN supplier s ON s.id = a.supplier_id WHERE a.deleted_at IS NULL AND s.deleted_at IS NULL').all() as AuditRow[];
}
