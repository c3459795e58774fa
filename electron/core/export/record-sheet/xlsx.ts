import ExcelJS from 'exceljs';
import type { Language } from '../../../../shared/domain/enums';
import { SHEET_STRUCTURE, type SheetField } from '../../../../shared/domain/record-sheet';
import { translate } from '../../../../shared/i18n';
import { heightsNotCustom, readCell } from '../audit-xlsx';
import { readonlyValue, shownValue } from './fields';

/**
 * The record sheet as an .xlsx (exceljs, as the audit questionnaire): one row per field, the
 * row's key in a hidden column A, its section and label, the value at export, and the owner's
 * answer (prefilled with that value: the only unlocked cells; the sheet is protected without a
 * password, a hint more than a lock: the import checks every key and label itself). A very hidden
 * sheet names the layout, the sheet's id, the record, its version at export and the structure.
 */

export const LAYOUT = 'dpo-desk-record-sheet';
const META = '_dpo';
export const FIRST_ROW = 5;
const COLUMNS = ['key', 'section', 'field', 'current', 'answer'] as const;
const ANSWER_COL = 5;
const WIDTHS = [8, 22, 44, 44, 48];

export type SheetIdentity = Readonly<{ sheetId: string; recordId: string; ref: string; name: string; recordVersion: number; sentOn: string; sentTo: string }>;

const headers = (lang: Language) => COLUMNS.map((c) => translate(lang, `recordSheet.col.${c}`));

/** Points a row needs for its wrapped texts in the visible columns B to E (Calibri 11: 15 pt a line, about a character per unit of width). */
function rowHeight(texts: ReadonlyArray<string>): number {
  const lines = texts.map((text, i) => text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / Math.max(1, (WIDTHS[i + 1] ?? 10) - 1))), 0));
  return Math.min(409, Math.max(...lines, 1) * 15);
}

export async function buildRecordSheetXlsx(lang: Language, id: SheetIdentity, fields: ReadonlyArray<SheetField>): Promise<Buffer> {
  const t = (k: string, p?: Record<string, string | number>) => translate(lang, k, p);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DPO Desk';
  const ws = wb.addWorksheet(t('recordSheet.sheetName'), {
    views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${FIRST_ROW - 1}:${FIRST_ROW - 1}`, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: `&L${`${id.ref} – ${id.name}`.replace(/&/g, '&&')}&R&P / &N` },
  });
  ws.columns = WIDTHS.map((width, i) => ({ width, hidden: i === 0 }));
  ws.getCell('B1').value = `${t('recordSheet.title')} – ${id.ref} – ${id.name}`;
  ws.getCell('B1').font = { bold: true, size: 14 };
  ws.mergeCells('B2:E2');
  ws.getCell('B2').value = t('recordSheet.instructions');
  ws.getCell('B2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 48;
  ws.getCell('B3').value = [t('recordSheet.identification', { sheet: id.sheetId, ref: id.ref, version: id.recordVersion, structure: SHEET_STRUCTURE, date: id.sentOn }), id.sentTo ? t('recordSheet.sentTo', { to: id.sentTo }) : ''].filter(Boolean).join(' · ');
  ws.getCell('B3').font = { italic: true, size: 9, color: { argb: 'FF555555' } };
  const head = ws.getRow(FIRST_ROW - 1);
  head.values = headers(lang);
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
    c.border = { bottom: { style: 'thin' } };
  });
  const unitList = `"${['days', 'months', 'years'].map((u) => shownValue('unit', u, lang)).join(',')}"`;
  const endList = `"${['delete', 'anonymise'].map((u) => shownValue('end', u, lang)).join(',')}"`;
  fields.forEach((f, i) => {
    const row = ws.getRow(FIRST_ROW + i);
    const current = f.type === 'readonly' ? readonlyValue(f, lang) : shownValue(f.type, f.value, lang);
    const answer = f.type === 'readonly' ? `(${t('recordSheet.readOnly')})` : f.type === 'remark' ? '' : current;
    row.values = [f.key, t(`recordSheet.section.${f.section}`), f.label[lang], current, answer];
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight([t(`recordSheet.section.${f.section}`), f.label[lang], current, answer]);
    const cell = row.getCell(ANSWER_COL);
    if (f.type === 'readonly') {
      cell.font = { italic: true, color: { argb: 'FF777777' } };
      return;
    }
    cell.protection = { locked: false };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8D6' } };
    if (f.type === 'unit' || f.type === 'end') cell.dataValidation = { type: 'list', allowBlank: f.type === 'end', formulae: [f.type === 'unit' ? unitList : endList], showErrorMessage: true };
    if (f.type === 'number') cell.dataValidation = { type: 'whole', operator: 'between', allowBlank: true, formulae: [1, 1000], showErrorMessage: true };
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, spinCount: 1 });
  const meta = wb.addWorksheet(META, { state: 'veryHidden' });
  meta.addRow(['layout', LAYOUT]);
  meta.addRow(['structure', SHEET_STRUCTURE]);
  meta.addRow(['sheet', id.sheetId]);
  meta.addRow(['record', id.recordId]);
  meta.addRow(['version', id.recordVersion]);
  meta.addRow(['language', lang]);
  await meta.protect('', {});
  // As the questionnaire: the heights computed for printing, without the "custom" mark that would stop them growing as the owner types.
  return heightsNotCustom(Buffer.from(await wb.xlsx.writeBuffer()), FIRST_ROW);
}

export type ReadSheet = Readonly<{ sheetId: string; recordId: string; structure: number; version: number; rows: ReadonlyArray<Readonly<{ row: number; key: string; section: string; label: string; answer: string; answerNote?: string }>>; headers: ReadonlyArray<string> }>;

/** The identification and rows of a returned sheet; null when the workbook is not a record sheet (no meta, another layout). */
export async function readRecordSheetXlsx(buffer: Buffer): Promise<ReadSheet | null | 'unreadable'> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return 'unreadable';
  }
  const meta = wb.getWorksheet(META);
  if (!meta) return null;
  const values = new Map<string, string>();
  meta.eachRow((row) => values.set(readCell(row.getCell(1).value).text, readCell(row.getCell(2).value).text));
  if (values.get('layout') !== LAYOUT) return null;
  const ws = wb.worksheets.find((w) => w.name !== META);
  if (!ws) return null;
  const rows: Array<ReadSheet['rows'][number]> = [];
  for (let r = FIRST_ROW; r <= Math.max(ws.rowCount, FIRST_ROW); r++) {
    const row = ws.getRow(r);
    const cells = [1, 2, 3, 5].map((c) => readCell(row.getCell(c).value));
    const [key, section, label, answer] = cells.map((c) => c.text) as [string, string, string, string];
    if (!key && !section && !label && !answer) continue;
    rows.push({ row: r, key: key.trim(), section, label, answer, ...(cells[3]!.note === 'formulaNoValue' || cells[3]!.note === 'errorValue' ? { answerNote: cells[3]!.note } : {}) });
  }
  return {
    sheetId: values.get('sheet') ?? '',
    recordId: values.get('record') ?? '',
    structure: Number(values.get('structure')),
    version: Number(values.get('version')),
    rows,
    headers: COLUMNS.map((_, i) => readCell(ws.getRow(FIRST_ROW - 1).getCell(i + 1).value).text.trim()),
  };
}

export const expectedHeaders = headers;
