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
  const { detail, ...plain } = row;
  db.prepare(
    // `detail` exists from migration 0140 on: an entry without one is written as before it (a file opened at an older schema, in tests).
    detail
      ? `INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after, detail)
         VALUES (@at, @actor, @entity, @entity_id, @action, @before, @after, @detail)`
      : `INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after)
         VALUES (@at, @actor, @entity, @entity_id, @action, @before, @after)`,
  ).run(detail ? { ...plain, detail } : plain);
}

export function auditFor(db: DB, entity: string, entityId: string): AuditRow[] {
  return db
    .prepare('SELECT * FROM audit_log WHERE entity = ? AND entity_id = ? ORDER BY id DESC')
    .all(entity, entityId) as AuditRow[];
}
