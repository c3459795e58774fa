import type { Language, RegisterKind } from '../../../shared/domain/enums';
import { OrganisationSchema, emptyOrganisation, type Organisation } from '../../../shared/domain/organisation';
import { REFERENCE_LISTS, type ReferenceItem, type ReferenceListName, type ReferenceLists } from '../../../shared/domain/reference-lists';
import { allReferenceItems } from '../db/repos/lists.repo';
import { ORGANISATION_ENTITY } from '../services/organisation.service';
import type { ControllerDoc, ProcessorDoc, RegisterDoc } from '../../../shared/domain/register';
import type { MissingField } from '../../../shared/domain/completeness';
import { todayIso } from '../../../shared/domain/validation';
import { TRANSFER_ENTITY, transferReference } from '../services/transfer.service';
import { BREACH_ENTITY } from '../services/breach.service';
import { SUPPLIER_ENTITY } from '../services/supplier.service';
import { transferWarnings, type TransferDoc } from '../../../shared/domain/transfer';
import type { SupplierDoc } from '../../../shared/domain/supplier';
import { PARTIAL_ACTIONS, changedAfter, endOfDay, entityAsOf, firstRecordAt, registerAsOf, registerChangedAfter, rolledBack, upgradeAnnexDoc, upgradeRegisterDoc, type AsOfEntry, type Rebuilt } from './history';
import * as exportRepo from '../db/repos/export.repo';
import { REGISTER_ENTITY } from '../services/register.service';
import type { Core } from '../core';
import { getLists } from '../services/lists.service';
import { getOrganisation } from '../services/organisation.service';
import { missingFor } from '../services/register.service';
import type { ExportChanges } from './changes';
import type { BreachCtx, BreachItem } from './docx/breach-docx';
import { breachCtx, breachLogItems } from './breach-export.service';
import type { SupplierCtx, SupplierListItem } from './docx/supplier-docx';
import { supplierCtx, supplierListItems } from './supplier-annex';
import type { TransferCtx, TransferItem } from './docx/transfer-docx';
import { transferCtx, transferItems } from './transfer-export.service';
import type { RecordTransfer } from '../../../shared/domain/record-transfers';
import { indexByRecord } from '../services/record-transfers';

export type ExportOptions = Readonly<{
  language: Language;
  registers: 'controller' | 'processor' | 'both';
  /** The date the document speaks of (YYYY-MM-DD). */
  asOf: string;
  includeArchived: boolean;
  /** Drafts are left out of the document unless asked (the export screen lists them). */
  includeDrafts?: boolean;
  annexes: Readonly<{ lists: boolean; transfers: boolean; breaches?: boolean; suppliers?: boolean }>;
}>;

export type ExportEntry<D extends RegisterDoc = RegisterDoc> = Readonly<{
  id: string;
  kind: RegisterKind;
  doc: D;
  createdAt: string;
  updatedAt: string;
  missing: ReadonlyArray<MissingField>;
}>;

/**
 * Records the document goes through in order, as many times as it needs (an array, or the
 * register read from SQLite a page at a time: PagedEntries).
 */
export type Entries<D extends RegisterDoc = RegisterDoc> = Readonly<{ length: number; [Symbol.iterator](): Iterator<ExportEntry<D>>; heads?: () => Iterable<EntryHead> }>;

/**
 * What the contents, the record headings and the transfers annex need of a record, without its
 * whole document: a paged register hands these out from its index, without reading SQLite again.
 */
export type EntryHead = Readonly<{ id: string; doc: Readonly<{ ref: string; name: string; transfersToConvert: RegisterDoc['transfersToConvert'] }> }>;

/** The records' heads, in the document's order. */
export function headsOf(entries: Entries): Iterable<EntryHead> {
  return entries.heads ? entries.heads() : entries;
}

/** Everything the document shows, read once from the same services the app uses. */
export type RegisterExportModel = ExportModelOf<ReadonlyArray<ExportEntry<ControllerDoc>>, ReadonlyArray<ExportEntry<ProcessorDoc>>>;

