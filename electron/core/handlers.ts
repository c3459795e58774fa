import { todayIso } from '../../shared/domain/validation';
import { cachedRead } from './services/read-cache';
import type { Channel, ParsedArgs, Results } from '../../shared/contract';
import type { Core } from './core';
import { appInfo, setLanguage, setup } from './services/app.service';
import { createBackup, finishBackup, finishRestore, getBackupSettings, listBackups, restoreBackup, saveBackupSettings, startBackup, startRestore } from './services/backup.service';
import { dashboard, pickActivities } from './services/dashboard.service';
import { checkIntegrityNow, openAnotherRegister, readLog, recoveryBackups } from './services/recovery.service';
import { getAppSettings, saveAppSettings } from './services/settings.service';
import { getColumnWidths, saveColumnWidths } from './services/ui-prefs.service';
import { getLists, saveListItem } from './services/lists.service';
import { getOrganisation, saveOrganisation } from './services/organisation.service';
import * as register from './services/register.service';
import { checkExportDate, listExports, previewRegisterExport, recordExport } from './export/export.service';
import { EXPORT_JOB, moveInPlace, startRegisterExport, type ExportJobResult } from './export/export-job';
import { cancelJob, jobStatus, takeJobResult, waitJob } from './jobs';
import { readFileSync } from 'node:fs';
import * as breach from './services/breach.service';
import { prepareBreachDocument, prepareBreachLog, type PreparedDocument } from './export/breach-export.service';
import { tx } from './core';
import * as supplier from './services/supplier.service';
import * as audits from './services/audit.service';
import { importAnswers, markSent, prepareAuditReport, prepareQuestionnaire } from './export/supplier-export.service';
import * as transfer from './services/transfer.service';
import { prepareTia } from './export/transfer-export.service';
import { recordTransfers } from './services/record-transfers';
import { prepareSheetExport } from './export/sheet/sheet-export.service';
import type { DocumentResult } from '../../shared/contract';
import { thisWeek, thisWeekItems } from './services/obligations.service';
import { paletteSearch } from './services/palette.service';
import { prepareCalendar } from './export/calendar.service';
import * as imports from './import/import.service';
import * as sheets from './services/record-sheet.service';
import { writeFile } from 'node:fs/promises';
import { writeDocument } from './files/atomic';
import path from 'node:path';

export type Handlers = { [C in Channel]: (core: Core, args: ParsedArgs<C>) => Results[C] | Promise<Results[C]> };

