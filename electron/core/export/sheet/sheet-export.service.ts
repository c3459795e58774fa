import type { Language } from '../../../../shared/domain/enums';
import type { Core } from '../../core';
import type { PreparedDocument } from '../breach-export.service';
import { mustHaveRecordsBy } from '../export.service';
import { buildModel, readRecords, type ExportOptions } from '../model';
import { cnilWorkbook } from './cnil-sheet';
import { writeOds } from './ods-writer';
import { registerWorkbook } from './register-sheet';
import { writeXlsx } from './xlsx-writer';

/**
 * The register as a spreadsheet (issue 13, point 3): the flat workbook (.xlsx or .ods) or the
 * CNIL model (.xlsx or .ods), in French or English. The records are those the Word register of
 * the same options holds (model.ts: the as-of date rebuilt from the audit log, drafts and
 * archived records only when asked), with their transfers read from the transfer register.
 */

export type SheetFormat = 'xlsx' | 'ods';
export type SheetLayout = 'register' | 'cnil';

export type SheetExportOptions = Readonly<{
  layout: SheetLayout;
  format: SheetFormat;
  language: Language;
  registers: ExportOptions['registers'];
  asOf: string;
  includeArchived: boolean;
  includeDrafts: boolean;
}>;

export function sheetFileName(o: Pick<SheetExportOptions, 'layout' | 'format' | 'language' | 'asOf'>): string {
  const base = o.layout === 'cnil' ? (o.language === 'fr' ? 'registre-modele-cnil' : 'register-cnil-model') : o.language === 'fr' ? 'registre-traitements' : 'processing-register';
  return `${base}-${o.asOf}.${o.format}`;
}

export async function prepareSheetExport(core: Core, o: SheetExportOptions): Promise<PreparedDocument & { records: number }> {
  // The CNIL model is the controller's register.
  const registers = o.layout === 'cnil' ? 'controller' : o.registers;
  const options: ExportOptions = { language: o.language, registers, asOf: o.asOf, includeArchived: o.includeArchived, includeDrafts: o.includeDrafts, annexes: { lists: false, transfers: false } };
  const records = readRecords(core, options);
  // The same dates refused as for the Word register: after today, before the first record.
  mustHaveRecordsBy(core, records, o.asOf);
  const model = buildModel(core, options, records, 0, null);
  const book = o.layout === 'cnil' ? cnilWorkbook(model) : registerWorkbook(model);
  const buffer = o.format === 'xlsx' ? writeXlsx(book) : writeOds(book);
  return { buffer, fileName: sheetFileName(o), records: model.controller.length + model.processor.length };
}
