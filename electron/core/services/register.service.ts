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
import { controllerMissing, processorMissing, type MissingField } from '../../../shared/domain/completeness';
import { collectText, foldForSearch } from '../../../shared/domain/text';
import { translate } from '../../../shared/i18n';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { msg } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import * as repo from '../db/repos/register.repo';
import { tx, type Core } from '../core';
import { audit, history } from './audit';
import { getLists } from './lists.service';
import { defaultNextReview } from './settings.service';

export const REGISTER_ENTITY = 'register_entry';

type DocByKind = { controller: ControllerDoc; processor: ProcessorDoc };

export function missingFor(kind: RegisterKind, doc: RegisterDoc): MissingField[] {
  return kind === 'controller' ? controllerMissing(doc as ControllerDoc) : processorMissing(doc as ProcessorDoc);
}

function summarise(
  id: string,
  kind: RegisterKind,
  doc: RegisterDoc,
  times: { createdAt: string; updatedAt: string; deletedAt: string | null },
): RegisterSummary {
  const missing = missingFor(kind, doc).map((m) => m.key);
  const transfers = doc.hasTransfers ? doc.transfers : [];
  const base = {
    id,
    kind,
    ref: doc.ref,
    name: doc.name,
    status: doc.status,
    hasTransfers: doc.hasTransfers,
    transferCountries: [...new Set(transfers.map((t) => t.country))].join(', '),
    nextReview: doc.nextReview,
    ...times,
    missing,
  };
  if (kind === 'controller') {
    const c = doc as ControllerDoc;
    return {
      ...base,
      department: c.department,
      legalBasis: c.legalBasis,
      purpose: c.mainPurpose,
      client: '',
      hasSpecial: c.specialCategories.length > 0,
    };
  }
  const p = doc as ProcessorDoc;
  return {
    ...base,
    department: '',
    legalBasis: '',
    purpose: p.processingCategories.map((c) => c.text).join(' ; '),
    client: p.client.name,
    hasSpecial: false,
  };
}

/** The text a search matches: every text of the record, plus the labels (FR and EN) of its codes. */
export function searchTextFor(kind: RegisterKind, doc: RegisterDoc, lists: ReferenceLists): string {
  const parts = collectText(doc);
  const label = (list: keyof ReferenceLists, code: string) => {
    const item = lists[list].find((i) => i.code === code);
    if (item) parts.push(item.labelFr, item.labelEn);
  };
  const enumLabel = (key: string) => parts.push(translate('fr', key), translate('en', key));
  enumLabel(`enums.status.${doc.status}`);
  for (const t of doc.transfers) if (t.safeguard) enumLabel(`enums.safeguard.${t.safeguard}`);
  for (const m of doc.securityMeasures) label('securityMeasures', m.type);
  if (kind === 'controller') {
    const c = doc as ControllerDoc;
    label('departments', c.department);
    if (c.legalBasis) enumLabel(`enums.legalBasis.${c.legalBasis}`);
    for (const s of c.dataSubjects) label('dataSubjects', s.category);
    for (const d of c.dataCategories) label('dataCategories', d.category);
    for (const r of c.recipients) {
      if (r.category) label('recipients', r.category);
      enumLabel(`enums.recipientType.${r.type}`);
    }
    for (const s of c.specialCategories) enumLabel(`enums.special.${s.category}`);
    if (c.art9Condition) enumLabel(`enums.art9.${c.art9Condition}`);
  }
  return foldForSearch(parts.join('\n'));
}

/** Checks what the schema cannot: codes exist in the reference lists, the reference is free. */
function checkAgainstStore(core: Core, kind: RegisterKind, doc: RegisterDoc, exceptId: string | null, lists: ReferenceLists) {
  const issues: ValidationIssue[] = [];
  const known = (list: keyof ReferenceLists, value: string, path: string) => {
    if (value !== '' && !lists[list].some((i) => i.code === value)) issues.push({ path, message: msg('unknownCode') });
  };
  doc.securityMeasures.forEach((m, i) => known('securityMeasures', m.type, `securityMeasures.${i}.type`));
  if (kind === 'controller') {
    const c = doc as ControllerDoc;
    known('departments', c.department, 'department');
    c.dataSubjects.forEach((s, i) => known('dataSubjects', s.category, `dataSubjects.${i}.category`));
    c.dataCategories.forEach((d, i) => known('dataCategories', d.category, `dataCategories.${i}.category`));
    c.recipients.forEach((r, i) => known('recipients', r.category, `recipients.${i}.category`));
  }
  if (repo.refTaken(core.db, kind, doc.ref, exceptId)) issues.push({ path: 'ref', message: msg('refTaken') });
  if (issues.length) throw AppError.validation(issues);
}

function toRow(
  id: string,
  kind: RegisterKind,
  doc: RegisterDoc,
  version: number,
  times: { createdAt: string; updatedAt: string; deletedAt: string | null },
  lists: ReferenceLists,
): repo.RegisterRow {
  return {
    id,
    kind,
    ref: doc.ref,
    status: doc.status,
    doc: JSON.stringify(doc),
    summary: JSON.stringify(summarise(id, kind, doc, times)),
    search_text: searchTextFor(kind, doc, lists),
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
    checkAgainstStore(core, kind, doc, null, lists);
    const id = randomUUID();
    const at = core.now().toISOString();
    repo.insertEntry(core.db, toRow(id, kind, doc, 1, { createdAt: at, updatedAt: at, deletedAt: null }, lists));
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
    checkAgainstStore(core, kind, doc, id, lists);
    const at = core.now().toISOString();
    const next = toRow(id, kind, doc, version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: null }, lists);
    if (!repo.updateEntry(core.db, next, version)) throw AppError.conflict('The record was changed since it was read.');
    audit(core, REGISTER_ENTITY, id, action, { kind, ...before }, { kind, ...doc });
    return getEntry(core, id);
  });
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
    const next = toRow(id, row.kind, doc, row.version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: at }, lists);
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
    repo.updateEntry(core.db, toRow(id, row.kind, doc, row.version + 1, { createdAt: row.created_at, updatedAt: at, deletedAt: null }, lists), row.version);
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

export function searchEntries(core: Core, kind: RegisterKind, query: string): string[] {
  const words = foldForSearch(query).split(/\s+/).filter(Boolean).slice(0, 20);
  return repo.searchIds(core.db, kind, words);
}

export function entryHistory(core: Core, id: string) {
  mustGet(core, id);
  return history(core, REGISTER_ENTITY, id);
}

/** After a change of reference labels, the search text of every record is computed again. */
export function reindexSearch(core: Core, lists: ReferenceLists): void {
  for (const row of repo.allRows(core.db)) {
    repo.setSearchText(core.db, row.id, searchTextFor(row.kind, JSON.parse(row.doc) as RegisterDoc, lists));
  }
}
