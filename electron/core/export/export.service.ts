import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ExportPreview, ExportRecord } from '../../../shared/contract';
import * as repo from '../db/repos/export.repo';
import type { Core } from '../core';
import { compareSnapshots, compareWith, type Snapshot } from './changes';
import { buildRegisterDocx, writeRegisterDocx } from './docx/register-docx';
import { gzipOut } from './gzip-out';
import { closeSync, fsyncSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildModel, readRecords, readRecordsPaged, type DocxExportModel, type Entries, type ExportEntry, type ExportOptions, type LeftOut } from './model';
import { endOfDay, firstRecordAt, localDate, upgradeRegisterDoc } from './history';
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

/**
 * JSON with the keys of every object sorted: the same state always gives the same text. The
 * hash of every export made so far was taken over this text, so it must never change (a unit
 * test compares it with the plain definition); written with loops, it runs over 20,000 records
 * in a fraction of the time of Object.entries, filter, sort and map.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      const v: unknown = value[i];
      out += v === undefined ? 'null' : canonicalJson(v);
    }
    return `${out}]`;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    // Array.prototype.sort compares UTF-16 code units, as `<` does.
    const keys = Object.keys(object).sort();
    let out = '{';
    let first = true;
    for (const k of keys) {
      const v = object[k];
      if (v === undefined) continue;
      out += `${first ? '' : ','}${JSON.stringify(k)}:${canonicalJson(v)}`;
      first = false;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The SHA-256 of the register state a document holds: what it selects (registers, archived,
 * drafts, annexes), the organisation, the reference lists, every record and the annexes' data.
 * Not the language, the file name, the as-of date or when it was generated: the same state
 * exported in French then in English is one version.
 */
