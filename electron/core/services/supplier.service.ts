import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../files/atomic';
import path from 'node:path';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import {
  SupplierDocSchema,
  contractFindings,
  type SupplierDoc,
  type SupplierDocument,
  type SupplierEntry,
  type SupplierSummary,
} from '../../../shared/domain/supplier';
import { scoreAudit, type AuditDoc } from '../../../shared/domain/audit';
import { msg, todayIso } from '../../../shared/domain/validation';
import { supplierTransferGaps, type TransferDoc } from '../../../shared/domain/transfer';
import { listTransfers as listTransferRows, transfersOfImporter, transfersOfSupplier } from '../db/repos/transfer.repo';
import { transferReference } from './transfer-reference';
import { refreshRecords } from './register.service';
import { AppError, type ValidationIssue } from '../../../shared/errors';
import { getEntry as getRegisterRow } from '../db/repos/register.repo';
import * as repo from '../db/repos/supplier.repo';
import { documentsDirFor, tx, type Core } from '../core';
import { audit, history } from './audit';
import { getLists } from './lists.service';
import { coverageThreshold, templateDoc } from './audit.service';

export const SUPPLIER_ENTITY = 'supplier';
/** Files larger than this are refused (a contract or an audit report, not a disk image). */
export const MAX_DOCUMENT_BYTES = 25 * 1024 * 1024;

/** Where supplier documents are kept: a folder beside the register file (and its backups folder). */
export function documentsDir(core: Core): string {
  return documentsDirFor(core.backupDir);
}

/**
 * Countries where the supplier keeps or reaches data outside the EEA with no transfer recorded:
 * a transfer to the supplier, or an onward transfer it exports (access by its parent company
 * from a third country, as Google LLC's for Google Ireland), covers them.
 */
export function gapsOf(core: Core, supplierId: string, d: SupplierDoc, byImporter?: TransfersByImporter): string[] {
  if (d.status === 'ended') return [];
  const transfers = byImporter ? (byImporter.get(supplierId) ?? []) : transfersOfSupplier(core.db, supplierId).map((r) => JSON.parse(r.doc) as TransferDoc);
  return supplierTransferGaps(d, transfers, transferReference(), todayIso(core.now()));
}

export type TransfersByImporter = ReadonlyMap<string, TransferDoc[]>;

/** The live transfers grouped by supplier (importing, or exporting an onward transfer), read once for a whole list. */
export function transfersByImporter(core: Core): TransfersByImporter {
  const out = new Map<string, TransferDoc[]>();
  for (const row of listTransferRows(core.db, false)) {
    const t = JSON.parse(row.doc) as TransferDoc;
    for (const s of new Set([t.importerSupplierId, t.exporterSupplierId])) if (s) out.set(s, [...(out.get(s) ?? []), t]);
  }
  return out;
}

function toDocument(r: repo.DocumentRow): SupplierDocument {
  return { id: r.id, supplierId: r.supplier_id, kind: r.kind as SupplierDocument['kind'], name: r.name, sha256: r.sha256, size: r.size, addedAt: r.added_at, actor: r.actor };
}

function toEntry(core: Core, row: repo.SupplierRow): SupplierEntry {
  const doc = JSON.parse(row.doc) as SupplierDoc;
  return {
    id: row.id,
    doc,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    documents: repo.documentsOf(core.db, row.id).map(toDocument),
    findings: contractFindings(doc),
    transferGaps: gapsOf(core, row.id, doc),
  };
}

/** The latest audit's score and verdict, for the list. */
function lastResult(core: Core, supplierId: string): { score: number | null; verdict: string | null } {
  const audits = repo.auditsOf(core.db, supplierId);
  for (const a of [...audits].reverse()) {
    const t = templateDoc(core, a.template_id, a.template_version);
    const s = scoreAudit(t, (JSON.parse(a.doc) as AuditDoc).answers, coverageThreshold(core));
    if (s.overall !== null) return { score: s.overall, verdict: s.verdict };
  }
  return { score: null, verdict: null };
}

