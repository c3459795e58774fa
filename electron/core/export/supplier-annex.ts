import type { Language } from '../../../shared/domain/enums';
import type { SupplierDoc } from '../../../shared/domain/supplier';
import { activityNames } from '../db/repos/export.repo';
import * as repo from '../db/repos/supplier.repo';
import type { Core } from '../core';
import { auditsOf } from '../services/audit.service';
import { getOrganisation } from '../services/organisation.service';
import { supplierContext, type SupplierCtx, type SupplierListItem } from './docx/supplier-docx';

/*
 * The supplier list annex of the yearly register, apart from the questionnaires' round trip
 * (supplier-export.service.ts): the export's worker loads this without the spreadsheet library.
 */

export function supplierCtx(core: Core, language: Language): SupplierCtx {
  return supplierContext(language, getOrganisation(core).legalName, core.now());
}

/** The suppliers for the register's annex, with the activities they serve and their last audit. */
export function supplierListItems(
  core: Core,
  language: Language,
  /** The suppliers as they stood on `asOf` (the register's as-of date); the current ones by default. */
  suppliers?: ReadonlyArray<{ id: string; doc: SupplierDoc }>,
  asOf?: string,
): SupplierListItem[] {
  const names = activityNames(core.db, true);
  const c = supplierCtx(core, language);
  const list = suppliers
    ? [...suppliers].sort((a, b) => a.doc.name.localeCompare(b.doc.name, 'fr', { sensitivity: 'base' }))
    : repo.listSuppliers(core.db, false).map((row) => ({ id: row.id, doc: JSON.parse(row.doc) as SupplierDoc }));
  return list.map(({ id, doc }) => {
    const audits = auditsOf(core, id).filter((x) => !asOf || (x.closedOn || x.createdAt.slice(0, 10)) <= asOf);
    const last = [...audits].reverse().find((x) => x.overall !== null);
    return {
      doc,
      activities: doc.activityIds.map((id) => names.get(id) ?? id),
      lastAudit: last ? `${last.closedOn || last.createdAt.slice(0, 10)} – ${last.overall} % – ${c.t(`audit.verdict.${last.verdict}`)}` : '',
      lastAuditState: last ? `${last.id}|${last.closedOn || last.createdAt.slice(0, 10)}|${last.overall}|${last.verdict}` : '',
    };
  });
}
