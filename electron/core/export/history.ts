import { DateTime } from 'luxon';
import type { RegisterKind } from '../../../shared/domain/enums';
import {
  ControllerDocSchema,
  ProcessorDocSchema,
  emptyControllerDoc,
  emptyProcessorDoc,
  type ControllerDoc,
  type ProcessorDoc,
  type RegisterDoc,
} from '../../../shared/domain/register';
import { upgradeRegisterDocV70 } from '../../../shared/domain/register-upgrade';
import type { Core } from '../core';
import { getBreachSettings } from '../services/breach.service';
import { REGISTER_ENTITY } from '../services/register.service';

/**
 * The register as it stood on a date, rebuilt from the audit log, and the one hook every
 * historical document (an audit-log snapshot, an old export's snapshot) goes through.
 */

export type HistoricalKind = RegisterKind;

/**
 * Brings a register document written by an older version of the app to today's shape. Every
 * document read from the past (audit log, export snapshots) passes here, so that each change of
 * shape is converted once:
 * - schema 70: purposes with their bases, phased retention, processor fields
 *   (shared/domain/register-upgrade.ts, the converter migration 0070 runs);
 * - schema 80: the transfers a record declared itself (before migration 0080 moved them to the
 *   transfer register) were the record's own statement on that date: they are kept, as the
 *   record's transfers not (yet) in the transfer register (`transfersToConvert`), never dropped.
 * Then the schema's defaults for missing fields; a document the schema refuses is kept as it
 * was, over the empty document's fields.
 */
export function upgradeRegisterDoc<K extends HistoricalKind>(kind: K, doc: unknown): K extends 'controller' ? ControllerDoc : ProcessorDoc {
  const raw = { ...(doc as Record<string, unknown>) };
  delete raw.kind; // the audit log stores { kind, ...doc }
  const v70 = upgradeRegisterDocV70(kind, raw) as Record<string, unknown>;
  if ('transfers' in v70 || 'hasTransfers' in v70) {
    const declared = v70.hasTransfers === true && Array.isArray(v70.transfers) ? (v70.transfers as Array<Record<string, unknown>>) : [];
    const s = (v: unknown) => (typeof v === 'string' ? v : '');
    v70.transfersToConvert = [
      ...(Array.isArray(v70.transfersToConvert) ? v70.transfersToConvert : []),
      ...declared.map((t) => ({ recipient: s(t.recipient), country: s(t.country), safeguard: s(t.safeguard), document: s(t.document), reason: s(t.recipient) ? 'country' : 'recipient' })),
    ];
    delete v70.transfers;
    delete v70.hasTransfers;
  }
  const merged = { ...(kind === 'controller' ? emptyControllerDoc() : emptyProcessorDoc()), ...v70 };
  const parsed = (kind === 'controller' ? ControllerDocSchema : ProcessorDocSchema).safeParse(merged);
  const out = parsed.success ? parsed.data : merged;
  return out as K extends 'controller' ? ControllerDoc : ProcessorDoc;
}

/**
 * The same hook for the annexes' documents (transfers, suppliers, breaches) read from the audit
 * log: today the identity.
 */
export function upgradeAnnexDoc(_entity: string, doc: unknown): unknown {
  return doc;
}

/**
 * The instant the as-of day ends (ISO, UTC) in the organisation's zone: the zone of the breach
 * settings (Settings › Data breaches, "Europe/Paris" by default), the one zone setting the app has.
 * Audit times are ISO UTC strings, so they compare with it as text.
 */
export function endOfDay(core: Core, asOf: string): string {
  const zone = getBreachSettings(core).zone;
  const end = DateTime.fromISO(asOf, { zone }).endOf('day');
  return (end.isValid ? end : DateTime.fromISO(asOf, { zone: 'utc' }).endOf('day')).toUTC().toISO()!;
}

/** The date (YYYY-MM-DD) an instant falls on in the organisation's zone. */
export function localDate(core: Core, instant: Date | string): string {
  const zone = getBreachSettings(core).zone;
  const d = typeof instant === 'string' ? DateTime.fromISO(instant, { zone: 'utc' }) : DateTime.fromJSDate(instant);
  return d.setZone(zone).toISODate()!;
}

export type Rebuilt = Readonly<{ id: string; after: string; createdAt: string; updatedAt: string }>;

/** Actions whose `after` is not the whole document (a breach's step or journal line). */
export const PARTIAL_ACTIONS = new Set(['step', 'journal', 'document', 'documentRemoved']);

/**
 * Each entity's last whole document at or before `cutoff` (none when deleted or purged by then),
 * in one ordered pass over the audit log with bound parameters. The text is kept, parsed by the caller.
 */