function summarise(core: Core, row: repo.SupplierRow, byImporter?: TransfersByImporter): SupplierSummary {
  const d = JSON.parse(row.doc) as SupplierDoc;
  const last = lastResult(core, row.id);
  return {
    id: row.id,
    name: d.name,
    tradeName: d.tradeName,
    role: d.role,
    status: d.status,
    countries: [...new Set([...d.storageCountries, ...d.accessCountries])],
    transferGaps: gapsOf(core, row.id, d, byImporter),
    activities: d.activityIds.length,
    dpaSigned: d.dpa.signed,
    missingClauses: contractFindings(d).filter((f) => f.key === 'missing').length,
    nextAuditOn: d.nextAuditOn,
    lastScore: last.score,
    lastVerdict: last.verdict,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export function listSuppliers(core: Core, scope: 'live' | 'trash'): SupplierSummary[] {
  const byImporter = transfersByImporter(core);
  return repo.listSuppliers(core.db, scope === 'trash').map((r) => summarise(core, r, byImporter));
}

function mustGet(core: Core, id: string): repo.SupplierRow {
  const row = repo.getSupplier(core.db, id);
  if (!row) throw AppError.notFound(`No supplier ${id}`);
  return row;
}

function mustBeLive(row: repo.SupplierRow): void {
  if (row.deleted_at) throw AppError.conflict('This supplier is in the trash: restore it first.');
}

export function getSupplier(core: Core, id: string): SupplierEntry {
  return toEntry(core, mustGet(core, id));
}

export function supplierHistory(core: Core, id: string) {
  mustGet(core, id);
  return history(core, SUPPLIER_ENTITY, id);
}

/** Links a supplier to a register activity, or unlinks it, from the record's page (the same supplier_activity link, audited as a change of the supplier). */
export function linkSupplierActivity(core: Core, supplierId: string, entryId: string, linked: boolean): SupplierEntry {
  return tx(core, () => {
    const e = getSupplier(core, supplierId);
    if (e.doc.activityIds.includes(entryId) === linked) return e;
    const activityIds = linked ? [...e.doc.activityIds, entryId] : e.doc.activityIds.filter((x) => x !== entryId);
    return updateSupplier(core, supplierId, e.version, { ...e.doc, activityIds }, linked ? 'link' : 'unlink');
  });
}

/** The suppliers that serve a register activity (the other side of the link). */
export function suppliersOfActivity(core: Core, entryId: string): SupplierSummary[] {
  return repo.suppliersOfActivity(core.db, entryId).map((r) => summarise(core, r));
}

function checkAgainstStore(core: Core, doc: SupplierDoc, lists: ReferenceLists): void {
  const issues: ValidationIssue[] = [];
  doc.dataCategories.forEach((c, i) => {
    if (!lists.dataCategories.some((item) => item.code === c)) issues.push({ path: `dataCategories.${i}`, message: msg('unknownCode') });
  });
  doc.activityIds.forEach((id, i) => {
    const row = getRegisterRow(core.db, id);
    if (!row || row.deleted_at) issues.push({ path: `activityIds.${i}`, message: msg('unknownActivity') });
  });
  const countries = transferReference().countries;
  for (const key of ['storageCountries', 'accessCountries'] as const) {
    doc[key].forEach((c, i) => {
      if (!countries.includes(c)) issues.push({ path: `${key}.${i}`, message: msg('country') });
    });
  }
  if (issues.length) throw AppError.validation(issues);
}

export function createSupplier(core: Core, doc: SupplierDoc, action = 'create'): SupplierEntry {
  return tx(core, () => {
    checkAgainstStore(core, doc, getLists(core));
    const id = randomUUID();
    const at = core.now().toISOString();
    repo.insertSupplier(core.db, { id, name: doc.name, version: 1, created_at: at, updated_at: at, deleted_at: null, doc: JSON.stringify(doc) });
    repo.setActivities(core.db, id, doc.activityIds);
    audit(core, SUPPLIER_ENTITY, id, action, null, doc);
    return getSupplier(core, id);
  });
}

export function updateSupplier(core: Core, id: string, version: number, doc: SupplierDoc, action = 'update'): SupplierEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    if (row.version !== version) throw AppError.conflict('The supplier was changed since it was read.');
    if (row.doc === JSON.stringify(doc)) return toEntry(core, row);
    checkAgainstStore(core, doc, getLists(core));
    const ok = repo.updateSupplier(core.db, { ...row, name: doc.name, version: version + 1, updated_at: core.now().toISOString(), doc: JSON.stringify(doc) }, version);
    if (!ok) throw AppError.conflict('The supplier was changed since it was read.');
    repo.setActivities(core.db, id, doc.activityIds);
    audit(core, SUPPLIER_ENTITY, id, action, JSON.parse(row.doc), doc);
    // A renamed importer: the records its transfers are linked to are searched by the new name.
    if (row.name !== doc.name) refreshRecords(core, transfersOfImporter(core.db, id).flatMap((t) => (JSON.parse(t.doc) as TransferDoc).activityIds));
    return getSupplier(core, id);
  });
}

