import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ExportPreview, ExportRecord } from '../../../shared/contract';
import * as repo from '../db/repos/export.repo';
import type { Core } from '../core';
import { compareSnapshots, type Snapshot } from './changes';
import { buildRegisterDocx } from './docx/register-docx';
import { buildModel, readRecords, type ExportOptions, type ExportRecords, type LeftOut, type RegisterExportModel } from './model';
import { localDate, upgradeRegisterDoc } from './history';
import type { RegisterKind } from '../../../shared/domain/enums';
import { AppError } from '../../../shared/errors';
import { msg, todayIso } from '../../../shared/domain/validation';

const KIND = 'register';

export type PreparedExport = Readonly<{
  buffer: Buffer;
  fileName: string;
  sha256: string;
  version: number;
  options: ExportOptions;
  snapshot: Snapshot;
  stateHash: string;
  draftsLeftOut: ReadonlyArray<LeftOut>;
}>;

function toRecord(r: Omit<repo.ExportRow, 'snapshot' | 'state_hash'>): ExportRecord {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    fileName: r.file_name,
    sha256: r.sha256,
    size: r.size,
    language: r.language as ExportRecord['language'],
    registers: r.registers as ExportRecord['registers'],
    asOf: r.as_of,
    includeArchived: r.include_archived === 1,
    version: r.version,
  };
}

export function defaultFileName(options: ExportOptions, version: number): string {
  const base = options.language === 'fr' ? 'registre-traitements' : 'processing-register';
  return `${base}-${options.asOf}-v${version}.docx`;
}

/** JSON with the keys of every object sorted: the same state always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The SHA-256 of the register state a document holds: what it selects (registers, archived,
 * drafts, annexes), the organisation, the reference lists, every record and the annexes' data.
 * Not the language, the file name, the as-of date or when it was generated: the same state
 * exported in French then in English is one version.
 */
export function stateHash(m: RegisterExportModel): string {
  const h = createHash('sha256');
  const { language: _language, asOf: _asOf, ...selection } = m.options;
  h.update(canonicalJson({ selection: { ...selection, includeDrafts: !!selection.includeDrafts }, organisation: m.organisation, lists: m.lists }));
  // The days only, as the document prints them: a record read from its row and the same record
  // rebuilt from the audit log have times a few milliseconds apart (the audit entry is written after the row).
  for (const e of [...m.controller, ...m.processor]) {
    h.update(`\n${canonicalJson({ id: e.id, kind: e.kind, doc: e.doc, createdOn: e.createdAt.slice(0, 10), updatedOn: e.updatedAt.slice(0, 10) })}`);
  }
  for (const t of m.transfers?.items ?? []) h.update(`\nT${canonicalJson({ id: t.id, doc: t.doc })}`);
  // The suppliers' last audit as written in the document is in its language: its language-free state instead.
  for (const s of m.suppliers?.items ?? []) h.update(`\nS${canonicalJson({ doc: s.doc, activities: s.activities, lastAudit: s.lastAuditState ?? s.lastAudit })}`);
  for (const b of m.breaches?.items ?? []) h.update(`\nB${canonicalJson({ id: b.id, ref: b.ref, doc: b.doc })}`);
  return h.digest('hex');
}

function readSnapshot(blob: Buffer): Snapshot {
  const raw = JSON.parse(gunzipSync(blob).toString('utf8')) as Record<string, { kind: RegisterKind; doc: unknown }>;
  return Object.fromEntries(Object.entries(raw).map(([id, v]) => [id, { kind: v.kind, doc: upgradeRegisterDoc(v.kind, v.doc) }]));
}

/**
 * Refuses an as-of date before the first record: the document would be an empty register with
 * full annexes. (A register with no record at all may still be exported, for its annexes.)
 */
export function mustHaveRecordsBy(core: Core, records: ExportRecords, asOf: string): void {
  // The register is not known ahead: a date after today is refused (today in the organisation's
  // zone or on the machine's clock, whichever is later: the screen proposes the machine's today).
  const today = [localDate(core, core.now()), todayIso(core.now())].sort()[1]!;
  if (asOf > today) throw AppError.validation([{ path: 'asOf', message: msg('inFuture') }]);
  if (!records.firstRecordAt || records.firstRecordAt <= records.cutoff) return;
  throw AppError.validation([{ path: 'asOf', message: msg('asOfBeforeFirst', { date: localDate(core, records.firstRecordAt) }) }]);
}

/** What the export screen shows before the document is made: the drafts left out, a date before the first record. */
export function previewRegisterExport(core: Core, options: Pick<ExportOptions, 'asOf' | 'registers' | 'includeArchived' | 'includeDrafts'>): ExportPreview {
  const records = readRecords(core, { ...options, language: 'fr', annexes: { lists: false, transfers: false } });
  return {
    firstRecordOn: records.firstRecordAt ? localDate(core, records.firstRecordAt) : '',
    beforeFirst: !!records.firstRecordAt && records.firstRecordAt > records.cutoff,
    draftsLeftOut: records.draftsLeftOut,
  };
}

/** Builds the document (nothing is recorded yet: the caller records it once the file is saved). */
export async function prepareRegisterExport(core: Core, options: ExportOptions): Promise<PreparedExport> {
  const records = readRecords(core, options);
  mustHaveRecordsBy(core, records, options.asOf);
  const snapshot: Snapshot = Object.fromEntries([...records.controller, ...records.processor].map((e) => [e.id, { kind: e.kind, doc: e.doc }]));
  const draft = buildModel(core, options, records, 0, null);
  const hash = stateHash(draft);
  const version = repo.versionForState(core.db, KIND, hash);
  const previous = repo.lastExportOfOtherState(core.db, KIND, hash);
  const changes = previous
    ? compareSnapshots(
        // Only the registers this document holds: a controller-only export does not list the processor records as removed.
        Object.fromEntries(Object.entries(readSnapshot(previous.snapshot)).filter(([, v]) => options.registers === 'both' || v.kind === options.registers)),
        snapshot,
        { version: previous.version, at: previous.at, fileName: previous.file_name },
        // As the record stood on the as-of date, not as it is now.
        (id) => (records.archivedLeftOut.has(id) ? 'archived' : 'other'),
      )
    : null;
  const model = { ...draft, version, changes };
  const buffer = await buildRegisterDocx(model);
  return {
    buffer,
    fileName: defaultFileName(options, version),
    sha256: createHash('sha256').update(buffer).digest('hex'),
    version,
    options,
    snapshot,
    stateHash: hash,
    draftsLeftOut: records.draftsLeftOut,
  };
}

/** Records an export that was handed to the user (saved or downloaded) under `fileName`. */
export function recordExport(core: Core, prepared: PreparedExport, fileName: string): ExportRecord {
  const row = {
    at: core.now().toISOString(),
    actor: core.actor,
    kind: KIND,
    file_name: fileName,
    sha256: prepared.sha256,
    size: prepared.buffer.length,
    language: prepared.options.language,
    registers: prepared.options.registers,
    as_of: prepared.options.asOf,
    include_archived: prepared.options.includeArchived ? (1 as const) : (0 as const),
    version: prepared.version,
    snapshot: gzipSync(JSON.stringify(prepared.snapshot)),
    state_hash: prepared.stateHash,
  };
  const id = repo.insertExport(core.db, row);
  return toRecord({ id, ...row });
}

export function listExports(core: Core): ExportRecord[] {
  return repo.listExports(core.db, KIND).map(toRecord);
}
