/**
 * The yearly export as it was built before issue 15 (the whole register in memory, the document
 * assembled into one buffer), kept as the oracle the streamed export is compared with
 * (test/db/export-stream.test.ts): the same records, the same text, the same state hash.
 */
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Core } from '../electron/core/core';
import * as repo from '../electron/core/db/repos/export.repo';
import { compareSnapshots, type Snapshot } from '../electron/core/export/changes';
import { buildRegisterDocx } from '../electron/core/export/docx/register-docx';
import { mustHaveRecordsBy, stateHash } from '../electron/core/export/export.service';
import { upgradeRegisterDoc } from '../electron/core/export/history';
import { buildModel, readRecords, type ExportOptions } from '../electron/core/export/model';
import type { RegisterKind } from '../shared/domain/enums';

function readSnapshot(blob: Buffer): Snapshot {
  const raw = JSON.parse(gunzipSync(blob).toString('utf8')) as Record<string, { kind: RegisterKind; doc: unknown }>;
  return Object.fromEntries(Object.entries(raw).map(([id, v]) => [id, { kind: v.kind, doc: upgradeRegisterDoc(v.kind, v.doc) }]));
}

export async function oldRegisterExport(core: Core, options: ExportOptions) {
  const records = readRecords(core, options);
  mustHaveRecordsBy(core, records, options.asOf);
  const snapshot: Snapshot = Object.fromEntries([...records.controller, ...records.processor].map((e) => [e.id, { kind: e.kind, doc: e.doc }]));
  const draft = buildModel(core, options, records, 0, null);
  const hash = stateHash(draft);
  const version = repo.versionForState(core.db, 'register', hash);
  const previous = repo.lastExportOfOtherState(core.db, 'register', hash);
  const changes = previous
    ? compareSnapshots(
        Object.fromEntries(Object.entries(readSnapshot(previous.snapshot)).filter(([, v]) => options.registers === 'both' || v.kind === options.registers)),
        snapshot,
        { version: previous.version, at: previous.at, fileName: previous.file_name },
        (id) => (records.archivedLeftOut.has(id) ? 'archived' : 'other'),
      )
    : null;
  const buffer = await buildRegisterDocx({ ...draft, version, changes });
  return { buffer, version, snapshot, stateHash: hash, draftsLeftOut: records.draftsLeftOut, sha256: createHash('sha256').update(buffer).digest('hex') };
}