export function deleteSupplier(core: Core, id: string): SupplierSummary {
  return tx(core, () => {
    const row = mustGet(core, id);
    mustBeLive(row);
    const at = core.now().toISOString();
    const next = { ...row, version: row.version + 1, updated_at: at, deleted_at: at };
    repo.updateSupplier(core.db, next, row.version);
    audit(core, SUPPLIER_ENTITY, id, 'delete', JSON.parse(row.doc), null);
    return summarise(core, next);
  });
}

export function restoreSupplier(core: Core, id: string): SupplierEntry {
  return tx(core, () => {
    const row = mustGet(core, id);
    if (!row.deleted_at) return toEntry(core, row);
    repo.updateSupplier(core.db, { ...row, version: row.version + 1, updated_at: core.now().toISOString(), deleted_at: null }, row.version);
    audit(core, SUPPLIER_ENTITY, id, 'restore', null, JSON.parse(row.doc));
    return getSupplier(core, id);
  });
}

/** Erases the suppliers in the trash with their audits and document records; the files stay in the documents folder. */
export function purgeTrashedSuppliers(core: Core): number {
  const ids = repo.trashedSupplierIds(core.db);
  for (const id of ids) {
    audit(core, SUPPLIER_ENTITY, id, 'purge', JSON.parse(mustGet(core, id).doc), null);
    repo.purgeSupplier(core.db, id);
  }
  return ids.length;
}

/** Validates a document the core builds itself (demo, import). */
export function parseSupplierDoc(doc: unknown): SupplierDoc {
  const r = SupplierDocSchema.safeParse(doc);
  if (!r.success) throw AppError.validation(r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  return r.data;
}

// Documents (contract, DPA, certificates, audit reports) ---------------------------------------------

export function addDocument(core: Core, supplierId: string, kind: SupplierDocument['kind'], name: string, content: Buffer): SupplierEntry {
  if (content.length === 0) throw AppError.validation([{ path: 'file', message: msg('emptyFile') }]);
  if (content.length > MAX_DOCUMENT_BYTES) throw AppError.validation([{ path: 'file', message: msg('fileTooLarge', { max: 25 }) }]);
  return tx(core, () => {
    mustBeLive(mustGet(core, supplierId));
    const id = randomUUID();
    const sha256 = createHash('sha256').update(content).digest('hex');
    const ext = path.extname(name).toLowerCase().replace(/[^.a-z0-9]/g, '').slice(0, 10);
    const storedName = `${id}${ext}`;
    const dir = documentsDir(core);
    mkdirSync(dir, { recursive: true });
    // Written (atomically: a crash leaves no piece under the stored name) before the row: if the write fails, nothing is recorded.
    writeFileAtomic(path.join(dir, storedName), content, { exclusive: true });
    const row: repo.DocumentRow = { id, supplier_id: supplierId, kind, name, stored_name: storedName, sha256, size: content.length, added_at: core.now().toISOString(), actor: core.actor, deleted_at: null };
    repo.insertDocument(core.db, row);
    audit(core, SUPPLIER_ENTITY, supplierId, 'document', null, { document: { kind, name, sha256, size: content.length } });
    return getSupplier(core, supplierId);
  });
}

export function removeDocument(core: Core, documentId: string): SupplierEntry {
  return tx(core, () => {
    const d = repo.getDocument(core.db, documentId);
    if (!d || d.deleted_at) throw AppError.notFound(`No document ${documentId}`);
    repo.setDocumentDeleted(core.db, documentId, core.now().toISOString());
    audit(core, SUPPLIER_ENTITY, d.supplier_id, 'documentRemoved', { document: { kind: d.kind, name: d.name, sha256: d.sha256 } }, null);
    return getSupplier(core, d.supplier_id);
  });
}

/** The stored file, after checking it is still the one recorded (its SHA-256). */
export function readDocument(core: Core, documentId: string): { name: string; path: string; content: Buffer } {
  const d = repo.getDocument(core.db, documentId);
  if (!d || d.deleted_at) throw AppError.notFound(`No document ${documentId}`);
  const file = path.join(documentsDir(core), d.stored_name);
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch {
    throw AppError.conflict(`The file of "${d.name}" is missing from ${documentsDir(core)}.`);
  }
  if (createHash('sha256').update(content).digest('hex') !== d.sha256) throw AppError.conflict(`The file of "${d.name}" was changed outside the app (its SHA-256 no longer matches).`);
  return { name: d.name, path: file, content };
}