/** One handler per contract channel; a channel without one does not compile. */
export const handlers: Handlers = {
  'app:info': (core) => appInfo(core),
  'app:setup': (core, { mode }) => setup(core, mode),
  'settings:setLanguage': (core, { language }) => setLanguage(core, language),
  'settings:get': (core) => getAppSettings(core),
  'settings:save': (core, { settings }) => saveAppSettings(core, settings),
  'ui:columnWidths': (core) => getColumnWidths(core),
  'ui:saveColumnWidths': (core, { table, widths }) => saveColumnWidths(core, table, widths),

  'org:get': (core) => getOrganisation(core),
  'org:save': (core, { doc }) => saveOrganisation(core, doc),

  'register:list': (core, { kind, scope }) => register.listSummaries(core, kind, scope),
  'register:search': (core, { kind, query }) => register.searchEntries(core, kind, query),
  'register:window': (core, args) => register.listWindow(core, args),
  'register:get': (core, { id }) => register.getEntry(core, id),
  'register:new': (core, { kind }) => register.newDoc(core, kind),
  'register:create': (core, args) => register.createEntry(core, args.kind, args.doc as never),
  'register:update': (core, args) => register.updateEntry(core, args.id, args.kind, args.version, args.doc as never),
  'register:duplicate': (core, { id }) => register.duplicateEntry(core, id),
  'register:setStatus': (core, { id, version, status }) => register.setStatus(core, id, version, status),
  'register:delete': (core, { id }) => register.deleteEntry(core, id),
  'register:restore': (core, { id }) => register.restoreEntry(core, id),
  'register:history': (core, { id }) => register.entryHistory(core, id),
  'trash:empty': (core) =>
    tx(core, () => ({
      purged: register.emptyTrash(core).purged + breach.purgeTrashedBreaches(core) + supplier.purgeTrashedSuppliers(core) + transfer.purgeTrashedTransfers(core),
    })),

  'lists:get': (core) => getLists(core),
  'lists:saveItem': (core, args) => saveListItem(core, args),

  // Kept while the register does not change (read-cache.ts): going back to the dashboard does not parse every supplier and transfer again.
  'dashboard:get': (core, { today, top }) => {
    const day = today ?? todayIso(core.now());
    return cachedRead(core, 'dashboard', `${day}|${top ?? ''}|${core.now().toISOString().slice(0, 16)}`, () => dashboard(core, day, top));
  },
  'register:pick': (core, args) => pickActivities(core, args),

  'backup:create': (core, { passphrase }) => createBackup(core, passphrase),
  'backup:list': (core) => listBackups(core),
  'backup:restore': (core, { file, passphrase }) => restoreBackup(core, file, passphrase),
  'backup:settings': (core) => getBackupSettings(core),
  'backup:saveSettings': (core, { settings }) => saveBackupSettings(core, settings),
  'backup:recovery': (core) => recoveryBackups(core),
  'app:checkIntegrity': (core) => checkIntegrityNow(core),
  'app:openRegister': (core, { path: file, readOnly }) => openAnotherRegister(core, file, readOnly),
  'app:readLog': (core) => readLog(core),

  // In one call (the export screen uses export:start, job:get, export:finish): the same job, awaited.
  'export:register': async (core, options) => {
    checkExportDate(core, options.asOf);
    const job = startRegisterExport(core, options);
    await waitJob(job);
    return handlers['export:finish'](core, { job });
  },
  'export:preview': (core, options) => previewRegisterExport(core, options),
  // Issue 15: the yearly export as a job, written by a worker thread.
  'export:start': (core, options) => {
    checkExportDate(core, options.asOf);
    return { job: startRegisterExport(core, options) };
  },
  'export:finish': async (core, { job }) => {
    const done = takeJobResult<ExportJobResult>(job, EXPORT_JOB);
    try {
      if (core.platform) {
        const target = await core.platform.chooseSavePath(done.fileName);
        if (!target) return { record: null };
        moveInPlace(done, target);
        return { record: recordExport(core, done, path.basename(target)), path: target, draftsLeftOut: done.draftsLeftOut };
      }
      const base64 = readFileSync(done.file).toString('base64');
      return { record: recordExport(core, done, done.fileName), base64, draftsLeftOut: done.draftsLeftOut };
    } finally {
      done.discard();
    }
  },
  'job:get': (_core, { id }) => jobStatus(id),
  'job:cancel': (_core, { id }) => cancelJob(id),
  // Issue 16: the import, the backup and the restore as jobs (progress, Cancel where nothing is lost).
  'import:start': (core, { token, sha256, options }) => ({ job: imports.startImportApply(core, token, sha256, options) }),
  'import:finish': (_core, { job }) => imports.finishImportApply(job),
  'backup:start': (core, { passphrase }) => ({ job: startBackup(core, passphrase) }),
  'backup:finish': (_core, { job }) => finishBackup(job),
  'backup:restoreStart': (core, { file, passphrase }) => ({ job: startRestore(core, file, passphrase) }),
  'backup:restoreFinish': (_core, { job }) => finishRestore(job),
  'import:dryRunStart': (core, { token, options }) => ({ job: imports.startImportDryRun(core, token, options) }),
  'import:dryRunFinish': (_core, { job }) => imports.finishImportDryRun(job),
  'export:list': (core) => listExports(core),
  'export:sheet': async (core, options) => deliver(core, await prepareSheetExport(core, options)),

  'breach:list': (core, { scope }) => breach.listBreaches(core, scope),
  'breach:new': (core) => breach.newBreachDoc(core),
  'breach:get': (core, { id }) => breach.getBreach(core, id),
  'breach:create': (core, { doc }) => breach.createBreach(core, doc),
  'breach:update': (core, { id, version, doc }) => breach.updateBreach(core, id, version, doc),
  'breach:step': (core, { id, step, done, note, performedAt, performedFold }) =>
    breach.setBreachStep(core, id, step, done, note, performedAt ? { at: performedAt, fold: performedFold } : undefined),
  'breach:journal': (core, { id, text, performedAt, performedFold }) => breach.addJournalEntry(core, id, text, performedAt ? { at: performedAt, fold: performedFold } : undefined),
  'breach:delete': (core, { id }) => breach.deleteBreach(core, id),
  'breach:restore': (core, { id }) => breach.restoreBreach(core, id),
  'breach:history': (core, { id }) => breach.breachHistory(core, id),
  'breach:document': async (core, { id, document, language, phase, party, regime, step }) =>
    deliver(
      core,
      await prepareBreachDocument(core, id, document, language, { ...(phase ? { phase } : {}), ...(party !== undefined ? { party } : {}), ...(regime ? { regime } : {}), ...(step ? { step } : {}) }),
    ),
  'breach:exportLog': async (core, { language }) => deliver(core, await prepareBreachLog(core, language)),
  'breach:settings': (core) => breach.getBreachSettings(core),
  'breach:saveSettings': (core, { settings }) => breach.saveBreachSettings(core, settings),
  'breach:informController': (core, { id, version, notice }) => breach.informController(core, id, version, notice),
  'breach:regimes': (core) => breach.breachRegimes(core),
  'checklist:get': (core, { role }) => breach.getChecklistTemplate(core, role),
  'checklist:save': (core, { steps, role }) => breach.saveChecklistTemplate(core, steps, role),

  'supplier:list': (core, { scope }) => supplier.listSuppliers(core, scope),
  'supplier:get': (core, { id }) => supplier.getSupplier(core, id),
  'supplier:create': (core, { doc }) => supplier.createSupplier(core, doc),
  'supplier:update': (core, { id, version, doc }) => supplier.updateSupplier(core, id, version, doc),
  'supplier:delete': (core, { id }) => supplier.deleteSupplier(core, id),
  'supplier:restore': (core, { id }) => supplier.restoreSupplier(core, id),
  'supplier:history': (core, { id }) => supplier.supplierHistory(core, id),
  'supplier:forActivity': (core, { id }) => supplier.suppliersOfActivity(core, id),
  'supplier:link': (core, { supplierId, recordId, linked }) => {
    if (linked) register.getEntry(core, recordId);
    return supplier.linkSupplierActivity(core, supplierId, recordId, linked);
  },
  'supplier:addDocument': (core, { id, kind, name, base64 }) => supplier.addDocument(core, id, kind, name, Buffer.from(base64, 'base64')),
  'supplier:removeDocument': (core, { documentId }) => supplier.removeDocument(core, documentId),
  'supplier:openDocument': async (core, { documentId }) => {
    const file = supplier.readDocument(core, documentId);
    if (core.platform?.openPath) {
      const error = await core.platform.openPath(file.path);
      if (error) throw new Error(error);
      return { fileName: file.name, cancelled: false, path: file.path };
    }
    return { fileName: file.name, cancelled: false, base64: file.content.toString('base64') };
  },

  'audit:templates': (core) => audits.listTemplates(core),
  'audit:template': (core, { id, version }) => audits.getTemplate(core, id, version),
  'audit:copyTemplate': (core, { id, name }) => audits.copyTemplate(core, id, name),
  'audit:saveTemplate': (core, { id, doc }) => audits.saveTemplate(core, id, doc),
  'audit:list': (core, { supplierId }) => audits.auditsOf(core, supplierId),
  'audit:get': (core, { id }) => audits.getAudit(core, id),
  'audit:create': (core, { supplierId, templateId }) => audits.createAudit(core, supplierId, templateId),
  'audit:update': (core, { id, version, doc }) => audits.updateAudit(core, id, version, doc),
  'audit:delete': (core, { id }) => {
    audits.deleteAudit(core, id);
    return { deleted: true as const };
  },
  'audit:history': (core, { id }) => audits.auditHistory(core, id),
  'audit:questionnaire': async (core, { id, language, format }) => {
    const result = await deliver(core, await prepareQuestionnaire(core, id, language, format));
    if (!result.cancelled) markSent(core, id);
    return result;
  },
  'audit:report': async (core, { id, language }) => deliver(core, await prepareAuditReport(core, id, language)),
  'audit:settings': (core) => audits.getAuditSettings(core),
  'audit:saveSettings': (core, { settings }) => audits.saveAuditSettings(core, settings),
  'audit:import': (core, { id, version, base64 }) => importAnswers(core, id, version, Buffer.from(base64, 'base64')),

  'transfer:list': (core, { scope }) => transfer.listTransfers(core, scope),
  'transfer:get': (core, { id }) => transfer.getTransfer(core, id),
  'transfer:create': (core, { doc, converts }) => transfer.createTransfer(core, doc, 'create', converts),
  'transfer:update': (core, { id, version, doc }) => transfer.updateTransfer(core, id, version, doc),
  'transfer:delete': (core, { id }) => transfer.deleteTransfer(core, id),
  'transfer:restore': (core, { id }) => transfer.restoreTransfer(core, id),
  'transfer:history': (core, { id }) => transfer.transferHistory(core, id),
  'transfer:for': (core, by) => transfer.transfersFor(core, by),
  'transfer:forRecord': (core, { id }) => {
    register.getEntry(core, id); // an unknown record is "not found", not an empty list
    return recordTransfers(core, id);
  },
  'transfer:link': (core, { transferId, recordId, linked }) => transfer.linkActivity(core, transferId, recordId, linked),
  'transfer:draftFromRecord': (core, { id, index }) => transfer.draftFromRecord(core, id, index),
  'transfer:draftFromSupplier': (core, { id, country }) => transfer.draftFromSupplier(core, id, country),
  'transfer:reference': () => transfer.transferReference(),
  'transfer:tia': async (core, { id, language }) => deliver(core, await prepareTia(core, id, language)),

  'import:open': (core, { fileName, base64 }) => imports.openImport(core, fileName, Buffer.from(base64, 'base64')),
  'import:preview': (core, { token, mapping, language }) => imports.previewImport(core, token, mapping, language),
  'import:dryRun': (core, { token, options }) => imports.dryRunImport(core, token, options),
  'import:apply': (core, { token, sha256, options }) => imports.applyImportFile(core, token, sha256, options),
  'import:undo': (core, { batchId }) => imports.undoImportBatch(core, batchId),
  'import:batches': (core) => imports.importBatches(core),
  'import:mappings': (core) => imports.listMappings(core),
  'import:saveMapping': (core, { name, mapping }) => imports.saveMapping(core, name, mapping),
  'import:deleteMapping': (core, { name }) => imports.deleteMapping(core, name),

  'recordSheet:export': async (core, options) => {
    const prepared = await sheets.prepareRecordSheets(core, options);
    const result = await deliver(core, prepared);
    if (!result.cancelled) sheets.recordSent(core, prepared.rows);
    return result;
  },
  'recordSheet:review': (core, { recordId, fileName, base64, language }) => sheets.reviewReturnedSheet(core, recordId, fileName, Buffer.from(base64, 'base64'), language),
  'recordSheet:apply': (core, { base64, ...rest }) => sheets.applyReturnedSheet(core, { ...rest, bytes: Buffer.from(base64, 'base64') }),
  'recordSheet:list': (core, { id }) => sheets.sheetsOfRecord(core, id),
  'recordSheet:awaiting': (core) => sheets.awaitingSheets(core),
  // The same, to the minute (a breach clock turns late at its minute).
  'obligations:week': (core) => cachedRead(core, 'week', core.now().toISOString().slice(0, 16), () => thisWeek(core)),
  'obligations:items': (core, { kind }) => thisWeekItems(core, kind),
  'palette:search': (core, { query }) => paletteSearch(core, query),
  'obligations:calendar': async (core, options) => deliver(core, prepareCalendar(core, options)),
};

/** A document goes where the user chooses (desktop), or back to the browser as a download (web harness). */
async function deliver(core: Core, prepared: PreparedDocument): Promise<DocumentResult> {
  if (core.platform) {
    const target = await core.platform.chooseSavePath(prepared.fileName);
    if (!target) return { fileName: prepared.fileName, cancelled: true };
    writeDocument(target, prepared.buffer);
    return { fileName: path.basename(target), cancelled: false, path: target };
  }
  return { fileName: prepared.fileName, cancelled: false, base64: prepared.buffer.toString('base64') };
}
