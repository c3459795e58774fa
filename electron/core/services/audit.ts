import type { AuditEntry } from '../../../shared/contract';
import { diffDocs } from '../../../shared/domain/diff';
import { appendAudit, auditFor } from '../db/repos/audit.repo';
import type { Core } from '../core';

/** Records one change; call inside the transaction that makes the change. */
export function audit(
  core: Core,
  entity: string,
  entityId: string,
  action: string,
  before: unknown,
  after: unknown,
): void {
  appendAudit(core.db, {
    at: core.now().toISOString(),
    actor: core.actor,
    entity,
    entity_id: entityId,
    action,
    before: before === undefined || before === null ? null : JSON.stringify(before),
    after: after === undefined || after === null ? null : JSON.stringify(after),
  });
}

export function history(core: Core, entity: string, entityId: string): AuditEntry[] {
  return auditFor(core.db, entity, entityId).map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    entity: r.entity,
    entityId: r.entity_id,
    action: r.action,
    changes: diffDocs(r.before ? JSON.parse(r.before) : undefined, r.after ? JSON.parse(r.after) : undefined),
  }));
}