/** The model of the Word document, whose records may be read a page at a time. */
export type DocxExportModel = ExportModelOf<Entries<ControllerDoc>, Entries<ProcessorDoc>>;

export type ExportModelOf<C, P> = Readonly<{
  options: ExportOptions;
  organisation: Organisation;
  lists: ReferenceLists;
  controller: C;
  processor: P;
  version: number;
  generatedAt: string;
  changes: ExportChanges | null;
  /** The breach log annex, when asked for. */
  breaches: Readonly<{ ctx: BreachCtx; items: ReadonlyArray<BreachItem> }> | null;
  /** The supplier list annex, when asked for. */
  suppliers: Readonly<{ ctx: SupplierCtx; items: ReadonlyArray<SupplierListItem> }> | null;
  /** The transfer register and the reference's notes, for the transfers annex. */
  transfers: Readonly<{ ctx: TransferCtx; items: ReadonlyArray<TransferItem> }> | null;
  /** Each record's transfers, from the transfer register: what its summary row, its section and the annex all show. */
  recordTransfers: ReadonlyMap<string, ReadonlyArray<RecordTransfer>>;
}>;

const byRef = (a: ExportEntry, b: ExportEntry) => a.doc.ref.localeCompare(b.doc.ref, 'fr', { numeric: true });

/** A record left out of the document because it is a draft (listed on the export screen). */
export type LeftOut = Readonly<{ kind: RegisterKind; ref: string; name: string }>;

export type ExportRecords = {
  controller: ExportEntry<ControllerDoc>[];
  processor: ExportEntry<ProcessorDoc>[];
  /** The drafts of the registers asked for, left out of the document (none when drafts are included). */
  draftsLeftOut: LeftOut[];
  /** The records archived by the as-of date and left out (for "archived since the last export"). */
  archivedLeftOut: Set<string>;
  firstRecordAt: string | null;
  /** The end of the as-of day (ISO, UTC), in the organisation's zone. */
  cutoff: string;
};

/**
 * The records as they stood at the end of the as-of day, rebuilt from the audit log (each
 * record's last version by then; see history.ts), without the archived ones unless asked,
 * and without the drafts unless asked.
 */
export function readRecords(core: Core, options: ExportOptions): ExportRecords {
  const state = registerAsOf(core, options.asOf);
  const wanted = (kind: RegisterKind) => options.registers === 'both' || options.registers === kind;
  const out: ExportRecords = { controller: [], processor: [], draftsLeftOut: [], archivedLeftOut: new Set(), firstRecordAt: state.firstRecordAt, cutoff: state.cutoff };
  for (const e of [...state.controller, ...state.processor] as AsOfEntry[]) {
    if (!wanted(e.kind)) continue;
    if (e.doc.status === 'archived' && !options.includeArchived) {
      out.archivedLeftOut.add(e.id);
      continue;
    }
    if (e.doc.status === 'draft' && !options.includeDrafts) {
      out.draftsLeftOut.push({ kind: e.kind, ref: e.doc.ref, name: e.doc.name });
      continue;
    }
    (out[e.kind] as ExportEntry[]).push({ ...e, missing: missingFor(e.kind, e.doc) });
  }
  out.controller.sort(byRef);
  out.processor.sort(byRef);
  out.draftsLeftOut.sort((a, b) => a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref, 'fr', { numeric: true }));
  return out;
}

/** An annex as it stood at the cutoff, or the current one when nothing of it changed since. */
function annexAsOf<T>(core: Core, entity: string, cutoff: string, current: () => T, rebuild: (docs: Map<string, Rebuilt>) => T): T {
  return changedAfter(core, [entity], cutoff) ? rebuild(entityAsOf(core, entity, cutoff)) : current();
}

/** The audit entity of the reference lists' items (lists.service). */
const LIST_ENTITY = 'reference_item';

