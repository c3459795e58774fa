import ExcelJS from 'exceljs';
import { IMPORT_REPORT_MAX, UNDUE_DELAY, validAnswer, type Answer, type AuditDoc, type ImportColumn, type ImportProblem, type Question, type TemplateDoc } from '../../../shared/domain/audit';
export type { ImportProblem };
import type { Language } from '../../../shared/domain/enums';
import { translate } from '../../../shared/i18n';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { checkZip } from './zip-guard';

/**
 * The questionnaire as an .xlsx the supplier fills in, and reading its answers back (exceljs:
 * a maintained reader and writer, where a hand-written one would miss shared strings, rich
 * text and dates). A hidden sheet names the audit and the layout; a file that is not the one
 * sent, or whose layout was changed, or that would expand beyond a sane size, is refused whole;
 * a row whose locked columns (id, theme, question, type) differ from the grid version's, whose
 * answer cannot be read (an error value, a formula with no cached value, a text too long) is
 * reported and left out (the audit keeps its earlier answer); the others are taken.
 */

/** The layout written today (no expected answer); layout 1 (with it, before 2026-11) is still read back. */
export const LAYOUT = 'dpo-desk-audit-2';
const META = '_dpo';
const FIRST_ROW = 5;
const LAYOUTS = {
  'dpo-desk-audit-1': ['id', 'theme', 'question', 'type', 'expected', 'answer', 'comment'],
  'dpo-desk-audit-2': ['id', 'theme', 'question', 'type', 'answer', 'comment'],
} as const satisfies Record<string, ReadonlyArray<ImportColumn>>;
type Layout = keyof typeof LAYOUTS;
const COLUMNS = LAYOUTS[LAYOUT];
/** What the supplier may change; every other column is checked against the grid version. */
const FREE: ReadonlyArray<ImportColumn> = ['answer', 'comment'];
/** The longest answer and comment an audit keeps (AnswerSchema). */
export const MAX_ANSWER = 2000;
export const MAX_COMMENT = 5000;

/** The words the supplier picks from, in each language; both are read back. */
const WORDS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  fr: { yes: 'oui', partly: 'partiellement', no: 'non', na: 'sans objet', [UNDUE_DELAY]: 'dans les meilleurs délais' },
  en: { yes: 'yes', partly: 'partly', no: 'no', na: 'n/a', [UNDUE_DELAY]: 'without undue delay' },
};
/** Other spellings read back. */
const ALIASES: Readonly<Record<string, string>> = { partiel: 'partly', na: 'na', 'sans-objet': 'na', 'sans délai injustifié': UNDUE_DELAY, 'sans retard injustifié': UNDUE_DELAY };

function word(lang: Language, value: string): string {
  return WORDS[lang][value] ?? value;
}

/** An answer as typed in the sheet, back to its code ("Oui" → yes, "N/A" → na, "48 h" → 48); numbers as written. */
export function readWord(raw: string): string {
  const v = raw.trim().toLowerCase().replace(/\s+/g, ' ');
  for (const lang of ['fr', 'en'] as const) {
    for (const [code, w] of Object.entries(WORDS[lang])) if (w === v) return code;
  }
  if (v in ALIASES) return ALIASES[v]!;
  const hours = /^(\d+(?:[.,]\d+)?)\s*(?:h|hrs?|hours?|heures?)$/.exec(v);
  if (hours) return hours[1]!.replace(',', '.');
  return raw.trim().replace(',', '.');
}

function headers(lang: Language, layout: Layout = LAYOUT): string[] {
  return LAYOUTS[layout].map((c) => translate(lang, `auditDoc.col.${c}`));
}

/** The expected answer as layout 1 wrote it (only to check such a workbook's locked column). */
function expectedText(lang: Language, q: Question): string {
  if (q.type === 'number' || q.type === 'hours') return `≤ ${q.expected}`;
  if (q.type === 'text') return '';
  return word(lang, q.expected);
}

