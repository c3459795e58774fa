import { randomUUID } from 'node:crypto';
import reference from '../../../resources/reference/transfers.json';
import {
  TransferDocSchema,
  TransferReferenceSchema,
  transferWarnings,
  type TransferDoc,
  type TransferEntry,
  type TransferReference,
  type TransferSummary,
} from '../../../shared/domain/transfer';
import { msg, todayIso } from '../../../shared/domain/validation';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import { getEntry as getRegisterRow } from '../db/repos/register.repo';
import { getSupplier } from '../db/repos/supplier.repo';
import * as repo from '../db/repos/transfer.repo';
import { tx, type Core } from '../core';
import { audit, history } from './audit';
import { getLists } from './lists.service';

export const TRANSFER_ENTITY = 'transfer';

let cached: TransferReference | null = null;

/** The dated reference (EEA, adequacy decisions, SCC modules, invalidated mechanisms), checked once when first read. */
export function transferReference(): TransferReference {
  cached ??= TransferReferenceSchema.parse(reference) as TransferReference;
  return cached;
}

const today = (core: Core) => todayIso(core.now());

function importerName(core: Core, d: TransferDoc): string {
  if (d.importerSupplierId) {
    const s = getSupplier(core.db, d.importerSupplierId);
    if (s) return (JSON.parse(s.doc) as { name: string }).name;
  }
  return d.importerName;
}

function toEntry(core: Core, row: repo.TransferRow): TransferEntry {
  const doc = JSON.parse(row.doc) as TransferDoc;
  return { id: row.id, doc, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at, deletedAt: row.deleted_at, warnings: transferWarnings(doc, transferReference(), today(core)) };
}

function summarise(core: Core, row: repo.TransferRow): TransferSummary {
  const d = JSON.parse(row.doc) as TransferDoc;
  return {
    id: row.id,
    title: d.title,
    importer: importerName(core, d),
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
  return repo.listTransfers(core.db, scope === 'trash').map((r) => summarise(core, r));
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

function checkAgainstStore(core: Core, d: TransferDoc): void {
  const issues: ValidationIssue[] = [];
  const ref = transferReference();
  for (const [path, c] of [['importerCountry', d.importerCountry], ...d.accessCountries.map((c, i) => [`accessCountries.${i}`, c])] as Array<[string, string]>) {
    if (!ref.countries.includes(c)) issues.push({ path, message: msg('country') });
  }
  for (const key of ['importerSupplierId', 'exporterSupplierId'] as const) {
    const s = d[key] ? getSupplier(core.db, d[key]) : undefined;
    if (d[key] && (!s || s.deleted_at)) issues.push({ path: key, message: msg('unknownSupplier') });
  }
  d.activityIds.forEach((id, i) => {
    const row = getRegisterRow(core.db, id);
    if (!row || row.deleted_at) issues.push({ path: `activityIds.${i}`, message: msg('unknownActivity') });
  });
  const lists = getLists(core);
  d.dataCategories.forEach((c, i) => {
    if (!lists.dataCategories.some((x) => x.code === c)) issues.push({ path: `dataCategories.${i}`, message: msg('unknownCode') });
  });
  if (issues.length) throw AppError.validation(issues);
}

export function parseTransferDoc(doc: unknown): TransferDoc {
  const r = TransferDocSchema.safeParse(doc);
  if (!r.success) throw AppError.validation(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

export function createTransfer(core: Core, doc: TransferDoc, action = 'create'): TransferEntry {
  return tx(core, () => {
    checkAgainstStore(core, doc);
    const id = randomUUID();
    const at = core.now().toISOString();
    repo.insertTransfer(core.db, { id, title: doc.title, version: 1, created_at: at, updated_at: at, deleted_at: null, doc: JSON.stringify(doc) });
    audit(core, TRANSFER_ENTITY, id, action, null, doc);
    return getTransfer(core, id);
  });
}

export function updateTransfer(core: Core, id: string, version: number, doc: TransferDoc): TransferEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (row.deleted_at) throw AppError.conflict('This transfer is in the trash: restore it first.');
    if (row.version !== version) throw AppError.conflict('The transfer was changed since it was read.');
    if (row.doc === JSON.stringify(doc)) return toEntry(core, row);
    checkAgainstStore(core, doc);
    if (!repo.updateTransfer(core.db, { ...row, title: doc.title, version: version + 1, updated_at: core.now().toISOString(), doc: JSON.stringify(doc) }, version)) {
      throw AppError.conflict('The transfer was changed since it was read.');
    }
    audit(core, TRANSFER_ENTITY, id, 'update', JSON.parse(row.doc), doc);
    return getTransfer(core, id);
  });
}

export function deleteTransfer(core: Core, id: string): TransferSummary {
  return tx(core, () => {
    const row = mustGet(core, id);
    const at = core.now().toISOString();
    const next = { ...row, version: row.version + 1, updated_at: at, deleted_at: at };
    repo.updateTransfer(core.db, next, row.version);
    audit(core, TRANSFER_ENTITY, id, 'delete', JSON.parse(row.doc), null);
    return summarise(core, next);
  });
}

export function restoreTransfer(core: Core, id: string): TransferEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (!row.deleted_at) return toEntry(core, row);
    repo.updateTransfer(core.db, { ...row, version: row.version + 1, updated_at: core.now().toISOString(), deleted_at: null }, row.version);
    audit(core, TRANSFER_ENTITY, id, 'restore', null, JSON.parse(row.doc));
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
