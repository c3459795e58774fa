import { randomUUID } from 'node:crypto';
import type { RegisterKind, Status } from '../../../shared/domain/enums';
import {
  ControllerDocSchema,
  ProcessorDocSchema,
  emptyControllerDoc,
  emptyProcessorDoc,
  type ControllerDoc,
  type ProcessorDoc,
  type RegisterDoc,
  type RegisterEntry,
  type RegisterSummary,
} from '../../../shared/domain/register';
import { missingFor, summariseRecord } from '../../../shared/domain/register-summary';
import { ALL_DATA_CATEGORIES } from '../../../shared/domain/enums';
import { collectText, foldForSearch } from '../../../shared/domain/text';
import { translate } from '../../../shared/i18n';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { msg } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import * as repo from '../db/repos/register.repo';
import { tx, type Core } from '../core';
import { audit, history } from './audit';
import { getLists } from './lists.service';
import { transferCountryCodes, type RecordTransfer } from '../../../shared/domain/record-transfers';
import { countryName } from '../../../shared/domain/countries';
import { recordTransfers, transfersByRecord } from './record-transfers';
import { defaultNextReview } from './settings.service';
import type { RegisterWindow, RegisterWindowArgs } from '../../../shared/domain/register-list';
import { todayIso } from '../../../shared/domain/validation';
import { thisWeekWindow } from '../../../shared/domain/obligations';

export const REGISTER_ENTITY = 'register_entry';

type DocByKind = { controller: ControllerDoc; processor: ProcessorDoc };

export { missingFor };

function summarise(
  id: string,
  kind: RegisterKind,
  doc: RegisterDoc,
  times: { createdAt: string; updatedAt: string; deletedAt: string | null },
  transfers: ReadonlyArray<RecordTransfer>,
): RegisterSummary {
  return summariseRecord(id, kind, doc, times, transferFields(doc, transfers));
}

/** What the register table shows of a record's transfers: the transfer register's entries linked to it, and those still to convert. */
function transferFields(doc: RegisterDoc, transfers: ReadonlyArray<RecordTransfer>) {
  const toConvert = doc.transfersToConvert?.length ?? 0;
  return { hasTransfers: transfers.length > 0 || toConvert > 0, transferCountries: transferCountryCodes(transfers), transfersToConvert: toConvert };
}

/**
 * The text a search matches: every text of the record, plus the labels (FR and EN) of its codes,
 * plus its linked transfers (importer, title, country names and ground in both languages).
 */
export function searchTextFor(kind: RegisterKind, doc: RegisterDoc, lists: ReferenceLists, transfers: ReadonlyArray<RecordTransfer> = []): string {
  const parts = collectText(doc);
  const label = (list: keyof ReferenceLists, code: string) => {
    const item = lists[list].find((i) => i.code === code);
    if (item) parts.push(item.labelFr, item.labelEn);
  };
  const enumLabel = (key: string) => parts.push(translate('fr', key), translate('en', key));
  enumLabel(`enums.status.${doc.status}`);
  for (const t of transfers) {
    parts.push(t.title, t.importer);
    for (const c of [t.importerCountry, ...t.accessCountries]) parts.push(countryName('fr', c), countryName('en', c));
    if (t.mechanism) enumLabel(`transfer.mechanism.${t.mechanism}`);
  }
  for (const m of doc.securityMeasures) label('securityMeasures', m.type);
  if (kind === 'controller') {
    const c = doc as ControllerDoc;
    label('departments', c.department);
    for (const p of c.purposes) for (const b of p.bases) if (b.basis) enumLabel(`enums.legalBasis.${b.basis}`);
    for (const s of c.dataSubjects) label('dataSubjects', s.category);
    for (const d of c.dataCategories) if (d.category === ALL_DATA_CATEGORIES) enumLabel('enums.allDataCategories'); else label('dataCategories', d.category);
    for (const d of [...c.dataCategories, ...c.specialCategories]) if (d.retention.end) enumLabel(`enums.retentionEnd.${d.retention.end}`);
    for (const r of c.recipients) {
      if (r.category) label('recipients', r.category);
      enumLabel(`enums.recipientType.${r.type}`);
    }
    for (const s of c.specialCategories) enumLabel(`enums.special.${s.category}`);
    if (c.art9Condition) enumLabel(`enums.art9.${c.art9Condition}`);
  } else {
    const p = doc as ProcessorDoc;
    if (p.clientScope === 'standardDpa') enumLabel('enums.clientScope.standardDpa');
    for (const s of p.dataSubjects) label('dataSubjects', s.category);
    for (const d of p.dataCategories) if (d.category === ALL_DATA_CATEGORIES) enumLabel('enums.allDataCategories'); else label('dataCategories', d.category);
    for (const s of p.specialCategories) enumLabel(`enums.special.${s.category}`);
  }
  return foldForSearch(parts.join('\n'));
}

