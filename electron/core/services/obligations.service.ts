import type { AuditDoc } from '../../../shared/domain/audit';
import type { BreachClock } from '../../../shared/domain/breach';
import { isRegimeClock } from '../../../shared/domain/breach-regimes';
import { byUrgency, inWindow, obligationUid, summariseWeek, thisWeekWindow, type Obligation, type ObligationKind, type WeekSummary } from '../../../shared/domain/obligations';
import { todayIso } from '../../../shared/domain/validation';
import type { SupplierDoc } from '../../../shared/domain/supplier';
import { dpfRecheckOn, type TransferDoc } from '../../../shared/domain/transfer';
import { reviewCounts, reviewDates } from '../db/repos/obligations.repo';

/** The items the "This week" panel lists (the most urgent first). */
const WEEK_TOP = 10;
import * as suppliers from '../db/repos/supplier.repo';
import * as transfers from '../db/repos/transfer.repo';
import type { Core } from '../core';
import { listBreaches } from './breach.service';

/** The calendar's SEQUENCE: the item's last change, in seconds (it only grows). */
const sequenceOf = (updatedAt: string) => Math.floor(Date.parse(updatedAt) / 1000) || 0;

/** A running clock: not stopped by the notification that answers it, not waived by a decision not to notify. */
const running = (c: BreachClock) => !c.stoppedUtc && !c.waived;

/**
 * Every dated obligation between `from` and `to` (days, inclusive; '' = open-ended), the most
 * urgent first. Archived records, ended suppliers and transfers, closed incidents and items
 * already done carry no obligation.
 */
export function listObligations(core: Core, window: Readonly<{ from: string; to: string }> = { from: '', to: '' }, reviewLimit?: number): Obligation[] {
  const out: Obligation[] = [];

  // `reviewLimit`: only the most urgent reviews (the "This week" panel counts the others in SQL).
  for (const r of reviewDates(core.db, window.to, reviewLimit)) {
    out.push({ uid: obligationUid('review', r.id), kind: 'review', entity: 'register_entry', entityId: r.id, registerKind: r.kind, ref: r.ref, name: r.name, due: r.next_review, allDay: true, params: {}, sequence: sequenceOf(r.updated_at) });
  }

  const supplierRows = suppliers.listSuppliers(core.db, false);
  const names = new Map(supplierRows.map((r) => [r.id, r.name]));
  const activeSuppliers = new Set<string>();
  for (const row of supplierRows) {
    const doc = JSON.parse(row.doc) as SupplierDoc;
    if (doc.status !== 'active') continue;
    activeSuppliers.add(row.id);
    const base = { entity: 'supplier' as const, entityId: row.id, ref: row.name, allDay: true, sequence: sequenceOf(row.updated_at) };
    if (doc.nextAuditOn) out.push({ ...base, uid: obligationUid('auditDue', row.id), kind: 'auditDue', name: row.name, due: doc.nextAuditOn, params: {} });
    doc.certifications.forEach((c, i) => {
      if (c.expires) out.push({ ...base, uid: obligationUid('certificationExpiry', row.id, `${c.type}-${i}`), kind: 'certificationExpiry', name: c.label || c.type, due: c.expires, params: { type: c.type } });
    });
  }
  for (const a of suppliers.allLiveAudits(core.db)) {
    if (!activeSuppliers.has(a.supplier_id)) continue;
    const doc = JSON.parse(a.doc) as AuditDoc;
    const supplier = names.get(a.supplier_id) ?? '';
    const base = { entity: 'supplier' as const, entityId: a.supplier_id, ref: supplier, allDay: true, sequence: sequenceOf(a.updated_at) };
    if (doc.status === 'sent' && doc.dueOn) out.push({ ...base, uid: obligationUid('questionnaireDue', a.id), kind: 'questionnaireDue', name: supplier, due: doc.dueOn, params: {} });
    doc.actions.forEach((x, i) => {
      if (x.status !== 'done' && x.due) out.push({ ...base, uid: obligationUid('actionDue', a.id, String(i)), kind: 'actionDue', name: x.title, due: x.due, params: {} });
    });
  }

  for (const row of transfers.listTransfers(core.db, false)) {
    const doc = JSON.parse(row.doc) as TransferDoc;
    if (doc.status !== 'active') continue;
    const base = { entity: 'transfer' as const, entityId: row.id, ref: row.title, name: row.title, allDay: true, params: {}, sequence: sequenceOf(row.updated_at) };
    if (doc.mechanism === 'DPF' && doc.dpf.certified && doc.dpf.checkedOn) out.push({ ...base, uid: obligationUid('dpfRecheck', row.id), kind: 'dpfRecheck', due: dpfRecheckOn(doc.dpf.checkedOn) });
    if (doc.tia.done && doc.tia.reviewOn) out.push({ ...base, uid: obligationUid('tiaReview', row.id), kind: 'tiaReview', due: doc.tia.reviewOn });
  }

  for (const b of listBreaches(core, 'live')) {
    if (b.status === 'closed') continue;
    for (const c of b.clocks.filter(running)) {
      const key = isRegimeClock(c) ? `${c.regime}-${c.step}` : `${c.kind}${c.party ? `-${c.party}` : ''}`;
      const params: Record<string, string | number> = isRegimeClock(c) ? { labelFr: c.labelFr, labelEn: c.labelEn } : { party: c.party ?? '', hours: c.hours };
      out.push({ uid: obligationUid('breachClock', b.id, key), kind: 'breachClock', entity: 'breach', entityId: b.id, ref: b.ref, name: b.title, due: c.dueUtc, allDay: false, params: { clock: c.kind, zone: c.zone, ...params }, sequence: sequenceOf(b.updatedAt) });
    }
  }

  return out.filter((o) => inWindow(o, window.from, window.to)).sort(byUrgency);
}

/** The "This week" panel: what is late or due within 7 days, counted by kind, the most urgent first. */
export function thisWeek(core: Core): WeekSummary {
  const now = core.now();
  const today = todayIso(now);
  const window = thisWeekWindow(today);
  // The reviews counted by the database and only the ten most urgent listed: at 20,000 records
  // thousands are late, and listing each made this call 350 ms (issue 15's dashboard target).
  return summariseWeek(listObligations(core, window, WEEK_TOP), today, now.toISOString(), WEEK_TOP, reviewCounts(core.db, window.to, today));
}

/**
 * The items of one kind that "This week" counts (a chip's list, `#/week/<kind>`): the same list
 * the panel counts, so that the chip's number and the rows shown agree.
 */
export function thisWeekItems(core: Core, kind: ObligationKind): Obligation[] {
  return listObligations(core, thisWeekWindow(todayIso(core.now()))).filter((o) => o.kind === kind);
}
