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
  return indexByRecord(core, withWarnings(core, repo.listTransfers(core.db, false)));
}

function withWarnings(core: Core, rows: ReadonlyArray<repo.TransferRow>) {
  const ref = transferReference();
  const today = todayIso(core.now());
  return rows.map((row) => {
    const doc = JSON.parse(row.doc) as TransferDoc;
    return { id: row.id, doc, warnings: transferWarnings(doc, ref, today) };
  });
}

/**
 * Transfers not yet written (an import builds them before the records they link to): each
 * record's entries as the register will read them once they are written, warnings as of today.
 */
export function linkedTransfers(core: Core, transfers: ReadonlyArray<Readonly<{ id: string; doc: TransferDoc }>>): Map<string, RecordTransfer[]> {
  const ref = transferReference();
  const today = todayIso(core.now());
  return indexByRecord(core, transfers.map(({ id, doc }) => ({ id, doc, warnings: transferWarnings(doc, ref, today) })));
}

/** SQLite's NOCASE: ASCII letters folded, then the UTF-8 bytes compared. */
const nocase = (s: string) => Buffer.from(s.replace(/[A-Z]+/g, (m) => m.toLowerCase()), 'utf8');

/**
 * A record's transfers in the order the transfer register lists them (by title, COLLATE
 * NOCASE; equal titles in the order they were written): those it had, then new ones, merged.
 */
export function inListedOrder(transfers: ReadonlyArray<RecordTransfer>): RecordTransfer[] {
  if (transfers.length < 2) return [...transfers];
  const keys = new Map(transfers.map((t) => [t, nocase(t.title)]));
  return [...transfers].sort((a, b) => Buffer.compare(keys.get(a)!, keys.get(b)!));
}

/**
 * The same reading over given transfers (the transfer register as it stood on an export's
 * as-of date, with that date's warnings): each record's linked entries.
 */
export function indexByRecord(core: Core, transfers: ReadonlyArray<Readonly<{ id: string; doc: TransferDoc; warnings: RecordTransfer['warnings'] }>>): Map<string, RecordTransfer[]> {
  const names = hasTransferTable(core.db) ? supplierRepo.supplierNames(core.db) : new Map<string, string>();
  const out = new Map<string, RecordTransfer[]>();
  for (const { id, doc: d, warnings } of transfers) {
    if (d.activityIds.length === 0) continue;
    const item: RecordTransfer = {
      id,
      title: d.title,
      importer: (d.importerSupplierId && names.get(d.importerSupplierId)) || d.importerName,
      importerCountry: d.importerCountry,
      accessCountries: d.accessCountries,
      mechanism: d.mechanism,
      module: d.mechanism === 'SCC_2021' ? d.scc.module : null,
      status: d.status,
      warnings,
    };
    for (const recordId of new Set(d.activityIds)) {
      const list = out.get(recordId);
      if (list) list.push(item);
      else out.set(recordId, [item]);
    }
  }
  return out;
}

/** One record's transfers: only the transfers linked to it are read (a record is saved often; the register may hold thousands of transfers). */
export function recordTransfers(core: Core, recordId: string): RecordTransfer[] {
  if (!hasTransferTable(core.db)) return [];
  return indexByRecord(core, withWarnings(core, repo.transfersOfActivity(core.db, recordId))).get(recordId) ?? [];
}
