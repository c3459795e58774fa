import type { DB } from '../types';

export type AuditRow = Readonly<{
  id: number;
  at: string;
  actor: string;
  entity: string;
  entity_id: string;
  action: string;
  before: string | null;
  after: string | null;
  /** What the change came from, as JSON (an import: file, SHA-256, batch); absent for ordinary edits. */
  detail?: string | null;
}>;

export function appendAudit(db: DB, row: Omit<AuditRow, 'id'>): void {
  db.prepare(
    `INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after, detail)
     VALUES (@at, @actor, @entity, @entity_id, @action, @before, @after, @detail)`,
  ).run({ detail: null, ...row });
}

export function auditFor(db: DB, entity: string, entityId: string): AuditRow[] {
  return db
    .prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC')
    .all(entity, entityId) as AuditRow[];
}
