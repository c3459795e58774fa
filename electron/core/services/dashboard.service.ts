import type { Dashboard } from '../../../shared/contract';
import { organisationMissing } from '../../../shared/domain/organisation';
import type { RegisterSummary } from '../../../shared/domain/register';
import { isReviewOverdue } from '../../../shared/domain/review';
import { isCritical } from '../../../shared/domain/transfer';
import { allLiveSummaries, countTrash } from '../db/repos/register.repo';
import type { Core } from '../core';
import { trashedBreachIds } from '../db/repos/breach.repo';
import { trashedSupplierIds } from '../db/repos/supplier.repo';

const countTrashedBreaches = (db: Core['db']) => trashedBreachIds(db).length;
import { getOrganisation } from './organisation.service';
import { openBreaches } from './breach.service';
import { supplierAlerts } from './supplier-alerts';
import { listTransfers } from './transfer.service';
import { trashedTransferIds } from '../db/repos/transfer.repo';

export function dashboard(core: Core, today: string): Dashboard {
  const rows = allLiveSummaries(core.db).map((r) => JSON.parse(r.summary) as RegisterSummary);
  const counts = {
    controller: { draft: 0, active: 0, archived: 0 },
    processor: { draft: 0, active: 0, archived: 0 },
  };
  for (const s of rows) counts[s.kind][s.status]++;
  const byRef = (a: { ref: string }, b: { ref: string }) => a.ref.localeCompare(b.ref);
  return {
    counts,
    trash: countTrash(core.db) + countTrashedBreaches(core.db) + trashedSupplierIds(core.db).length + trashedTransferIds(core.db).length,
    incomplete: rows
      .filter((s) => s.status !== 'archived' && s.missing.length > 0)
      .sort(byRef)
      .map(({ id, kind, ref, name, status, missing }) => ({ id, kind, ref, name, status, missing })),
    reviewsOverdue: rows
      .filter((s) => isReviewOverdue(s, today))
      .sort((a, b) => a.nextReview.localeCompare(b.nextReview))
      .map(({ id, kind, ref, name, nextReview }) => ({ id, kind, ref, name, nextReview })),
    organisationMissing: organisationMissing(getOrganisation(core)),
    breaches: openBreaches(core),
    suppliers: supplierAlerts(core, today),
    // A transfer with a critical warning (a TIA concluding "not effective" on an active transfer) first.
    transfers: listTransfers(core, 'live')
      .filter((t) => t.warnings.length > 0)
      .map((t, i) => ({ t, i, critical: t.warnings.some(isCritical) }))
      .sort((a, b) => Number(b.critical) - Number(a.critical) || a.i - b.i)
      .map(({ t }) => t),
    transfersToConvert: rows
      .filter((s) => (s.transfersToConvert ?? 0) > 0)
      .sort(byRef)
      .map(({ id, kind, ref, name, transfersToConvert }) => ({ id, kind, ref, name, transfersToConvert })),
  };
}