/** What a locked cell of question `q` holds in a workbook in `lang`. */
function lockedText(lang: Language, template: TemplateDoc, q: Question, column: ImportColumn): string {
  switch (column) {
    case 'id':
      return q.id;
    case 'theme': {
      const th = template.themes.find((x) => x.id === q.theme);
      return th ? (lang === 'fr' ? th.labelFr : th.labelEn) : q.theme;
    }
    case 'question':
      return lang === 'fr' ? q.textFr : q.textEn;
    case 'type':
      return translate(lang, `auditDoc.type.${q.type}`);
    case 'expected':
      return expectedText(lang, q);
    default:
      return '';
  }
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The column letter of a 1-based index (A to Z is enough here). */
const letter = (i: number) => String.fromCharCode(64 + i);

/**
 * The questionnaire the supplier receives: no expected answer (the supplier is asked, not told);
 * printable (A4 landscape, one page wide, the header row repeated, wrapped text); the sheet is
 * protected without a password except the answer and comment cells (a hint, not a lock: the
 * import checks the locked columns itself).
 */
export async function buildQuestionnaireXlsx(p: { lang: Language; auditId: string; supplier: string; templateName: string; template: TemplateDoc; templateVersion: number; answers: Readonly<Record<string, Answer>> }): Promise<Buffer> {
  const t = (k: string, params?: Record<string, string | number>) => translate(p.lang, k, params);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DPO Desk';
  const ws = wb.addWorksheet(t('auditDoc.sheet'), {
    views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: `${FIRST_ROW - 1}:${FIRST_ROW - 1}`,
    },
    headerFooter: { oddFooter: `&L${p.supplier.replace(/&/g, '&&')}&R&P / &N` },
  });
  const answerCol = COLUMNS.indexOf('answer') + 1;
  const commentCol = COLUMNS.indexOf('comment') + 1;
  const last = letter(COLUMNS.length);
  const widths = [6, 22, 62, 14, 20, 48];
  ws.columns = widths.map((width) => ({ width }));
  ws.getCell('A1').value = `${t('auditDoc.title')} – ${p.supplier}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.mergeCells(`A2:${last}2`);
  ws.getCell('A2').value = t('auditDoc.instructions');
  ws.getCell('A2').alignment = { wrapText: true, vertical: 'top' };
  ws.getRow(2).height = 32;
  ws.getCell('A3').value = `${p.templateName} (v${p.templateVersion})`;
  const head = ws.getRow(FIRST_ROW - 1);
  head.values = headers(p.lang);
  head.font = { bold: true };
  head.alignment = { wrapText: true, vertical: 'middle' };
  head.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8ECF2' } };
    c.border = { bottom: { style: 'thin' } };
  });
  const scaleList = `"${['yes', 'partly', 'no', 'na'].map((v) => word(p.lang, v)).join(',')}"`;
  const docList = `"${['yes', 'no', 'na'].map((v) => word(p.lang, v)).join(',')}"`;
  p.template.questions.forEach((q, i) => {
    const row = ws.getRow(FIRST_ROW + i);
    const a = p.answers[q.id];
    const answer = a?.value ? (q.type === 'number' || q.type === 'text' || (q.type === 'hours' && a.value !== UNDUE_DELAY && a.value !== 'na') ? a.value : word(p.lang, a.value)) : '';
    const question = lockedText(p.lang, p.template, q, 'question') + (q.critical ? ` (${t('auditDoc.critical')})` : '');
    row.values = COLUMNS.map((c) => (c === 'answer' ? answer : c === 'comment' ? (a?.comment ?? '') : c === 'question' ? question : lockedText(p.lang, p.template, q, c)));
    row.alignment = { wrapText: true, vertical: 'top' };
    row.height = rowHeight((row.values as unknown[]).slice(1).map((v) => String(v ?? '')), widths);
    for (const col of [answerCol, commentCol]) {
      const cell = row.getCell(col);
      cell.protection = { locked: false };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8D6' } };
    }
    const cell = row.getCell(answerCol);
    if (q.type === 'scale' || q.type === 'document') {
      cell.dataValidation = { type: 'list', allowBlank: true, formulae: [q.type === 'scale' ? scaleList : docList], showErrorMessage: true };
    }
  });
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, spinCount: 1 });
  const meta = wb.addWorksheet(META, { state: 'veryHidden' });
  meta.addRow(['layout', LAYOUT]);
  meta.addRow(['audit', p.auditId]);
  meta.addRow(['questions', p.template.questions.map((q) => q.id).join(',')]);
  meta.addRow(['language', p.lang]);
  return heightsNotCustom(Buffer.from(await wb.xlsx.writeBuffer()));
}

/** Points a row needs for its wrapped texts (Calibri 11: 15 pt a line, about a character per unit of width). */
function rowHeight(texts: ReadonlyArray<string>, widths: ReadonlyArray<number>): number {
  const lines = texts.map((text, i) => text.split('\n').reduce((n, part) => n + Math.max(1, Math.ceil(part.length / Math.max(1, (widths[i] ?? 10) - 1))), 0));
  return Math.max(...lines, 1) * 15;
}

/**
 * exceljs marks every row height it writes as custom; a custom height does not grow when the
 * supplier types a long comment. The question rows keep the height computed for printing
 * (LibreOffice takes it as is) without the mark (Excel recomputes it, and grows it as they type).
 */
export function heightsNotCustom(xlsx: Buffer, firstRow = FIRST_ROW): Buffer {
  const files = unzipSync(xlsx);
  const name = 'xl/worksheets/sheet1.xml';
  const sheet = files[name];
  if (!sheet) return xlsx;
  const xml = strFromU8(sheet).replace(/<row r="(\d+)"([^>]*?) customHeight="1"/g, (all, r: string, rest: string) => (Number(r) >= firstRow ? `<row r="${r}"${rest}` : all));
  files[name] = strToU8(xml);
  return Buffer.from(zipSync(files, { level: 6 }));
}

export type ImportResult = Readonly<{ answers: Record<string, Answer>; read: number; problems: ReadonlyArray<ImportProblem>; more: number }>;
export type ImportRefusal = 'notXlsx' | 'notOurFile' | 'otherAudit' | 'layoutChanged' | 'tooLarge';

/**
 * A cell as text. A formula gives its cached value, marked (`formula`); a formula with no cached
 * value, or an error value (#N/A, #REF!…) as a cell or as a formula's result, gives no text and
 * says so; rich text and hyperlinks give their text.
 */
type CellRead = Readonly<{ text: string; note?: 'formula' | 'formulaNoValue' | 'errorValue' }>;
export function readCell(v: ExcelJS.CellValue | undefined): CellRead {
  if (v === null || v === undefined) return { text: '' };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    if ('error' in v) return { text: String(v.error), note: 'errorValue' };
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as { result?: ExcelJS.CellValue }).result;
      if (result === undefined || result === null) return { text: '', note: 'formulaNoValue' };
      const inner = readCell(result);
      return inner.note === 'errorValue' ? inner : { text: inner.text, note: 'formula' };
    }
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((r) => r.text).join('') };
    if ('text' in v) return typeof v.text === 'string' ? { text: v.text } : readCell(v.text as ExcelJS.CellValue);
    return { text: '', note: 'errorValue' };
  }
  return { text: String(v) };
}

const shown = (s: string) => (s.length > 120 ? `${s.slice(0, 120)}…` : s);

/**
 * Reads a filled questionnaire. Returns the refusal when the file cannot be this audit's
 * questionnaire (nothing is to be written then), otherwise the answers read and each row
 * reported (at most IMPORT_REPORT_MAX listed, `more` counts the others).
 */
export async function readQuestionnaireXlsx(buffer: Buffer, auditId: string, template: TemplateDoc): Promise<ImportResult | { refused: ImportRefusal }> {
  const zip = checkZip(buffer);
  if (zip === 'notZip') return { refused: 'notXlsx' };
  if (zip === 'tooLarge') return { refused: 'tooLarge' };
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    return { refused: 'notXlsx' };
  }
  const meta = wb.getWorksheet(META);
  const metaValue = (key: string) => {
    let found = '';
    meta?.eachRow((row) => {
      if (readCell(row.getCell(1).value).text === key) found = readCell(row.getCell(2).value).text;
    });
    return found;
  };
  const layout = metaValue('layout');
  if (!meta || !(layout in LAYOUTS)) return { refused: 'notOurFile' };
  if (metaValue('audit') !== auditId) return { refused: 'otherAudit' };
  if (metaValue('questions') !== template.questions.map((q) => q.id).join(',')) return { refused: 'layoutChanged' };
  const ws = wb.worksheets.find((w) => w.name !== META);
  if (!ws) return { refused: 'layoutChanged' };
  const columns = LAYOUTS[layout as Layout];
  const head = columns.map((_, i) => readCell(ws.getRow(FIRST_ROW - 1).getCell(i + 1).value).text.trim());
  if (!(['fr', 'en'] as const).some((lang) => headers(lang, layout as Layout).every((h, i) => h === head[i]))) return { refused: 'layoutChanged' };
  const col = (c: ImportColumn) => columns.indexOf(c as never) + 1;
  const locked = columns.filter((c) => !FREE.includes(c) && c !== 'id');

  const byId = new Map(template.questions.map((q) => [q.id, q]));
  const answers: Record<string, Answer> = {};
  const problems: ImportProblem[] = [];
  let more = 0;
  const report = (p: ImportProblem) => {
    if (problems.length < IMPORT_REPORT_MAX) problems.push({ ...p, value: shown(p.value) });
    else more++;
  };
  const seen = new Set<string>();
  let read = 0;
  const last = Math.max(ws.rowCount, FIRST_ROW + template.questions.length - 1);
  for (let r = FIRST_ROW; r <= last; r++) {
    const row = ws.getRow(r);
    const id = readCell(row.getCell(1).value).text.trim();
    const answerCell = readCell(row.getCell(col('answer')).value);
    const commentCell = readCell(row.getCell(col('comment')).value);
    if (id === '' && answerCell.text.trim() === '' && commentCell.text.trim() === '' && !answerCell.note && !commentCell.note) continue;
    const q = byId.get(id);
    if (!q) {
      report({ row: r, questionId: id, reason: 'unknownQuestion', value: answerCell.text });
      continue;
    }
    if (seen.has(id)) {
      report({ row: r, questionId: id, reason: 'duplicate', value: answerCell.text });
      continue;
    }
    seen.add(id);
    // The columns the supplier may not change: the question as our grid version words it (either language).
    const changed = locked.find((c) => {
      const cell = norm(readCell(row.getCell(col(c)).value).text);
      return !(['fr', 'en'] as const).some((lang) => {
        const want = norm(lockedText(lang, template, q, c));
        return cell === want || (c === 'question' && q.critical && cell === norm(`${want} (${translate(lang, 'auditDoc.critical')})`));
      });
    });
    if (changed) {
      report({ row: r, questionId: id, reason: 'lockedChanged', column: changed, value: readCell(row.getCell(col(changed)).value).text });
      continue;
    }
    const unreadable = (['answer', 'comment'] as const).find((c) => {
      const n = (c === 'answer' ? answerCell : commentCell).note;
      return n === 'formulaNoValue' || n === 'errorValue';
    });
    if (unreadable) {
      const cell = unreadable === 'answer' ? answerCell : commentCell;
      report({ row: r, questionId: id, reason: cell.note as 'formulaNoValue' | 'errorValue', column: unreadable, value: cell.text });
      continue;
    }
    const rawAnswer = answerCell.text;
    const comment = commentCell.text.trim();
    if (q.type === 'text' && rawAnswer.trim().length > MAX_ANSWER) {
      report({ row: r, questionId: id, reason: 'tooLong', column: 'answer', value: rawAnswer });
      continue;
    }
    if (comment.length > MAX_COMMENT) {
      report({ row: r, questionId: id, reason: 'tooLong', column: 'comment', value: comment });
      continue;
    }
    const value = q.type === 'text' ? rawAnswer.trim() : readWord(rawAnswer);
    if (!validAnswer(q, value) || value.length > MAX_ANSWER) {
      report({ row: r, questionId: id, reason: 'badValue', value: rawAnswer });
      continue;
    }
    if (value !== '' || comment !== '') {
      for (const c of ['answer', 'comment'] as const) {
        const cell = c === 'answer' ? answerCell : commentCell;
        if (cell.note === 'formula') report({ row: r, questionId: id, reason: 'formula', column: c, value: cell.text });
      }
      answers[id] = { value, comment };
      read++;
    }
  }
  return { answers, read, problems, more };
}

/** The audit with the imported answers laid over the ones it had. */
export function withImported(doc: AuditDoc, imported: ImportResult): AuditDoc {
  return { ...doc, answers: { ...doc.answers, ...imported.answers } };
}
