import type { RecordTransfer } from '../../../shared/domain/record-transfers';
import { transferWarnings, type TransferDoc } from '../../../shared/domain/transfer';
import { todayIso } from '../../../shared/domain/validation';
import * as supplierRepo from '../db/repos/supplier.repo';
import * as repo from '../db/repos/transfer.repo';
import type { Core } from '../core';
import { transferReference } from './transfer-reference';

const checked = new WeakMap<Core['db'], boolean>();
/** A file opened at a schema older than the transfer register (only tests do that, before migrating it) has no transfers. */
function hasTransferTable(db: Core['db']): boolean {
  let has = checked.get(db);
  if (has === undefined) {
    has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'transfer'").get() !== undefined;
    if (has) checked.set(db, has);
  }
  return has;
}

/**
 * A record's transfers, read from the transfer register (the one place transfers live): the
 * live entries whose activities include the record. The register table, the record page, the
 * search text, the dashboard, the CLI and the Word export all read them from here.
 */
export function transfersByRecord(core: Core): Map<string, RecordTransfer[]> {
  if (!hasTransferTable(core.db)) return new Map();
  const names = new Map(supplierRepo.listSuppliers(core.db, false).map((s) => [s.id, s.name]));
  const ref = transferReference();
  const today = todayIso(core.now());
  const out = new Map<string, RecordTransfer[]>();
  for (const row of repo.listTransfers(core.db, false)) {
    const d = JSON.parse(row.doc) as TransferDoc;
    if (d.activityIds.length === 0) continue;
    const item: RecordTransfer = {
      id: row.id,
      title: d.title,
      importer: (d.importerSupplierId && names.get(d.importerSupplierId)) || d.importerName,
      importerCountry: d.importerCountry,
      accessCountries: d.accessCountries,
      mechanism: d.mechanism,
      module: d.mechanism === 'SCC_2021' ? d.scc.module : null,
      status: d.status,
      warnings: transferWarnings(d, ref, today),
    };
    for (const id of new Set(d.activityIds)) {
      const list = out.get(id);
      if (list) list.push(item);
      else out.set(id, [item]);
    }
  }
  return out;
}

export function recordTransfers(core: Core, recordId: string): RecordTransfer[] {
  return transfersByRecord(core).get(recordId) ?? [];
}
