import type { CnilDetection, CnilImport, CnilOptions, Workbook } from './types';

/** Whether the workbook is the CNIL model: its list tab, its record sheets (by their labels in column A). */
export function detectCnil(wb: Workbook): CnilDetection {
  void wb;
  return { isCnil: false, recordSheets: [], listSheet: null, exampleSheet: null };
}

/** The CNIL model read into an organisation proposal, records (one per record sheet), drafts (tab 2 rows without a sheet) and a report. */
export function interpretCnil(wb: Workbook, opts: CnilOptions = {}): CnilImport {
  void wb;
  void opts;
  return { organisation: null, organisationFields: [], records: [], drafts: [], notes: [] };
}