export function stateHash(m: DocxExportModel, each?: (e: ExportEntry) => void): string {
  const h = createHash('sha256');
  const { language: _language, asOf: _asOf, ...selection } = m.options;
  h.update(canonicalJson({ selection: { ...selection, includeDrafts: !!selection.includeDrafts }, organisation: m.organisation, lists: m.lists }));
  // The days only, as the document prints them: a record read from its row and the same record
  // rebuilt from the audit log have times a few milliseconds apart (the audit entry is written after the row).
  for (const list of [m.controller, m.processor] as ReadonlyArray<Entries>) {
    for (const e of list) {
      h.update(`\n${canonicalJson({ id: e.id, kind: e.kind, doc: e.doc, createdOn: e.createdAt.slice(0, 10), updatedOn: e.updatedAt.slice(0, 10) })}`);
      each?.(e);
    }
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
export function mustHaveRecordsBy(core: Core, records: Readonly<{ firstRecordAt: string | null; cutoff: string }>, asOf: string): void {
  // The register is not known ahead: a date after today is refused (today in the organisation's
  // zone or on the machine's clock, whichever is later: the screen proposes the machine's today).
  const today = [localDate(core, core.now()), todayIso(core.now())].sort()[1]!;
  if (asOf > today) throw AppError.validation([{ path: 'asOf', message: msg('inFuture') }]);
  if (!records.firstRecordAt || records.firstRecordAt <= records.cutoff) return;
  throw AppError.validation([{ path: 'asOf', message: msg('asOfBeforeFirst', { date: localDate(core, records.firstRecordAt) }) }]);
}

/**
 * The checks of mustHaveRecordsBy made before an export starts, without reading the register
 * (the screen hears at once that a date is refused, not after a job).
 */
export function checkExportDate(core: Core, asOf: string): void {
  mustHaveRecordsBy(core, { firstRecordAt: firstRecordAt(core), cutoff: endOfDay(core, asOf) }, asOf);
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

/**
 * Builds the document in memory (nothing is recorded yet: the caller records it once the file is
 * saved): the streamed export written to a temporary file and read back. The app and the CLI
 * write the file in place instead (export-job.ts); this serves the tests and small callers.
 */
export async function prepareRegisterExport(core: Core, options: ExportOptions): Promise<PreparedExport> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-export-'));
  try {
    const s = await writeRegisterExport(core, options, path.join(dir, 'export.docx'));
    const buffer = readFileSync(s.file);
    return {
      buffer,
      fileName: s.fileName,
      sha256: s.sha256,
      version: s.version,
      options,
      snapshot: JSON.parse(gunzipSync(s.snapshotGz).toString('utf8')) as Snapshot,
      stateHash: s.stateHash,
      draftsLeftOut: s.draftsLeftOut,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The yearly export written to `file` as it is made (issue 15): the records are read a page at a
 * time and each pass over them (the state's hash and snapshot, the changes since the last export,
 * the contents, the summaries, the records and annexes) holds one page; the document is deflated
 * into the file as it is written. Nothing is recorded: the caller records it once delivered.
 * `progress(done, total)` counts the records, rising to `total` over all the passes.
 * On failure the file is removed.
 */
export async function writeRegisterExport(
  core: Core,
  options: ExportOptions,
  file: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<StreamedExport> {
  const records = readRecordsPaged(core, options);
  mustHaveRecordsBy(core, records, options.asOf);
  const total = records.controller.length + records.processor.length;
  const draft = buildModel(core, options, records, 0, null);
  const previousOf = (hash: string) => repo.lastExportOfOtherState(core.db, KIND, hash);
  // Record visits: the hash, the changes (when there was an export before), then the summaries
  // and the records as they are written (the contents and the transfers annex read the index only),
  // and for a small register the look for long words before Word's page numbers are laid out.
  let visits = 0;
  let passes = 3 + (total <= 50 ? 1 : 0);
  let reported = -1;
  const onRecord = () => {
    visits++;
    const done = Math.min(total, Math.floor(visits / passes));
    if (done !== reported) progress((reported = done), total);
  };
  progress((reported = 0), total);
  records.controller.onRecord = onRecord;
  records.processor.onRecord = onRecord;

  // The snapshot (each record's document, for the next export's "changes"), gzipped as it is made.
  const gzip = gzipOut();
  let firstEntry = true;
  gzip.write('{');
  const hash = stateHash(draft, (e) => {
    gzip.write(`${firstEntry ? '' : ','}${JSON.stringify(e.id)}:${JSON.stringify({ kind: e.kind, doc: e.doc })}`);
    firstEntry = false;
  });
  gzip.write('}');
  const snapshotGz = gzip.finish();
  const version = repo.versionForState(core.db, KIND, hash);
  const previous = previousOf(hash);
  if (previous) passes += 1;
  const changes = previous
    ? compareWith(
        Object.fromEntries(Object.entries(readSnapshot(previous.snapshot)).filter(([, v]) => options.registers === 'both' || v.kind === options.registers)),
        (function* () {
          for (const list of [records.controller, records.processor] as ReadonlyArray<Entries>) for (const e of list) yield [e.id, { kind: e.kind, doc: e.doc }] as const;
        })(),
        { version: previous.version, at: previous.at, fileName: previous.file_name },
        (id) => (records.archivedLeftOut.has(id) ? 'archived' : 'other'),
      )
    : null;

  const sha = createHash('sha256');
  let size = 0;
  const fd = openSync(file, 'w');
  try {
    await writeRegisterDocx({ ...draft, version, changes }, (bytes) => {
      sha.update(bytes);
      size += bytes.length;
      writeSync(fd, bytes);
    });
    fsyncSync(fd);
  } catch (err) {
    closeSync(fd);
    rmSync(file, { force: true });
    throw err;
  }
  closeSync(fd);
  progress(total, total);
  return {
    file,
    size,
    fileName: defaultFileName(options, version),
    sha256: sha.digest('hex'),
    version,
    options,
    snapshotGz,
    stateHash: hash,
    draftsLeftOut: records.draftsLeftOut,
  };
}

/** A yearly export written to a file by writeRegisterExport (the snapshot already gzipped). */
export type StreamedExport = Readonly<{
  file: string;
  size: number;
  fileName: string;
  sha256: string;
  version: number;
  options: ExportOptions;
  snapshotGz: Buffer;
  stateHash: string;
  draftsLeftOut: ReadonlyArray<LeftOut>;
}>;

/** Records an export that was handed to the user (saved or downloaded) under `fileName`. */
export function recordExport(core: Core, prepared: PreparedExport | StreamedExport, fileName: string): ExportRecord {
  const row = {
    at: core.now().toISOString(),
    actor: core.actor,
    kind: KIND,
    file_name: fileName,
    sha256: prepared.sha256,
    size: 'buffer' in prepared ? prepared.buffer.length : prepared.size,
    language: prepared.options.language,
    registers: prepared.options.registers,
    as_of: prepared.options.asOf,
    include_archived: prepared.options.includeArchived ? (1 as const) : (0 as const),
    version: prepared.version,
    snapshot: 'snapshotGz' in prepared ? prepared.snapshotGz : gzipSync(JSON.stringify(prepared.snapshot)),
    state_hash: prepared.stateHash,
  };
  const id = repo.insertExport(core.db, row);
  return toRecord({ id, ...row });
}

export function listExports(core: Core): ExportRecord[] {
  return repo.listExports(core.db, KIND).map(toRecord);
}
