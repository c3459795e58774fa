import type { DB } from '../types';

export type ExportRow = Readonly<{
  id: number;
  at: string;
  actor: string;
  kind: string;
  file_name: string;
  sha256: string;
  size: number;
  language: string;
  registers: string;
  as_of: string;
  include_archived: 0 | 1;
  version: number;
  snapshot: Buffer;
  /** SHA-256 of the register state exported (null for exports made before migration 0090). */
  state_hash: string | null;
}>;

export function insertExport(db: DB, row: Omit<ExportRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO export_log (at, actor, kind, file_name, sha256, size, language, registers, as_of, include_archived, version, snapshot, state_hash)
         VALUES (@at, @actor, @kind, @file_name, @sha256, @size, @language, @registers, @as_of, @include_archived, @version, @snapshot, @state_hash)`,
      )
      .run(row).lastInsertRowid,
  );
}

export function listExports(db: DB, kind: string): Omit<ExportRow, 'snapshot'>[] {
  return db
    .prepare(
      'SELECT id, at, actor, kind, file_name, sha256, size, language, registers, as_of, include_archived, version FROM export_log WHERE kind = ? ORDER BY id DESC',
    )
    .all(kind) as Omit<ExportRow, 'snapshot'>[];
}

export function lastExport(db: DB, kind: string): ExportRow | undefined {
  return db.prepare('SELECT * FROM export_log WHERE kind = ? ORDER BY id DESC LIMIT 1').get(kind) as ExportRow | undefined;
}

/** The version of an export of the same state if there was one, else the next number. */
export function versionForState(db: DB, kind: string, stateHash: string): number {
  const same = db.prepare('SELECT version FROM export_log WHERE kind = ? AND state_hash = ? ORDER BY id DESC LIMIT 1').pluck().get(kind, stateHash) as number | undefined;
  return same ?? ((db.prepare('SELECT max(version) FROM export_log WHERE kind = ?').pluck().get(kind) as number | null) ?? 0) + 1;
}

/** The last export of another state than `stateHash`: what "changes since the last export" compare with. */
export function lastExportOfOtherState(db: DB, kind: string, stateHash: string): ExportRow | undefined {
  return db
    .prepare('SELECT * FROM export_log WHERE kind = ? AND (state_hash IS NULL OR state_hash <> ?) ORDER BY id DESC LIMIT 1')
    .get(kind, stateHash) as ExportRow | undefined;
}

// ---------------------------------------------------------------------------------------------
// The yearly export reads the register in pages (issue 15): first a light index of the records,
// then their documents a page at a time, by id.

export type LiveEntryRow = Readonly<{ id: string; kind: 'controller' | 'processor'; doc: string; created_at: string; updated_at: string }>;

/** Every live record, one row at a time (the caller keeps only what it needs of each). */
export function iterateLiveEntries(db: DB): IterableIterator<LiveEntryRow> {
  return db.prepare('SELECT id, kind, doc, created_at, updated_at FROM register_entry WHERE deleted_at IS NULL').iterate() as IterableIterator<LiveEntryRow>;
}

/** The documents of the records `ids` (current rows). */
export function entryDocs(db: DB, ids: ReadonlyArray<string>): Array<{ id: string; doc: string }> {
  if (ids.length === 0) return [];
  return db.prepare(`SELECT id, doc FROM register_entry WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<{ id: string; doc: string }>;
}

export type AuditHead = Readonly<{ id: number; entity_id: string; at: string; action: string; gone: 0 | 1 }>;

/** An entity's audit entries up to `cutoff`, in order, without their documents. */
export function iterateAuditHeads(db: DB, entity: string, cutoff: string): IterableIterator<AuditHead> {
  return db
    .prepare('SELECT id, entity_id, at, action, (after IS NULL) AS gone FROM audit_log WHERE entity = ? AND at <= ? ORDER BY id')
    .iterate(entity, cutoff) as IterableIterator<AuditHead>;
}

/** The documents (`after`) of the audit entries `ids`. */
export function auditAfters(db: DB, ids: ReadonlyArray<number>): Array<{ id: number; after: string }> {
  if (ids.length === 0) return [];
  return db.prepare(`SELECT id, after FROM audit_log WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as Array<{ id: number; after: string }>;
}

/**
 * Each record's "ref – name", as the annexes name the activities, read without the documents
 * (json_extract: the register is not parsed whole for a name each). `live`: not in the trash.
 */
export function activityNames(db: DB, live: boolean): Map<string, string> {
  const rows = db
    .prepare(`SELECT id, json_extract(doc, '$.ref') AS ref, json_extract(doc, '$.name') AS name FROM register_entry${live ? ' WHERE deleted_at IS NULL' : ''}`)
    .iterate() as IterableIterator<{ id: string; ref: string; name: string }>;
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.id, `${r.ref} – ${r.name}`);
  return out;
}
