import { randomUUID } from 'node:crypto';
import {
  TransferDocSchema,
  emptyTransferDoc,
  isEea,
  transferWarnings,
  type TransferDoc,
  type TransferEntry,
  type TransferSummary,
} from '../../../shared/domain/transfer';
import { countryReader, groundForSafeguard, mapRecordTransfer, supplierKey } from '../../../shared/domain/record-transfers';
import type { ControllerDoc, RegisterDoc } from '../../../shared/domain/register';
import type { SupplierDoc } from '../../../shared/domain/supplier';
import { msg, todayIso } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import { getEntry as getRegisterRow } from '../db/repos/register.repo';
import { allSupplierNames, getSupplier } from '../db/repos/supplier.repo';
import * as repo from '../db/repos/transfer.repo';
import { tx, type Core } from '../core';
import { audit, history } from './audit';
import { getLists } from './lists.service';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { transferReference } from './transfer-reference';
import { getEntry as getRecord, refreshRecords, updateEntry as updateRecord } from './register.service';
import * as supplierRepo from '../db/repos/supplier.repo';

export const TRANSFER_ENTITY = 'transfer';

export { transferReference } from './transfer-reference';

const today = (core: Core) => todayIso(core.now());

function importerName(core: Core, d: TransferDoc, names?: ReadonlyMap<string, string>): string {
  if (d.importerSupplierId && names) return names.get(d.importerSupplierId) ?? d.importerName;
  if (d.importerSupplierId) {
    const s = getSupplier(core.db, d.importerSupplierId);
    if (s) return (JSON.parse(s.doc) as { name: string }).name;
  }
  return d.importerName;
}

/** Rows stored before issue 11 lack the importer type and the GDPR flags: the form gets their defaults (the schema's). */
const ISSUE11_DEFAULTS: Pick<TransferDoc, 'importerType' | 'internationalOrganisation' | 'importerSubjectToGdpr' | 'exporterLaw'> = { importerType: 'organisation', internationalOrganisation: '', importerSubjectToGdpr: null, exporterLaw: 'GDPR' };

function toEntry(core: Core, row: repo.TransferRow): TransferEntry {
  const doc = { ...ISSUE11_DEFAULTS, ...(JSON.parse(row.doc) as TransferDoc) };
  return { id: row.id, doc, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at, warnings: transferWarnings(doc, transferReference(), today(core)) };
}