/**
 * Checks what the schema cannot: codes exist in the reference lists, the reference is free
 * (`refTaken`: another live record of the register has it; asked of the file by the ordinary
 * path, of a map built once by the bulk writer).
 */
function checkAgainstStore(kind: RegisterKind, doc: RegisterDoc, lists: ReferenceLists, refTaken: (ref: string) => boolean) {
  const issues: ValidationIssue[] = [];
  const known = (list: keyof ReferenceLists, value: string, path: string) => {
    if (value !== '' && !lists[list].some((i) => i.code === value)) issues.push({ path, message: msg('unknownCode') });
  };
  doc.securityMeasures.forEach((m, i) => known('securityMeasures', m.type, `securityMeasures.${i}.type`));
  if (kind === 'controller') {
    const c = doc as ControllerDoc;
    known('departments', c.department, 'department');
    c.dataSubjects.forEach((s, i) => known('dataSubjects', s.category, `dataSubjects.${i}.category`));
    c.recipients.forEach((r, i) => known('recipients', r.category, `recipients.${i}.category`));
  }
  const withSubjects = doc as { dataSubjects: Array<{ category: string }>; dataCategories: Array<{ category: string }> };
  if (kind === 'processor') withSubjects.dataSubjects.forEach((s, i) => known('dataSubjects', s.category, `dataSubjects.${i}.category`));
  withSubjects.dataCategories.forEach((d, i) => {
    if (d.category !== ALL_DATA_CATEGORIES) known('dataCategories', d.category, `dataCategories.${i}.category`);
  });
  if (refTaken(doc.ref)) issues.push({ path: 'ref', message: msg('refTaken') });
  if (issues.length) throw AppError.validation(issues);
}

function toRow(
  core: Core,
  id: string,
  kind: RegisterKind,
  doc: RegisterDoc,
  version: number,
  times: { createdAt: string; updatedAt: string; deletedAt: string | null },
  lists: ReferenceLists,
  transfers: ReadonlyArray<RecordTransfer> = recordTransfers(core, id),
): repo.RegisterRow {
  return {
    id,
    kind,
    ref: doc.ref,
    status: doc.status,
    doc: JSON.stringify(doc),
    summary: JSON.stringify(summarise(id, kind, doc, times, transfers)),
    search_text: searchTextFor(kind, doc, lists, transfers),
    version,
    created_at: times.createdAt,
    updated_at: times.updatedAt,
    deleted_at: times.deletedAt,
  };
}

function toEntry(row: repo.RegisterRow): RegisterEntry {
  const doc = JSON.parse(row.doc) as RegisterDoc;
  return {
    id: row.id,
    kind: row.kind,
    doc,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    missing: missingFor(row.kind, doc),
  } as RegisterEntry;
}

function mustGet(core: Core, id: string): repo.RegisterRow {
  const row = repo.getEntry(core.db, id);
  if (!row) throw AppError.notFound(`No register record ${id}`);
  return row;
}

function mustBeLive(row: repo.RegisterRow): void {
  if (row.deleted_at) throw AppError.conflict('This record is in the trash: restore it first.');
}

export function getEntry(core: Core, id: string): RegisterEntry {
  return toEntry(mustGet(core, id));
}

export function createEntry<K extends RegisterKind>(
  core: Core,
  kind: K,
  doc: DocByKind[K],
  action = 'create',
): RegisterEntry {
  return tx(core, () => {
    const lists = getLists(core);
    checkAgainstStore(kind, doc, lists, (ref) => repo.refTaken(core.db, kind, ref, null));
    const id = randomUUID();
    const at = core.now().toISOString();
    repo.insertEntry(core.db, toRow(core, id, kind, doc, 1, { createdAt: at, updatedAt: at, deletedAt: null }, lists));
    audit(core, REGISTER_ENTITY, id, action, null, { kind, ...doc });
    return getEntry(core, id);
  });
}

