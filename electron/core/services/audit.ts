import type { AuditEntry } from '../../../shared/contract';
import { diffDocs } from '../../../shared/domain/diff';
import { appendAudit, auditFor } from '../db/repos/audit.repo';
import type { Core } from '../core';

/**
 * The detail every audit entry written during `fn` carries (an import names its file and
 * SHA-256 on each record it writes, through the services' ordinary create/update/delete).
 */
const details = new WeakMap<Core, string>();

export function withAuditDetail<T>(core: Core, detail: Readonly<Record<string, unknown>>, fn: () => T): T {
  const previous = details.get(core);
  details.set(core, JSON.stringify(detail));
  try {
    return fn();
  } finally {
    if (previous === undefined) details.delete(core);
    else details.set(core, previous);
  }
}

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
    detail: details.get(core) ?? null,
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
    ...(r.detail ? { detail: JSON.parse(r.detail) as { file?: string; sha256?: string } } : {}),
  }));
}