/** The organisation profile as it stood at the cutoff (the empty profile if it was not filled in yet). */
function organisationAsOf(core: Core, cutoff: string): Organisation {
  if (!changedAfter(core, [ORGANISATION_ENTITY], cutoff)) return getOrganisation(core);
  const doc = rolledBack(core, ORGANISATION_ENTITY, cutoff, new Map([['1', getOrganisation(core) as unknown]])).get('1');
  return doc ? OrganisationSchema.parse({ ...emptyOrganisation(), ...(upgradeAnnexDoc(ORGANISATION_ENTITY, doc) as object) }) : emptyOrganisation();
}

/** The reference lists (labels of the codes, and their annex) as they stood at the cutoff. */
function listsAsOf(core: Core, cutoff: string): ReferenceLists {
  if (!changedAfter(core, [LIST_ENTITY], cutoff)) return getLists(core);
  const current = new Map(allReferenceItems(core.db).map((r) => [`${r.list}/${r.code}`, r]));
  const rows = [...rolledBack(core, LIST_ENTITY, cutoff, current).values()].sort((a, b) => a.list.localeCompare(b.list) || a.sort - b.sort || a.code.localeCompare(b.code));
  const lists = Object.fromEntries(REFERENCE_LISTS.map((l) => [l, [] as ReferenceItem[]])) as Record<ReferenceListName, ReferenceItem[]>;
  for (const r of rows) {
    if (!(r.list in lists)) continue;
    lists[r.list as ReferenceListName].push({ list: r.list as ReferenceListName, code: r.code, labelFr: r.label_fr, labelEn: r.label_en, sort: r.sort, archived: r.archived === 1 });
  }
  return lists;
}

function transfersAsOf(core: Core, options: ExportOptions, cutoff: string): TransferItem[] {
  // The warnings of the as-of date (a review date passed by then), whether the transfers are rebuilt or not.
  const today = todayIso(core.now());
  const day = options.asOf < today ? options.asOf : today;
  const onAsOf = (items: TransferItem[]) => items.map((t) => ({ ...t, warnings: transferWarnings(t.doc, transferReference(), day) }));
  return annexAsOf(core, TRANSFER_ENTITY, cutoff, () => onAsOf(transferItems(core)), (docs) =>
    [...docs.values()]
      .map((v) => {
        const doc = upgradeAnnexDoc(TRANSFER_ENTITY, JSON.parse(v.after)) as TransferDoc;
        return { id: v.id, doc, warnings: transferWarnings(doc, transferReference(), day) };
      })
      .sort((a, b) => a.doc.title.localeCompare(b.doc.title, 'fr', { sensitivity: 'base' })),
  );
}

function breachesAsOf(core: Core, cutoff: string): BreachItem[] {
  return annexAsOf(core, BREACH_ENTITY, cutoff, () => breachLogItems(core), (docs) =>
    [...docs.values()]
      .map((v) => {
        const { ref, ...doc } = upgradeAnnexDoc(BREACH_ENTITY, JSON.parse(v.after)) as { ref: string } & BreachItem['doc'];
        return { id: v.id, ref, doc: doc as BreachItem['doc'] };
      })
      .sort((a, b) => a.doc.awareAt.localeCompare(b.doc.awareAt) || a.ref.localeCompare(b.ref)),
  );
}

function suppliersAsOf(core: Core, options: ExportOptions, cutoff: string): SupplierListItem[] {
  return annexAsOf(core, SUPPLIER_ENTITY, cutoff, () => supplierListItems(core, options.language), (docs) =>
    supplierListItems(
      core,
      options.language,
      [...docs.values()].map((v) => ({ id: v.id, doc: upgradeAnnexDoc(SUPPLIER_ENTITY, JSON.parse(v.after)) as SupplierDoc })),
      options.asOf,
    ),
  );
}

