import type { RegisterKind } from '../../../shared/domain/enums';
import type { Dashboard, DashboardTop, PickWindow } from '../../../shared/contract';
import { organisationMissing } from '../../../shared/domain/organisation';
import type { RegisterSummary } from '../../../shared/domain/register';
import { isCritical } from '../../../shared/domain/transfer';
import { countTrash } from '../db/repos/register.repo';
import * as repo from '../db/repos/dashboard.repo';
import type { Core } from '../core';
import { trashedBreachIds } from '../db/repos/breach.repo';
import { trashedSupplierIds } from '../db/repos/supplier.repo';
import { getOrganisation } from './organisation.service';
import { openBreaches } from './breach.service';
import { supplierAlerts } from './supplier-alerts';
import { listTransfers } from './transfer.service';
import { trashedTransferIds } from '../db/repos/transfer.repo';
import { searchEntries } from './register.service';

/** How many items a dashboard section lists by default; the rest behind "show all" (issue 15). */
export const DASHBOARD_TOP = 10;

const countTrashedBreaches = (db: Core['db']) => trashedBreachIds(db).length;
const topOf = <T>(all: ReadonlyArray<T>, top: number): DashboardTop<T> => ({ total: all.length, items: all.slice(0, top) });
const summaryOf = (row: repo.AttentionRow) => JSON.parse(row.summary) as RegisterSummary;

/**
 * What needs the DPO's attention, summarised (issue 15): every section gives its count and its
 * `top` most urgent items, never the whole list (7,038 overdue reviews at 20,000 records took
 * 5 s to draw). The register's sections are counted and chosen in SQL.
 */
export function dashboard(core: Core, today: string, top = DASHBOARD_TOP): Dashboard {
  const counts = {
    controller: { draft: 0, active: 0, archived: 0 },
    processor: { draft: 0, active: 0, archived: 0 },
  };
  for (const c of repo.countsByKindAndStatus(core.db)) counts[c.kind][c.status] = c.n;
  const attention = repo.attentionCounts(core.db, today);
  const section = (byKind: Readonly<{ controller: number; processor: number }>) => ({ total: byKind.controller + byKind.processor, byKind });
  const alerts = supplierAlerts(core, today);
  // A transfer with a critical warning (a TIA concluding "not effective" on an active transfer) first.
  const warned = listTransfers(core, 'live')
    .filter((t) => t.warnings.length > 0)
    .map((t, i) => ({ t, i, critical: t.warnings.some(isCritical) }))
    .sort((a, b) => Number(b.critical) - Number(a.critical) || a.i - b.i);
  return {
    counts,
    trash: countTrash(core.db) + countTrashedBreaches(core.db) + trashedSupplierIds(core.db).length + trashedTransferIds(core.db).length,
    incomplete: {
      ...section(attention.incomplete),
      items: repo.topIncomplete(core.db, top).map((r) => ({ id: r.id, kind: r.kind, ref: r.ref, name: summaryOf(r).name, status: r.status, missing: summaryOf(r).missing })),
    },
    reviewsOverdue: {
      ...section(attention.overdue),
      items: repo.topOverdue(core.db, today, top).map((r) => ({ id: r.id, kind: r.kind, ref: r.ref, name: summaryOf(r).name, nextReview: summaryOf(r).nextReview })),
    },
    organisationMissing: organisationMissing(getOrganisation(core)),
    breaches: topOf(openBreaches(core), top),
    suppliers: Object.fromEntries(Object.entries(alerts).map(([k, v]) => [k, topOf(v as ReadonlyArray<unknown>, top)])) as unknown as Dashboard['suppliers'],
    transfers: { ...topOf(warned.map(({ t }) => t), top), critical: warned.filter((w) => w.critical).length },
    transfersToConvert: {
      ...section(attention.toConvert),
      items: repo.topToConvert(core.db, top).map((r) => ({ id: r.id, kind: r.kind, ref: r.ref, name: summaryOf(r).name, transfersToConvert: summaryOf(r).transfersToConvert })),
    },
  };
}

/**
 * The activity picker's window (issue 15): the live records matching `search` (the register's
 * own search, both registers), controller activities first then by reference, `limit` of them
 * from `offset`; and the labels of `selected`, whatever window they fall in.
 */
export function pickActivities(core: Core, args: Readonly<{ search: string; offset: number; limit: number; selected: ReadonlyArray<string>; kind?: RegisterKind | undefined }>): PickWindow {
  const query = args.search.trim();
  let total: number;
  let rows: ReadonlyArray<repo.PickRow>;
  if (query === '') {
    total = repo.countLive(core.db, args.kind);
    rows = repo.pickWindow(core.db, args.offset, args.limit, args.kind);
  } else {
    const kinds: ReadonlyArray<RegisterKind> = args.kind ? [args.kind] : ['controller', 'processor'];
    const ids = kinds.flatMap((k) => searchEntries(core, k, query));
    total = ids.length;
    rows = total > args.offset ? repo.pickWindowOf(core.db, ids, args.offset, args.limit) : [];
  }
  const found = new Map(repo.pickRowsByIds(core.db, args.selected).map((r) => [r.id, r]));
  const selected = args.selected.flatMap((id) => {
    const r = found.get(id);
    return r ? [{ id: r.id, kind: r.kind, ref: r.ref, name: r.name ?? '', status: r.status, ...(r.deleted ? { deleted: true } : {}) }] : [];
  });
  return { total, offset: args.offset, rows: rows.map((r) => ({ id: r.id, kind: r.kind, ref: r.ref, name: r.name ?? '', status: r.status })), selected };
}
