import type { Language, RegisterKind } from '../../../shared/domain/enums';
import type { Organisation } from '../../../shared/domain/organisation';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import type { ControllerDoc, ProcessorDoc, RegisterDoc } from '../../../shared/domain/register';
import type { MissingField } from '../../../shared/domain/completeness';
import { allRows } from '../db/repos/register.repo';
import type { Core } from '../core';
import { getLists } from '../services/lists.service';
import { getOrganisation } from '../services/organisation.service';
import { missingFor } from '../services/register.service';
import type { ExportChanges } from './changes';
import type { BreachCtx, BreachItem } from './docx/breach-docx';
import { breachCtx, breachLogItems } from './breach-export.service';
import type { SupplierCtx, SupplierListItem } from './docx/supplier-docx';
import { supplierCtx, supplierListItems } from './supplier-export.service';
import type { TransferCtx, TransferItem } from './docx/transfer-docx';
import { transferCtx, transferItems } from './transfer-export.service';
import type { RecordTransfer } from '../../../shared/domain/record-transfers';
import { transfersByRecord } from '../services/record-transfers';

export type ExportOptions = Readonly<{
  language: Language;
  registers: 'controller' | 'processor' | 'both';
  /** The date the document speaks of (YYYY-MM-DD). */
  asOf: string;
  includeArchived: boolean;
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

/** Everything the document shows, read once from the same services the app uses. */
export type RegisterExportModel = Readonly<{
  options: ExportOptions;
  organisation: Organisation;
  lists: ReferenceLists;
  controller: ReadonlyArray<ExportEntry<ControllerDoc>>;
  processor: ReadonlyArray<ExportEntry<ProcessorDoc>>;
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

/**
 * The records as they stood at the as-of date: created by then, and not in the trash. (The
 * register keeps each record's current version; an as-of date in the past leaves out the
 * records created after it, it does not rebuild older versions.)
 */
export function readRecords(core: Core, options: ExportOptions): { controller: ExportEntry<ControllerDoc>[]; processor: ExportEntry<ProcessorDoc>[] } {
  const endOfDay = `${options.asOf}T23:59:59.999Z`;
  const wanted = (kind: RegisterKind) => options.registers === 'both' || options.registers === kind;
  const out = { controller: [] as ExportEntry<ControllerDoc>[], processor: [] as ExportEntry<ProcessorDoc>[] };
  for (const row of allRows(core.db)) {
    if (row.deleted_at || !wanted(row.kind) || row.created_at > endOfDay) continue;
    if (row.status === 'archived' && !options.includeArchived) continue;
    const doc = JSON.parse(row.doc) as RegisterDoc;
    const entry = { id: row.id, kind: row.kind, doc, createdAt: row.created_at, updatedAt: row.updated_at, missing: missingFor(row.kind, doc) };
    (out[row.kind] as ExportEntry[]).push(entry);
  }
  out.controller.sort(byRef);
  out.processor.sort(byRef);
  return out;
}

export function buildModel(
  core: Core,
  options: ExportOptions,
  records: ReturnType<typeof readRecords>,
  version: number,
  changes: ExportChanges | null,
): RegisterExportModel {
  return {
    options,
    organisation: getOrganisation(core),
    lists: getLists(core),
    ...records,
    version,
    generatedAt: core.now().toISOString(),
    changes,
    breaches: options.annexes.breaches ? { ctx: breachCtx(core, options.language), items: breachLogItems(core) } : null,
    transfers: options.annexes.transfers ? { ctx: transferCtx(core, options.language), items: transferItems(core) } : null,
    suppliers: options.annexes.suppliers ? { ctx: supplierCtx(core, options.language), items: supplierListItems(core, options.language) } : null,
    recordTransfers: transfersByRecord(core),
  };
}