export function buildModel<C extends Entries<ControllerDoc>, P extends Entries<ProcessorDoc>>(
  core: Core,
  options: ExportOptions,
  records: Readonly<{ controller: C; processor: P; cutoff: string }>,
  version: number,
  changes: ExportChanges | null,
): ExportModelOf<C, P> {
  // The annexes' checks (a review date passed, a certification to check again) are made on the as-of date.
  const now = core.now();
  const asOfNow = records.cutoff < now.toISOString() ? new Date(records.cutoff) : now;
  const transfersOnDate = transfersAsOf(core, options, records.cutoff);
  return {
    options,
    organisation: organisationAsOf(core, records.cutoff),
    lists: listsAsOf(core, records.cutoff),
    controller: records.controller,
    processor: records.processor,
    version,
    generatedAt: core.now().toISOString(),
    changes,
    breaches: options.annexes.breaches ? { ctx: breachCtx(core, options.language, asOfNow), items: breachesAsOf(core, records.cutoff) } : null,
    transfers: options.annexes.transfers ? { ctx: transferCtx(core, options.language, asOfNow), items: transfersOnDate } : null,
    suppliers: options.annexes.suppliers ? { ctx: supplierCtx(core, options.language), items: suppliersAsOf(core, options, records.cutoff) } : null,
    // Each record's transfers from the same transfer register of the same date as the annex: the
    // summary row, the record section and the annex cannot disagree.
    recordTransfers: indexByRecord(core, transfersOnDate),
  };
}

// ---------------------------------------------------------------------------------------------
// The register read a page at a time (issue 15): the yearly export of 20,000 records holds one
// page of documents at once, not the register.

/** Records per page: what the export holds of the register at once. */
export const PAGE_SIZE = 200;

/** What the export keeps of a record between pages: where to read its document again. */
type IndexItem = Readonly<{ id: string; kind: RegisterKind; ref: string; name: string; toConvert: RegisterDoc['transfersToConvert']; createdAt: string; updatedAt: string; audit: number | null }>;

/**
 * The records of one register in the document's order; each pass reads their documents again
 * from SQLite, PAGE_SIZE at a time. `onRecord` is called after each record handed out.
 */
export class PagedEntries<D extends RegisterDoc> implements Entries<D> {
  onRecord: (() => void) | null = null;
  constructor(
    private readonly core: Core,
    private readonly items: ReadonlyArray<IndexItem>,
  ) {}
  get length(): number {
    return this.items.length;
  }
  *heads(): Iterable<EntryHead> {
    for (const i of this.items) yield { id: i.id, doc: { ref: i.ref, name: i.name, transfersToConvert: i.toConvert } };
  }
  *[Symbol.iterator](): Iterator<ExportEntry<D>> {
    for (let start = 0; start < this.items.length; start += PAGE_SIZE) {
      for (const e of loadPage(this.core, this.items.slice(start, start + PAGE_SIZE))) {
        yield e as ExportEntry<D>;
        this.onRecord?.();
      }
    }
  }
}

function loadPage(core: Core, items: ReadonlyArray<IndexItem>): ExportEntry[] {
  const docs = new Map<string, RegisterDoc>();
  for (const r of exportRepo.entryDocs(core.db, items.filter((i) => i.audit === null).map((i) => i.id))) docs.set(r.id, JSON.parse(r.doc) as RegisterDoc);
  const byAudit = new Map(items.filter((i) => i.audit !== null).map((i) => [i.audit!, i]));
  for (const r of exportRepo.auditAfters(core.db, [...byAudit.keys()])) {
    const item = byAudit.get(r.id)!;
    docs.set(item.id, upgradeRegisterDoc(item.kind, JSON.parse(r.after)));
  }
  return items.map((i) => {
    const doc = docs.get(i.id);
    if (!doc) throw new Error(`export: record ${i.id} vanished while the register was read`);
    return { id: i.id, kind: i.kind, doc, createdAt: i.createdAt, updatedAt: i.updatedAt, missing: missingFor(i.kind, doc) };
  });
}

