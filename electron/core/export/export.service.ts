import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { ExportRecord } from '../../../shared/contract';
import { getEntry } from '../db/repos/register.repo';
import * as repo from '../db/repos/export.repo';
import type { Core } from '../core';
import { compareSnapshots, type Snapshot } from './changes';
import { buildRegisterDocx } from './docx/register-docx';
import { buildModel, readRecords, type ExportOptions } from './model';

const KIND = 'register';

export type PreparedExport = Readonly<{
  buffer: Buffer;
  fileName: string;
  sha256: string;
  version: number;
  options: ExportOptions;
  snapshot: Snapshot;
}>;

function toRecord(r: Omit<repo.ExportRow, 'snapshot'>): ExportRecord {
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

/** Builds the document (nothing is recorded yet: the caller records it once the file is saved). */
export async function prepareRegisterExport(core: Core, options: ExportOptions): Promise<PreparedExport> {
  const version = repo.nextExportVersion(core.db, KIND);
  const records = readRecords(core, options);
  const snapshot: Snapshot = Object.fromEntries([...records.controller, ...records.processor].map((e) => [e.id, { kind: e.kind, doc: e.doc }]));
  const previous = repo.lastExport(core.db, KIND);
  const changes = previous
    ? compareSnapshots(
        JSON.parse(gunzipSync(previous.snapshot).toString('utf8')) as Snapshot,
        snapshot,
        { version: previous.version, at: previous.at, fileName: previous.file_name },
        (id) => (getEntry(core.db, id)?.status === 'archived' && !getEntry(core.db, id)?.deleted_at ? 'archived' : 'other'),
      )
    : null;
  const model = buildModel(core, options, records, version, changes);
  const buffer = await buildRegisterDocx(model);
  return {
    buffer,
    fileName: defaultFileName(options, version),
    sha256: createHash('sha256').update(buffer).digest('hex'),
    version,
    options,
    snapshot,
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
  };
  const id = repo.insertExport(core.db, row);
  return toRecord({ id, ...row });
}

export function listExports(core: Core): ExportRecord[] {
  return repo.listExports(core.db, KIND).map(toRecord);
}
