import type { SupplierAlerts } from '../../../shared/contract';
import type { AuditDoc } from '../../../shared/domain/audit';
import { contractFindings, expiringCertifications, type SupplierDoc } from '../../../shared/domain/supplier';
import * as repo from '../db/repos/supplier.repo';
import { gapsOf, transfersByImporter } from './supplier.service';
import type { Core } from '../core';

/** Days ahead an audit shows as "due" on the dashboard; certifications show 60 days ahead (issue 5). */
const AUDIT_DUE_DAYS = 30;
const CERT_DAYS = 60;

const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** What the dashboard says about suppliers: audits due or late, certifications expiring, agreements with missing clauses, actions overdue. */
export function supplierAlerts(core: Core, today: string): SupplierAlerts {
  const suppliers = repo.listSuppliers(core.db, false).map((r) => ({ id: r.id, doc: JSON.parse(r.doc) as SupplierDoc }));
  const names = new Map(suppliers.map((s) => [s.id, s.doc.name]));
  const live = suppliers.filter((s) => s.doc.status === 'active');
  const audits = repo.allLiveAudits(core.db).map((a) => ({ id: a.id, supplierId: a.supplier_id, doc: JSON.parse(a.doc) as AuditDoc }));
  const soon = plusDays(today, AUDIT_DUE_DAYS);
  const byImporter = transfersByImporter(core);
  return {
    auditsDue: live
      .filter((s) => s.doc.nextAuditOn !== '' && s.doc.nextAuditOn <= soon)
      .map((s) => ({ id: s.id, name: s.doc.name, nextAuditOn: s.doc.nextAuditOn, late: s.doc.nextAuditOn < today }))
      .sort((a, b) => a.nextAuditOn.localeCompare(b.nextAuditOn)),
    auditsLate: audits
      .filter((a) => a.doc.status === 'sent' && a.doc.dueOn !== '' && a.doc.dueOn < today)
      .map((a) => ({ id: a.supplierId, auditId: a.id, name: names.get(a.supplierId) ?? '', dueOn: a.doc.dueOn })),
    certificationsExpiring: live
      .flatMap((s) => expiringCertifications(s.doc, today, CERT_DAYS).map((c) => ({ id: s.id, name: s.doc.name, type: c.type, label: c.label, expires: c.expires })))
      .sort((a, b) => a.expires.localeCompare(b.expires)),
    missingClauses: live
      .map((s) => ({ id: s.id, name: s.doc.name, count: contractFindings(s.doc).filter((f) => f.key === 'missing' || f.key === 'unsigned').length }))
      .filter((s) => s.count > 0),
    transferGaps: live
      .map((s) => ({ id: s.id, name: s.doc.name, countries: gapsOf(core, s.id, s.doc, byImporter) }))
      .filter((g) => g.countries.length > 0),
    actionsOverdue: audits.flatMap((a) =>
      a.doc.actions.filter((x) => x.status !== 'done' && x.due !== '' && x.due < today).map((x) => ({ id: a.supplierId, auditId: a.id, name: names.get(a.supplierId) ?? '', title: x.title, due: x.due })),
    ),
  };
}