export function updateEntry<K extends RegisterKind>(
  core: Core,
  id: string,
  kind: K,
  version: number,
  doc: DocByKind[K],
  action = 'update',
): RegisterEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    if (row.kind !== kind) throw AppError.validation([{ path: 'kind', message: msg('invalid') }]);
    if (row.version !== version) throw AppError.conflict('The record was changed since it was read.');
    const before = JSON.parse(row.doc) as RegisterDoc;
    if (JSON.stringify(before) === JSON.stringify(doc)) return toEntry(row);
    const lists = getLists(core);
    checkAgainstStore(kind, doc, lists, (ref) => repo.refTaken(core.db, kind, ref, id));
    const at = core.now().toISOString();
    const next = toRow(core, id, kind, doc, version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: null }, lists);
    if (!repo.updateEntry(core.db, next, version)) throw AppError.conflict('The record was changed since it was read.');
    audit(core, REGISTER_ENTITY, id, action, { kind, ...before }, { kind, ...doc });
    return getEntry(core, id);
  });
}

/** What the bulk writer returns for each record it writes. */
export type BulkWritten = Readonly<{ id: string; version: number }>;

/**
 * Many records written in the caller's transaction (an import of thousands of rows). Each is
 * checked as createEntry and updateEntry check it (checkAgainstStore: every code in the
 * reference lists, the reference free among the live records of its register) and written as
 * they write it (toRow: the same summary and search text; the same audit entry, with the
 * caller's audit detail; the same repo functions, so that whatever keeps step with the records'
 * writes stays in step), without their repeated work: the reference lists are read once, the
 * references checked against a map of the live ones built once and kept up to date as it
 * writes, the record's linked transfers given by the caller (computed once, so that the summary
 * is written once, with them), nothing written is read back.
 *
 * The documents must have passed the register's zod schema (the import's plan parses each).
 */
export function registerBulkWriter<K extends RegisterKind>(core: Core, kind: K) {
  if (!core.db.inTransaction) throw new Error('registerBulkWriter: call it inside the transaction that writes');
  const lists = getLists(core);
  const idByRef = repo.liveIdsByRef(core.db, kind);
  const refTaken = (exceptId: string | null) => (ref: string) => {
    const id = idByRef.get(ref);
    return id !== undefined && id !== exceptId;
  };
  return {
    /** As createEntry; `id` may be chosen by the caller (transfers linked to the record are built before it is written). */
    create(doc: DocByKind[K], action: string, transfers: ReadonlyArray<RecordTransfer>, id: string = randomUUID()): BulkWritten {
      checkAgainstStore(kind, doc, lists, refTaken(null));
      const at = core.now().toISOString();
      repo.insertEntry(core.db, toRow(core, id, kind, doc, 1, { createdAt: at, updatedAt: at, deletedAt: null }, lists, transfers));
      idByRef.set(doc.ref, id);
      audit(core, REGISTER_ENTITY, id, action, null, { kind, ...doc });
      return { id, version: 1 };
    },
    /**
     * As updateEntry, from the row the caller read in this transaction. A document unchanged
     * is not written again (no new version, no audit line), but its summary and search text
     * are when its transfers changed (as refreshRecords does).
     */
    update(row: repo.RegisterRow, doc: DocByKind[K], action: string, transfers: ReadonlyArray<RecordTransfer>): BulkWritten {
      mustBeLive(row);
      if (row.kind !== kind) throw AppError.validation([{ path: 'kind', message: msg('invalid') }]);
      const before = JSON.parse(row.doc) as RegisterDoc;
      if (JSON.stringify(before) === JSON.stringify(doc)) {
        const same = toRow(core, row.id, kind, before, row.version, { createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at }, lists, transfers);
        if (same.summary !== row.summary || same.search_text !== row.search_text) repo.setSummary(core.db, row.id, same.summary, same.search_text);
        return { id: row.id, version: row.version };
      }
      checkAgainstStore(kind, doc, lists, refTaken(row.id));
      const at = core.now().toISOString();
      const next = toRow(core, row.id, kind, doc, row.version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: null }, lists, transfers);
      if (!repo.updateEntry(core.db, next, row.version)) throw AppError.conflict('The record was changed since it was read.');
      if (idByRef.get(before.ref) === row.id) idByRef.delete(before.ref);
      idByRef.set(doc.ref, row.id);
      audit(core, REGISTER_ENTITY, row.id, action, { kind, ...before }, { kind, ...doc });
      return { id: row.id, version: row.version + 1 };
    },
  };
}