export type PagedRecords = Omit<ExportRecords, 'controller' | 'processor'> & {
  controller: PagedEntries<ControllerDoc>;
  processor: PagedEntries<ProcessorDoc>;
};

/**
 * readRecords, a page at a time: the same records in the same order (the same as-of rebuild,
 * the same filters, the same sort), of which only an index is kept.
 */
export function readRecordsPaged(core: Core, options: ExportOptions): PagedRecords {
  const cutoff = endOfDay(core, options.asOf);
  const wanted = (kind: RegisterKind) => options.registers === 'both' || options.registers === kind;
  const lists = { controller: [] as IndexItem[], processor: [] as IndexItem[] };
  const draftsLeftOut: LeftOut[] = [];
  const archivedLeftOut = new Set<string>();
  const take = (item: IndexItem, doc: RegisterDoc) => {
    if (!wanted(item.kind)) return;
    if (doc.status === 'archived' && !options.includeArchived) archivedLeftOut.add(item.id);
    else if (doc.status === 'draft' && !options.includeDrafts) draftsLeftOut.push({ kind: item.kind, ref: doc.ref, name: doc.name });
    else lists[item.kind].push(item);
  };
  if (!registerChangedAfter(core, cutoff)) {
    for (const r of exportRepo.iterateLiveEntries(core.db)) {
      const doc = JSON.parse(r.doc) as RegisterDoc;
      take({ id: r.id, kind: r.kind, ref: doc.ref, name: doc.name, toConvert: doc.transfersToConvert ?? [], createdAt: r.created_at, updatedAt: r.updated_at, audit: null }, doc);
    }
  } else {
    // As history.entityAsOf: each record's last whole document by the cutoff, in the order of its first entry.
    const last = new Map<string, { audit: number; gone: boolean; createdAt: string; updatedAt: string }>();
    for (const r of exportRepo.iterateAuditHeads(core.db, REGISTER_ENTITY, cutoff)) {
      if (PARTIAL_ACTIONS.has(r.action)) continue;
      const seen = last.get(r.entity_id);
      if (!seen) last.set(r.entity_id, { audit: r.id, gone: r.gone === 1, createdAt: r.at, updatedAt: r.at });
      else Object.assign(seen, { audit: r.id, gone: r.gone === 1, updatedAt: r.at });
    }
    const live = [...last].filter(([, v]) => !v.gone);
    for (let start = 0; start < live.length; start += PAGE_SIZE) {
      const page = live.slice(start, start + PAGE_SIZE);
      const afters = new Map(exportRepo.auditAfters(core.db, page.map(([, v]) => v.audit)).map((r) => [r.id, r.after]));
      for (const [id, v] of page) {
        const raw = JSON.parse(afters.get(v.audit)!) as { kind?: RegisterKind };
        const kind: RegisterKind = raw.kind === 'processor' ? 'processor' : 'controller';
        const doc = upgradeRegisterDoc(kind, raw);
        take({ id, kind, ref: doc.ref, name: doc.name, toConvert: doc.transfersToConvert ?? [], createdAt: v.createdAt, updatedAt: v.updatedAt, audit: v.audit }, doc);
      }
    }
  }
  // The collator localeCompare uses with these arguments, made once (20,000 records sort in a few ms).
  const collator = new Intl.Collator('fr', { numeric: true });
  const byItemRef = (a: IndexItem, b: IndexItem) => collator.compare(a.ref, b.ref);
  lists.controller.sort(byItemRef);
  lists.processor.sort(byItemRef);
  draftsLeftOut.sort((a, b) => a.kind.localeCompare(b.kind) || a.ref.localeCompare(b.ref, 'fr', { numeric: true }));
  return {
    controller: new PagedEntries<ControllerDoc>(core, lists.controller),
    processor: new PagedEntries<ProcessorDoc>(core, lists.processor),
    draftsLeftOut,
    archivedLeftOut,
    firstRecordAt: firstRecordAt(core),
    cutoff,
  };
}
