import type { Language } from '../../../shared/domain/enums';
import type { RegisterDoc } from '../../../shared/domain/register';
import { activityNames } from '../db/repos/export.repo';
import * as supplierRepo from '../db/repos/supplier.repo';
import type { Core } from '../core';
import { getOrganisation } from '../services/organisation.service';
import { getTransfer, listTransfers, transferReference } from '../services/transfer.service';
import type { PreparedDocument } from './breach-export.service';
import { buildTiaDocx, transferContext, type TransferCtx, type TransferItem } from './docx/transfer-docx';

/** `now`: the day the document speaks of (the register export's as-of date), today by default. */
export function transferCtx(core: Core, language: Language, now: Date = core.now()): TransferCtx {
  const suppliers = new Map(supplierRepo.listSuppliers(core.db, false).map((s) => [s.id, s.name]));
  const activities = activityNames(core.db, false);
  return transferContext(language, transferReference(), now, getOrganisation(core).legalName, suppliers, activities);
}

export function transferItems(core: Core): TransferItem[] {
  return listTransfers(core, 'live').map((s) => {
    const e = getTransfer(core, s.id);
    return { id: e.id, doc: e.doc, warnings: e.warnings };
  });
}

export async function prepareTia(core: Core, id: string, language: Language): Promise<PreparedDocument> {
  const e = getTransfer(core, id);
  const c = transferCtx(core, language);
  const slug = e.doc.title.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40).toLowerCase();
  return { buffer: await buildTiaDocx(c, { id: e.id, doc: e.doc, warnings: e.warnings }), fileName: `${c.t('transferDoc.fileTia')}-${slug}-${core.now().toISOString().slice(0, 10)}.docx` };
}