function summarise(core: Core, row: repo.TransferRow, names?: ReadonlyMap<string, string>): TransferSummary {
  const d = JSON.parse(row.doc) as TransferDoc;
  return {
    id: row.id,
    title: d.title,
    importer: importerName(core, d, names),
    importerCountry: d.importerCountry,
    mechanism: d.mechanism,
    module: d.mechanism === 'SCC_2021' ? d.scc.module : null,
    tiaDone: d.tia.done,
    status: d.status,
    warnings: transferWarnings(d, transferReference(), today(core)),
    activityIds: d.activityIds,
    supplierIds: [d.importerSupplierId, d.exporterSupplierId].filter(Boolean),
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export function listTransfers(core: Core, scope: 'live' | 'trash'): TransferSummary[] {
  // The importers' names read once (the supplier table's name column), not one supplier document per transfer: 2,000 transfers took a second (issue 15).
  const names = allSupplierNames(core.db);
  return repo.listTransfers(core.db, scope === 'trash').map((r) => summarise(core, r, names));
}

/** The transfers of a supplier (as importer or exporter) or of a register activity. */
export function transfersFor(core: Core, by: { supplierId?: string; activityId?: string }): TransferSummary[] {
  return listTransfers(core, 'live').filter((t) => (by.supplierId && t.supplierIds.includes(by.supplierId)) || (by.activityId && t.activityIds.includes(by.activityId)));
}

function mustGet(core: Core, id: string): repo.TransferRow {
  const row = repo.getTransfer(core.db, id);
  if (!row) throw AppError.notFound(`No transfer ${id}`);
  return row;
}

export function getTransfer(core: Core, id: string): TransferEntry {
  return toEntry(core, mustGet(core, id));
}

export function transferHistory(core: Core, id: string) {
  mustGet(core, id);
  return history(core, TRANSFER_ENTITY, id);
}

/** Where the checks find the suppliers and the register's records: the file, or what a bulk writer already knows. */
type StoreLookups = Readonly<{ supplier: (id: string) => { deleted_at: string | null } | undefined; activityLive: (id: string) => boolean; lists: ReferenceLists }>;

function fileLookups(core: Core): StoreLookups {
  return {
    supplier: (id) => getSupplier(core.db, id),
    activityLive: (id) => {
      const row = getRegisterRow(core.db, id);
      return !!row && !row.deleted_at;
    },
    lists: getLists(core),
  };
}

function checkAgainstStore(d: TransferDoc, store: StoreLookups): void {
  const issues: ValidationIssue[] = [];
  const ref = transferReference();
  for (const [path, c] of [['importerCountry', d.importerCountry], ...d.accessCountries.map((c, i) => [`accessCountries.${i}`, c])] as Array<[string, string]>) {
    if (!ref.countries.includes(c)) issues.push({ path, message: msg('country') });
  }
  for (const key of ['importerSupplierId', 'exporterSupplierId'] as const) {
    const s = d[key] ? store.supplier(d[key]) : undefined;
    if (d[key] && (!s || s.deleted_at)) issues.push({ path: key, message: msg('unknownSupplier') });
  }
  d.activityIds.forEach((id, i) => {
    if (!store.activityLive(id)) issues.push({ path: `activityIds.${i}`, message: msg('unknownActivity') });
  });
  d.dataCategories.forEach((c, i) => {
    if (!store.lists.dataCategories.some((x) => x.code === c)) issues.push({ path: `dataCategories.${i}`, message: msg('unknownCode') });
  });
  if (issues.length) throw AppError.validation(issues);
}

export function parseTransferDoc(doc: unknown): TransferDoc {
  const r = TransferDocSchema.safeParse(doc);
  if (!r.success) throw AppError.validation(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

/**
 * Creates a transfer. `converts` names a record's transfer still to convert (its index in the
 * record's `transfersToConvert`) that this transfer replaces: it is taken off the record in the
 * same transaction (audited as 'convert').
 */
export function createTransfer(
  core: Core,
  doc: TransferDoc,
  action = 'create',
  converts?: Readonly<{ recordId: string; index: number }>,
  /** false: the caller refreshes the linked records' summaries once for many transfers (an import). */
  refresh = true,
): TransferEntry {
  return tx(core, () => {
    checkAgainstStore(doc, fileLookups(core));
    const id = randomUUID();
    const at = core.now().toISOString();
    repo.insertTransfer(core.db, { id, title: doc.title, version: 1, created_at: at, updated_at: at, deleted_at: null, doc: JSON.stringify(doc) });
    audit(core, TRANSFER_ENTITY, id, action, null, doc);
    if (converts) {
      const record = getRecord(core, converts.recordId);
      const list = record.doc.transfersToConvert ?? [];
      if (converts.index < 0 || converts.index >= list.length) throw AppError.conflict('This transfer to convert is no longer on the record.');
      const next = { ...record.doc, transfersToConvert: list.filter((_, i) => i !== converts.index) };
      updateRecord(core, record.id, record.kind, record.version, next as never, 'convert');
    }
    if (refresh) refreshRecords(core, doc.activityIds);
    return getTransfer(core, id);
  });
}

/**
 * Many new transfers written in the caller's transaction (an import), each checked and written
 * as createTransfer does (the same store checks, the same row, the same audit entry), without
 * its repeated work: the reference lists read once, each supplier looked up once, the records
 * the caller has just written (`writtenRecords`) known to be live without reading them back.
 * The caller writes the linked records' summaries (the import writes them once, with these
 * transfers, before). As createTransfer, it takes the documents as given: an import writes
 * drafts the DPO completes (an SCC module not known yet), the form's schema is not theirs.
 */
export function transferBulkWriter(core: Core, writtenRecords: ReadonlySet<string>) {
  if (!core.db.inTransaction) throw new Error('transferBulkWriter: call it inside the transaction that writes');
  const file = fileLookups(core);
  const suppliers = new Map<string, ReturnType<StoreLookups['supplier']>>();
  const store: StoreLookups = {
    lists: file.lists,
    supplier: (id) => {
      if (!suppliers.has(id)) suppliers.set(id, file.supplier(id));
      return suppliers.get(id);
    },
    activityLive: (id) => writtenRecords.has(id) || file.activityLive(id),
  };
  return {
    create(doc: TransferDoc, action: string, id: string = randomUUID()): Readonly<{ id: string; version: number }> {
      checkAgainstStore(doc, store);
      const at = core.now().toISOString();
      repo.insertTransfer(core.db, { id, title: doc.title, version: 1, created_at: at, updated_at: at, deleted_at: null, doc: JSON.stringify(doc) });
      audit(core, TRANSFER_ENTITY, id, action, null, doc);
      return { id, version: 1 };
    },
  };
}

/** Links a transfer to a register record, or unlinks it (from the record's page); audited as a change of the transfer. */
export function linkActivity(core: Core, transferId: string, recordId: string, linked: boolean): TransferEntry {
  return tx(core, () => {
    const e = getTransfer(core, transferId);
    if (e.deletedAt) throw AppError.conflict('This transfer is in the trash: restore it first.');
    const has = e.doc.activityIds.includes(recordId);
    if (has === linked) return e;
    const activityIds = linked ? [...e.doc.activityIds, recordId] : e.doc.activityIds.filter((x) => x !== recordId);
    return updateTransfer(core, transferId, e.version, { ...e.doc, activityIds }, linked ? 'link' : 'unlink');
  });
}

/**
 * A new transfer prefilled from a record: linked to it, exporter role from the register
 * (controller or processor), the record's data categories; from one of its transfers to convert
 * when `index` is given (recipient matched to a supplier, country when it can be read, ground).
 */
export function draftFromRecord(core: Core, recordId: string, index?: number): TransferDoc {
  const record = getRecord(core, recordId);
  const doc: RegisterDoc = record.doc;
  const base = emptyTransferDoc();
  const lists = getLists(core);
  const categories = record.kind === 'controller' ? (doc as ControllerDoc).dataCategories.map((c) => c.category).filter((c) => lists.dataCategories.some((x) => x.code === c)) : [];
  const draft: TransferDoc = { ...base, title: doc.name.slice(0, 200), exporterRole: record.kind === 'processor' ? 'processor' : 'controller', activityIds: [record.id], dataCategories: categories };
  const item = index === undefined ? undefined : doc.transfersToConvert?.[index];
  if (index !== undefined && !item) throw AppError.notFound('No such transfer to convert on this record.');
  if (!item) return draft;
  const suppliers = supplierRepo.listSuppliers(core.db, false).map((s) => ({ id: s.id, name: s.name }));
  const country = countryReader(transferReference().countries);
  const m = mapRecordTransfer({ ...item, country: item.country }, { suppliers, country });
  const notes = [item.document, item.safeguard && `(${item.safeguard})`].filter(Boolean).join(' ');
  if (m.ok) return { ...draft, title: `${item.recipient} – ${doc.name}`.slice(0, 200), importerSupplierId: m.importerSupplierId, importerName: m.importerName, importerCountry: m.importerCountry, mechanism: m.mechanism, notes };
  const sup = item.recipient ? suppliers.find((s) => supplierKey(s.name) === supplierKey(item.recipient)) : undefined;
  return { ...draft, title: `${item.recipient || doc.name} – ${item.country}`.slice(0, 200), importerSupplierId: sup?.id ?? '', importerName: sup ? '' : item.recipient, importerCountry: country(item.country) ?? base.importerCountry, mechanism: groundForSafeguard(item.safeguard), notes };
}

/**
 * A new transfer started from a supplier's page (issue 16: fewer actions for "a supplier with its
 * transfer"): the supplier as the importer (a processor, the role of a supplier under Art. 28),
 * the activities it serves, and the country asked (one of the supplier's locations outside the
 * EEA that no transfer covers yet) or else its first location outside the EEA, its other
 * locations outside the EEA as countries of access. Nothing is saved.
 */
export function draftFromSupplier(core: Core, supplierId: string, country?: string): TransferDoc {
  const row = getSupplier(core.db, supplierId);
  if (!row || row.deleted_at) throw AppError.notFound('No such supplier.');
  const doc = JSON.parse(row.doc) as SupplierDoc;
  const ref = transferReference();
  const outside = [...doc.storageCountries, ...doc.accessCountries].filter((c, i, all) => !isEea(ref, c) && all.indexOf(c) === i);
  const base = emptyTransferDoc();
  const importerCountry = country && !isEea(ref, country) ? country : (outside[0] ?? base.importerCountry);
  return {
    ...base,
    title: doc.name.slice(0, 200),
    importerSupplierId: row.id,
    importerRole: 'processor',
    importerCountry,
    // Its other locations outside the EEA, as countries the data are accessed from: one transfer covers the supplier.
    accessCountries: outside.filter((c) => c !== importerCountry),
    activityIds: doc.activityIds,
  };
}

export function updateTransfer(core: Core, id: string, version: number, doc: TransferDoc, action = 'update'): TransferEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (row.deleted_at) throw AppError.conflict('This transfer is in the trash: restore it first.');
    if (row.version !== version) throw AppError.conflict('The transfer was changed since it was read.');
    if (row.doc === JSON.stringify(doc)) return toEntry(core, row);
    checkAgainstStore(doc, fileLookups(core));
    if (!repo.updateTransfer(core.db, { ...row, title: doc.title, version: version + 1, updated_at: core.now().toISOString(), doc: JSON.stringify(doc) }, version)) {
      throw AppError.conflict('The transfer was changed since it was read.');
    }
    const before = JSON.parse(row.doc) as TransferDoc;
    audit(core, TRANSFER_ENTITY, id, action, before, doc);
    refreshRecords(core, [...before.activityIds, ...doc.activityIds]);
    return getTransfer(core, id);
  });
}

/** `refresh` false: the caller writes the linked records' summaries again once for many transfers (undoing an import). */
export function deleteTransfer(core: Core, id: string, refresh = true): TransferSummary {
  return tx(core, () => {
    const row = mustGet(core, id);
    const at = core.now().toISOString();
    const next = { ...row, version: row.version + 1, updated_at: at, deleted_at: at };
    repo.updateTransfer(core.db, next, row.version);
    audit(core, TRANSFER_ENTITY, id, 'delete', JSON.parse(row.doc), null);
    if (refresh) refreshRecords(core, (JSON.parse(row.doc) as TransferDoc).activityIds);
    return summarise(core, next);
  });
}

export function restoreTransfer(core: Core, id: string): TransferEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (!row.deleted_at) return toEntry(core, row);
    repo.updateTransfer(core.db, { ...row, version: row.version + 1, updated_at: core.now().toISOString(), deleted_at: null }, row.version);
    audit(core, TRANSFER_ENTITY, id, 'restore', null, JSON.parse(row.doc));
    refreshRecords(core, (JSON.parse(row.doc) as TransferDoc).activityIds);
    return getTransfer(core, id);
  });
}

export function purgeTrashedTransfers(core: Core): number {
  const ids = repo.trashedTransferIds(core.db);
  for (const id of ids) {
    audit(core, TRANSFER_ENTITY, id, 'purge', JSON.parse(mustGet(core, id).doc), null);
    repo.purgeTransfer(core.db, id);
  }
  return ids.length;
}