export function entityAsOf(core: Core, entity: string, cutoff: string): Map<string, Rebuilt> {
  const out = new Map<string, { id: string; after: string | null; createdAt: string; updatedAt: string }>();
  const rows = core.db
    .prepare('SELECT entity_id, at, action, after FROM audit_log WHERE entity = ? AND at <= ? ORDER BY id')
    .iterate(entity, cutoff) as IterableIterator<{ entity_id: string; at: string; action: string; after: string | null }>;
  for (const r of rows) {
    if (PARTIAL_ACTIONS.has(r.action)) continue;
    const seen = out.get(r.entity_id);
    if (!seen) out.set(r.entity_id, { id: r.entity_id, after: r.after, createdAt: r.at, updatedAt: r.at });
    else {
      seen.after = r.after;
      seen.updatedAt = r.at;
    }
  }
  const live = new Map<string, Rebuilt>();
  for (const [id, v] of out) if (v.after !== null) live.set(id, v as Rebuilt);
  return live;
}

/**
 * Entities kept whole outside the audit log's reach at creation (the reference lists' defaults
 * are written without an audit entry) are rolled back instead: from their current state, each
 * audited change made after `cutoff` is undone, newest first (its `before`; none = not there yet).
 */
export function rolledBack<T>(core: Core, entity: string, cutoff: string, current: ReadonlyMap<string, T>): Map<string, T> {
  const out = new Map(current);
  const rows = core.db
    .prepare('SELECT entity_id, before FROM audit_log WHERE entity = ? AND at > ? ORDER BY id DESC')
    .iterate(entity, cutoff) as IterableIterator<{ entity_id: string; before: string | null }>;
  for (const r of rows) {
    if (r.before === null) out.delete(r.entity_id);
    else out.set(r.entity_id, JSON.parse(r.before) as T);
  }
  return out;
}

/** True when something of `entities` was written after `cutoff` (the current rows then are not the state at the cutoff). */
export function changedAfter(core: Core, entities: ReadonlyArray<string>, cutoff: string): boolean {
  return entities.some((e) => core.db.prepare('SELECT 1 FROM audit_log WHERE entity = ? AND at > ? LIMIT 1').get(e, cutoff) !== undefined);
}

export type AsOfEntry<D extends RegisterDoc = RegisterDoc> = Readonly<{ id: string; kind: RegisterKind; doc: D; createdAt: string; updatedAt: string }>;

export type RegisterAsOf = Readonly<{
  controller: AsOfEntry<ControllerDoc>[];
  processor: AsOfEntry<ProcessorDoc>[];
  /** When the first record was created (ISO), or null for an empty register. */
  firstRecordAt: string | null;
  /** The end of the as-of day (ISO, UTC). */
  cutoff: string;
  /** False when nothing changed after the cutoff and the current rows were read. */
  rebuilt: boolean;
}>;

export function firstRecordAt(core: Core): string | null {
  const fromAudit = core.db.prepare("SELECT min(at) FROM audit_log WHERE entity = ? AND after IS NOT NULL").pluck().get(REGISTER_ENTITY) as string | null;
  const fromRows = core.db.prepare('SELECT min(created_at) FROM register_entry').pluck().get() as string | null;
  return [fromAudit, fromRows].filter((x): x is string => !!x).sort()[0] ?? null;
}

/** True when a record was written after `cutoff`: the register is then rebuilt from the audit log. */
export function registerChangedAfter(core: Core, cutoff: string): boolean {
  return changedAfter(core, [REGISTER_ENTITY], cutoff) || core.db.prepare('SELECT 1 FROM register_entry WHERE updated_at > ? LIMIT 1').get(cutoff) !== undefined;
}

/**
 * Every register record as it stood at the end of `asOf` (YYYY-MM-DD, the organisation's zone):
 * its last version at or before then, from the audit log; a record deleted by then is left out,
 * one deleted later is in. When nothing changed after the cutoff, the current rows are read.
 */
export function registerAsOf(core: Core, asOf: string): RegisterAsOf {
  const cutoff = endOfDay(core, asOf);
  const out = { controller: [] as AsOfEntry<ControllerDoc>[], processor: [] as AsOfEntry<ProcessorDoc>[] };
  const first = firstRecordAt(core);
  const later = registerChangedAfter(core, cutoff);
  if (!later) {
    const rows = core.db.prepare('SELECT id, kind, doc, created_at, updated_at FROM register_entry WHERE deleted_at IS NULL').iterate() as IterableIterator<{
      id: string;
      kind: RegisterKind;
      doc: string;
      created_at: string;
      updated_at: string;
    }>;
    for (const r of rows) {
      (out[r.kind] as AsOfEntry[]).push({ id: r.id, kind: r.kind, doc: JSON.parse(r.doc) as RegisterDoc, createdAt: r.created_at, updatedAt: r.updated_at });
    }
    return { ...out, firstRecordAt: first, cutoff, rebuilt: false };
  }
  for (const v of entityAsOf(core, REGISTER_ENTITY, cutoff).values()) {
    const raw = JSON.parse(v.after) as { kind?: RegisterKind };
    const kind: RegisterKind = raw.kind === 'processor' ? 'processor' : 'controller';
    (out[kind] as AsOfEntry[]).push({ id: v.id, kind, doc: upgradeRegisterDoc(kind, raw), createdAt: v.createdAt, updatedAt: v.updatedAt });
  }
  return { ...out, firstRecordAt: first, cutoff, rebuilt: true };
}
