import { diffDocs } from '../../../shared/domain/diff';
import type { RegisterKind } from '../../../shared/domain/enums';
import type { RegisterDoc } from '../../../shared/domain/register';

/** What an export keeps of each record, to compare the next export with. */
export type Snapshot = Readonly<Record<string, Readonly<{ kind: RegisterKind; doc: RegisterDoc }>>>;

/**
 * A changed record: the top-level fields that changed, and what changed at the grain the
 * document prints it ("dataCategories.0.retention", "dpia.needed", "mainPurpose"), with both
 * versions of the record so that each old and new value is written as the record section writes it.
 */
export type ChangedRecord = Readonly<{
  kind: RegisterKind;
  ref: string;
  name: string;
  fields: ReadonlyArray<string>;
  paths: ReadonlyArray<string>;
  before?: RegisterDoc;
  after?: RegisterDoc;
}>;

export type ExportChanges = Readonly<{
  previous: Readonly<{ version: number; at: string; fileName: string }>;
  added: ReadonlyArray<ChangedRecord>;
  changed: ReadonlyArray<ChangedRecord>;
  archived: ReadonlyArray<ChangedRecord>;
  removed: ReadonlyArray<ChangedRecord>;
}>;

/** The top-level field names that differ ("transfers.0.country" counts as "transfers"). */
function changedFields(before: RegisterDoc, after: RegisterDoc): string[] {
  const fields = diffDocs(before, after).map((c) => c.path.split('.')[0]!);
  return [...new Set(fields)];
}

/** Where a leaf change is printed: an array element (a retention on its own), a sub-field, or the field. */
function printedAt(path: string): string {
  const [top, second, third] = path.split('.');
  if (second !== undefined && /^\d+$/.test(second)) {
    return third === 'retention' && (top === 'dataCategories' || top === 'specialCategories') ? `${top}.${second}.retention` : `${top}.${second}`;
  }
  if (second !== undefined && (top === 'dpia' || top === 'client')) return `${top}.${second}`;
  return top!;
}

function changedPaths(before: RegisterDoc, after: RegisterDoc): string[] {
  return [...new Set(diffDocs(before, after).map((c) => printedAt(c.path)))];
}

const rec = (kind: RegisterKind, doc: RegisterDoc, fields: string[] = [], paths: string[] = [], before?: RegisterDoc): ChangedRecord => ({
  kind,
  ref: doc.ref,
  name: doc.name,
  fields,
  paths,
  ...(before ? { before, after: doc } : {}),
});

/**
 * Compares what is exported now with what the previous export held: records added, changed
 * (with the fields), archived since, and no longer in the register (deleted, or left out).
 */
export function compareSnapshots(
  previous: Snapshot,
  current: Snapshot,
  meta: ExportChanges['previous'],
  /** Where a record of the previous export that is not exported now stands in the register. */
  stateOf: (id: string) => 'archived' | 'other' = () => 'other',
): ExportChanges {
  return compareWith(previous, Object.entries(current), meta, stateOf);
}

/**
 * compareSnapshots with the current records given one at a time (the export reads them a page
 * at a time): only the changed records are kept.
 */
export function compareWith(
  previous: Snapshot,
  current: Iterable<readonly [string, Readonly<{ kind: RegisterKind; doc: RegisterDoc }>]>,
  meta: ExportChanges['previous'],
  stateOf: (id: string) => 'archived' | 'other' = () => 'other',
): ExportChanges {
  const added: ChangedRecord[] = [];
  const changed: ChangedRecord[] = [];
  const archived: ChangedRecord[] = [];
  const removed: ChangedRecord[] = [];
  const seen = new Set<string>();
  for (const [id, now] of current) {
    seen.add(id);
    const before = previous[id];
    if (!before) {
      added.push(rec(now.kind, now.doc));
      continue;
    }
    if (now.doc.status === 'archived' && before.doc.status !== 'archived') archived.push(rec(now.kind, now.doc));
    const keep = (f: string) => f !== 'status' || now.doc.status !== 'archived';
    const fields = changedFields(before.doc, now.doc).filter(keep);
    if (fields.length) changed.push(rec(now.kind, now.doc, fields, changedPaths(before.doc, now.doc).filter(keep), before.doc));
  }
  for (const [id, before] of Object.entries(previous)) {
    if (seen.has(id)) continue;
    if (before.doc.status === 'archived') continue; // left out because archived, as before
    (stateOf(id) === 'archived' ? archived : removed).push(rec(before.kind, before.doc));
  }
  const order = (a: ChangedRecord, b: ChangedRecord) => a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref, 'fr', { numeric: true });
  return { previous: meta, added: added.sort(order), changed: changed.sort(order), archived: archived.sort(order), removed: removed.sort(order) };
}
