import { fileSlug } from '../../../shared/domain/text';
import type { AuditDoc, ImportReport, SupplierAudit } from '../../../shared/domain/audit';
import type { Language } from '../../../shared/domain/enums';
import { AppError } from '../../../shared/errors';
import type { Core } from '../core';
import { auditsOf, getAudit, updateAudit } from '../services/audit.service';
import { getSupplier } from '../services/supplier.service';
import { buildQuestionnaireXlsx, readQuestionnaireXlsx, withImported } from './audit-xlsx';
import { buildAuditReportDocx, buildQuestionnaireDocx, templateLabel } from './docx/supplier-docx';
import { supplierCtx } from './supplier-annex';
import type { PreparedDocument } from './breach-export.service';
import { msg, todayIso } from '../../../shared/domain/validation';
import { MAX_UNCOMPRESSED } from './zip-guard';

export async function prepareQuestionnaire(core: Core, auditId: string, language: Language, format: 'docx' | 'xlsx'): Promise<PreparedDocument> {
  const a = getAudit(core, auditId);
  const c = supplierCtx(core, language);
  const base = `${c.t('auditDoc.fileQuestionnaire')}-${fileSlug(a.supplierName)}-${a.createdAt.slice(0, 10)}`;
  if (format === 'xlsx') {
    const buffer = await buildQuestionnaireXlsx({ lang: language, auditId: a.id, supplier: a.supplierName, templateName: templateLabel(c, a.templateId, a.template), template: a.template, templateVersion: a.templateVersion, answers: a.doc.answers });
    return { buffer, fileName: `${base}.xlsx` };
  }
  return { buffer: await buildQuestionnaireDocx(c, a.supplierName, a.template, a.templateVersion, a.templateId), fileName: `${base}.docx` };
}

export async function prepareAuditReport(core: Core, auditId: string, language: Language): Promise<PreparedDocument> {
  const a = getAudit(core, auditId);
  const supplier = getSupplier(core, a.supplierId);
  const trend = auditsOf(core, a.supplierId).map((s) => ({ date: s.closedOn || s.createdAt, overall: s.overall }));
  const c = supplierCtx(core, language);
  const buffer = await buildAuditReportDocx(c, { supplier: supplier.doc, templateId: a.templateId, template: a.template, templateVersion: a.templateVersion, doc: a.doc, score: a.score, trend });
  return { buffer, fileName: `${c.t('auditDoc.fileReport')}-${fileSlug(a.supplierName)}-${core.now().toISOString().slice(0, 10)}.docx` };
}

export type AuditImportReport = ImportReport;

const REFUSALS = { notXlsx: 'importNotXlsx', notOurFile: 'importNotOurFile', otherAudit: 'importOtherAudit', layoutChanged: 'importLayoutChanged', tooLarge: 'importTooLarge' } as const;

/**
 * Reads a filled questionnaire into the audit; refuses the whole file when it is not the one
 * sent. Answers read: the audit is "answered" (if it was a draft or sent) on the core's day.
 */
export async function importAnswers(core: Core, auditId: string, version: number, content: Buffer): Promise<{ entry: SupplierAudit; report: ImportReport }> {
  const a = getAudit(core, auditId);
  const result = await readQuestionnaireXlsx(content, a.id, a.template);
  if ('refused' in result) throw AppError.validation([{ path: 'file', message: msg(REFUSALS[result.refused], result.refused === 'tooLarge' ? { max: MAX_UNCOMPRESSED / 1024 / 1024 } : undefined) }]);
  const doc: AuditDoc = withImported(a.doc, result);
  const next: AuditDoc = { ...doc, answeredOn: todayIso(core.now()), status: doc.status === 'draft' || doc.status === 'sent' ? 'answered' : doc.status };
  const entry = result.read > 0 ? updateAudit(core, auditId, version, next, 'import') : a;
  return { entry, report: { read: result.read, problems: result.problems, more: result.more } };
}

/** The questionnaire went out (saved or downloaded): "sent on" the core's day if it had no date; a draft becomes "sent". */
export function markSent(core: Core, auditId: string): void {
  const a = getAudit(core, auditId);
  if (a.doc.sentOn !== '' && a.doc.status !== 'draft') return;
  const doc: AuditDoc = { ...a.doc, sentOn: a.doc.sentOn || todayIso(core.now()), status: a.doc.status === 'draft' ? 'sent' : a.doc.status };
  updateAudit(core, auditId, a.version, doc, 'sent');
}