/** Validates a whole document for its kind (used where the core itself builds a new document). */
export function parseDoc(kind: RegisterKind, doc: unknown): RegisterDoc {
  const result = (kind === 'controller' ? ControllerDocSchema : ProcessorDocSchema).safeParse(doc);
  if (!result.success) {
    throw AppError.validation(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  return result.data;
}

export function setStatus(core: Core, id: string, version: number, status: Status): RegisterEntry {
  const row = mustGet(core, id);
  const doc = parseDoc(row.kind, { ...(JSON.parse(row.doc) as RegisterDoc), status });
  const action = status === 'archived' ? 'archive' : row.status === 'archived' ? 'unarchive' : 'status';
  return updateEntry(core, id, row.kind, version, doc as never, action);
}

/** A copy as a new draft, with a free reference ("R-012-copy", "R-012-copy-2", …). */
export function duplicateEntry(core: Core, id: string): RegisterEntry {
  const row = mustGet(core, id);
  mustBeLive(row);
  const doc = JSON.parse(row.doc) as RegisterDoc;
  const base = `${doc.ref}-copy`.slice(0, 34);
  let ref = base;
  for (let n = 2; repo.refTaken(core.db, row.kind, ref, null); n++) ref = `${base}-${n}`;
  return createEntry(core, row.kind, { ...doc, ref, status: 'draft' } as never, 'duplicate');
}

/** The prefix of the references the app proposes: RT- for the controller's register, RS- for the processor's. */
export const REF_PREFIX: Readonly<Record<RegisterKind, string>> = { controller: 'RT-', processor: 'RS-' };

/**
 * The next free reference of a register: the highest RT-/RS- number among its records (the
 * trash included, so that a restored record keeps its own) plus one, zero-padded like the
 * others (RT-014; three digits at least).
 */
export function nextRef(core: Core, kind: RegisterKind): string {
  const prefix = REF_PREFIX[kind];
  const pattern = new RegExp(`^${prefix}(\\d+)$`, 'i');
  let max = 0;
  let width = 3;
  for (const ref of repo.allRefs(core.db, kind)) {
    const m = pattern.exec(ref.trim());
    if (!m) continue;
    max = Math.max(max, Number(m[1]));
    width = Math.max(width, m[1]!.length);
  }
  return `${prefix}${String(max + 1).padStart(width, '0')}`;
}

/** A new record's form: the next free reference and the default next review date, both editable. */
export function newDoc(core: Core, kind: RegisterKind): RegisterDoc {
  const base = kind === 'controller' ? emptyControllerDoc() : emptyProcessorDoc();
  return { ...base, ref: nextRef(core, kind), nextReview: defaultNextReview(core) };
}

export function deleteEntry(core: Core, id: string): RegisterSummary {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const doc = JSON.parse(row.doc) as RegisterDoc;
    const at = core.now().toISOString();
    const lists = getLists(core);
    const next = toRow(core, id, row.kind, doc, row.version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: at }, lists);
    repo.updateEntry(core.db, next, row.version);
    audit(core, REGISTER_ENTITY, id, 'delete', { kind: row.kind, ...doc }, null);
    return JSON.parse(next.summary) as RegisterSummary;
  });
}

export function restoreEntry(core: Core, id: string): RegisterEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (!row.deleted_at) return toEntry(row);
    const doc = JSON.parse(row.doc) as RegisterDoc;
    if (repo.refTaken(core.db, row.kind, doc.ref, id)) {
      throw AppError.validation([{ path: 'ref', message: msg('refTaken') }]);
    }
    const at = core.now().toISOString();
    const lists = getLists(core);
    repo.updateEntry(core.db, toRow(core, id, row.kind, doc, row.version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: null }, lists), row.version);
    audit(core, REGISTER_ENTITY, id, 'restore', null, { kind: row.kind, ...doc });
    return getEntry(core, id);
  });
}

