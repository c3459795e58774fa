import type { DB } from '../types';

/**
 * Issue 14: a migration that rewrites the DPO's data (country codes of suppliers and transfers,
 * records' transfers…) says so in the audit log, like any other change: one line per entry it
 * changed, action 'migrate', actor "migration NNNN", the document before and after. Every future
 * data-rewriting migration writes its changes through this helper, inside its own transaction.
 *
 * @example
 *   const log = migrationAudit(db, now, 100);
 *   if (changed) log('supplier', row.id, JSON.parse(row.doc), next);
 */
export function migrationAudit(db: DB, now: () => Date, version: number): (entity: string, entityId: string, before: unknown, after: unknown) => void {
  const at = now().toISOString();
  const actor = `migration ${String(version).padStart(4, '0')}`;
  const insert = db.prepare("INSERT INTO audit_log (at, actor, entity, entity_id, action, before, after) VALUES (?, ?, ?, ?, 'migrate', ?, ?)");
  return (entity, entityId, before, after) => {
    insert.run(at, actor, entity, entityId, before == null ? null : JSON.stringify(before), after == null ? null : JSON.stringify(after));
  };
}