/** Erases the records in the trash for good; the audit log keeps what they were. */
export function emptyTrash(core: Core): { purged: number } {
  return tx(core, () => {
    const ids = repo.trashedIds(core.db);
    for (const id of ids) {
      const row = mustGet(core, id);
      audit(core, REGISTER_ENTITY, id, 'purge', { kind: row.kind, ...JSON.parse(row.doc) }, null);
      repo.deleteEntry(core.db, id);
    }
    return { purged: ids.length };
  });
}

export function listSummaries(core: Core, kind: RegisterKind, scope: 'live' | 'trash'): RegisterSummary[] {
  return JSON.parse(repo.listSummariesJson(core.db, kind, scope === 'trash')) as RegisterSummary[];
}

/** After opening a file migrated across 0080 (which moved the records' transfers to the transfer register): summaries and search texts written again from it. */
export function afterMigration(core: Core, fromVersion: number): void {
  if (fromVersion > 0 && fromVersion < 80) tx(core, () => refreshRecords(core));
}

/**
 * Writes again the stored summary and search text of records whose transfers changed (a
 * transfer linked, unlinked, edited, deleted) or after a migration: no new version, no audit
 * line, since the record itself did not change. All records when `ids` is not given.
 */
export function refreshRecords(core: Core, ids?: Iterable<string>): void {
  const lists = getLists(core);
  const byRecord = transfersByRecord(core);
  const rows = ids ? [...new Set(ids)].map((id) => repo.getEntry(core.db, id)).filter((r): r is repo.RegisterRow => !!r) : repo.allRows(core.db);
  for (const row of rows) {
    const doc = JSON.parse(row.doc) as RegisterDoc;
    const next = toRow(core, row.id, row.kind, doc, row.version, { createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at }, lists, byRecord.get(row.id) ?? []);
    repo.setSummary(core.db, row.id, next.summary, next.search_text);
  }
}

/** The search box's words, folded (accents and case ignored), twenty at most. */
function searchWords(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter(Boolean).slice(0, 20);
}

/** Ids of the live records of `kind` whose text contains every word of `query` (FTS5 index, migration 0150). */
export function searchEntries(core: Core, kind: RegisterKind, query: string): string[] {
  return repo.searchIds(core.db, kind, searchWords(query));
}

/**
 * One window of the register table (issue 15): the table asks for the rows it shows and a
 * margin, sorted, filtered and searched here in SQLite, and gets the count of all that match;
 * the register never crosses to the renderer whole.
 */
export function listWindow(core: Core, args: RegisterWindowArgs): RegisterWindow {
  const f = args.filter ?? {};
  const today = args.today ?? todayIso(core.now());
  const found = repo.listWindow(core.db, {
    kind: args.kind,
    trash: args.scope === 'trash',
    offset: args.offset,
    limit: args.limit,
    sort: args.sort?.by ?? null,
    desc: args.sort?.dir === 'desc',
    words: searchWords(args.search ?? ''),
    status: f.status ?? [],
    department: f.department ?? null,
    legalBasis: f.legalBasis ?? null,
    special: f.special ?? null,
    transfer: f.transfer ?? null,
    overdue: f.overdue ?? false,
    quick: f.quick ?? null,
    today,
    dueBy: f.dueBy ?? thisWeekWindow(today).to,
  });
  return { total: found.total, all: found.all, offset: args.offset, rows: JSON.parse(`[${found.summaries.join(',')}]`) as RegisterSummary[] };
}

export function entryHistory(core: Core, id: string) {
  mustGet(core, id);
  return history(core, REGISTER_ENTITY, id);
}

/** After a change of reference labels, the search text of every record is computed again. */
export function reindexSearch(core: Core, lists: ReferenceLists): void {
  const byRecord = transfersByRecord(core);
  for (const row of repo.allRows(core.db)) {
    repo.setSearchText(core.db, row.id, searchTextFor(row.kind, JSON.parse(row.doc) as RegisterDoc, lists, byRecord.get(row.id) ?? []));
  }
}
