import ExcelJS from 'exceljs';
import type { Answer, AuditDoc, ImportProblem, Question, TemplateDoc } from '../../../shared/domain/audit';
export type { ImportProblem };
import { validAnswer } from '../../../shared/domain/audit';
import type { Language } from '../../../shared/domain/enums';
import { translate } from '../../../shared/i18n';

/**
 * The questionnaire as an .xlsx the supplier fills in, and reading its answers back (exceljs:
 * a maintained reader and writer, where a hand-written one would miss shared strings, rich
 * text and dates). A hidden sheet names the audit and the layout; a file that is not the one
 * sent, or whose layout was changed, is refused whole; a row whose answer cannot be read is
 * reported and left out, the others are taken.
 */

export const LAYOUT = 'dpo-desk-audit-1';
const META = '_dpo';
const FIRST_ROW = 5;
const COLUMNS = ['id', 'theme', 'question', 'type', 'expected', 'answer', 'comment'] as const;

/** The words the supplier picks from, in each language; both are read back. */
const WORDS: Readonly<Record<Language, Readonly<Record<string, string>>>> = {
  fr: { yes: 'oui', partly: 'partiellement', no: 'non', na: 'sans objet' },
  en: { yes: 'yes', partly: 'partly', no: 'no', na: 'n/a' },
};

function word(lang: Language, value: string): string {
  return WORDS[lang][value] ?? value;
}

/** An answer as typed in the sheet, back to its code ("Oui" → yes, "N/A" → na); numbers as written. */
export function readWord(raw: string): string {
  const v = raw.trim().toLowerCase();
  for (const lang of ['fr', 'en'] as const) {
    for (const [code, w] of Object.entries(WORDS[lang])) if (w === v) return code;
  }
  if (v === 'partiel' || v === 'na' || v === 'sans-objet') return v === 'partiel' ? 'partly' : 'na';
  return raw.trim().replace(',', '.');
}

function headers(lang: Language): string[] {
  return COLUMNS.map((c) => translate(lang, `auditDoc.col.${c}`));
}

function expectedText(lang: Language, q: Question): string {
  if (q.type === 'number') return `≤ ${q.expected}`;
  if (q.type === 'text') return '';
  return word(lang, q.expected);
}

export async function buildQuestionnaireXlsx(p: { lang: Language; auditId: string; supplier: string; templateName: string; template: TemplateDoc; templateVersion: number; answers: Readonly<Record<string, Answer>> }): Promise<Buffer> {
  const t = (k: string, params?: Record<string, string | number>) => translate(p.lang, k, params);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'DPO Desk';
  const ws = wb.addWorksheet(t('auditDoc.sheet'), { views: [{ state: 'frozen', ySplit: FIRST_ROW - 1 }] });
  ws.columns = [{ width: 8 }, { width: 28 }, { width: 70 }, { width: 14 }, { width: 14 }, { width: 18 }, { width: 50 }];
  ws.getCell('A1').value = `${t('auditDoc.title')} – ${p.supplier}`;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = t('auditDoc.instructions');
  ws.getCell('A3').value = `${p.templateName} (v${p.templateVersion})`;
  const head = ws.getRow(FIRST_ROW - 1);
  head.values = headers(p.lang);
  head.font = { bold: true };
  const themes = new Map(p.template.themes.map((th) => [th.id, p.lang === 'fr' ? th.labelFr : th.labelEn]));
  const scaleList = `"${['yes', 'partly', 'no', 'na'].map((v) => word(p.lang, v)).join(',')}"`;
  const docList = `"${['yes', 'no', 'na'].map((v) => word(p.lang, v)).join(',')}"`;
  p.template.questions.forEach((q, i) => {
    const row = ws.getRow(FIRST_ROW + i);
    const a = p.answers[q.id];
    const answer = a?.value ? (q.type === 'number' || q.type === 'text' ? a.value : word(p.lang, a.value)) : '';
    row.values = [q.id, themes.get(q.theme) ?? q.theme, p.lang === 'fr' ? q.textFr : q.textEn, t(`auditDoc.type.${q.type}`), expectedText(p.lang, q), answer, a?.comment ?? ''];
    row.alignment = { wrapText: true, vertical: 'top' };
    const cell = row.getCell(6);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8D6' } };
    if (q.type === 'scale' || q.type === 'document') {
      cell.dataValidation = { type: 'list', allowBlank: true, formulae: [q.type === 'scale' ? scaleList : docList], showErrorMessage: true };
    }
  });
  const meta = wb.addWorksheet(META, { state: 'veryHidden' });
  meta.addRow(['layout', LAYOUT]);
  meta.addRow(['audit', p.auditId]);
  meta.addRow(['questions', p.template.questions.map((q) => q.id).join(',')]);
  meta.addRow(['language', p.lang]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export type ImportResult = Readonly<{ answers: Record<string, Answer>; read: number; problems: ReadonlyArray<ImportProblem> }>;
export type ImportRefusal = 'notXlsx' | 'notOurFile' | 'otherAudit' | 'layoutChanged';

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return v.toISOString().slice(0, 10);
  }
  return String(v);
}

/**
 * Reads a filled questionnaire. Returns the refusal when the file cannot be this audit's
 * questionnaire (nothing is to be written then), otherwise the answers read and each row that
 * could not be read.
 */
export async function readQuestionnaireXlsx(buffer: Buffer, auditId: string, template: TemplateDoc): Promise<ImportResult | { refused: ImportRefusal }> {
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
      if (cellText(row.getCell(1).value) === key) found = cellText(row.getCell(2).value);
    });
    return found;
  };
  if (!meta || metaValue('layout') !== LAYOUT) return { refused: 'notOurFile' };
  if (metaValue('audit') !== auditId) return { refused: 'otherAudit' };
  if (metaValue('questions') !== template.questions.map((q) => q.id).join(',')) return { refused: 'layoutChanged' };
  const ws = wb.worksheets.find((w) => w.name !== META);
  if (!ws) return { refused: 'layoutChanged' };
  const head = COLUMNS.map((_, i) => cellText(ws.getRow(FIRST_ROW - 1).getCell(i + 1).value).trim());
  if (!(['fr', 'en'] as const).some((lang) => headers(lang).every((h, i) => h === head[i]))) return { refused: 'layoutChanged' };

  const byId = new Map(template.questions.map((q) => [q.id, q]));
  const answers: Record<string, Answer> = {};
  const problems: ImportProblem[] = [];
  let read = 0;
  const last = Math.max(ws.rowCount, FIRST_ROW + template.questions.length - 1);
  for (let r = FIRST_ROW; r <= last; r++) {
    const row = ws.getRow(r);
    const id = cellText(row.getCell(1).value).trim();
    const rawAnswer = cellText(row.getCell(6).value);
    const comment = cellText(row.getCell(7).value).trim().slice(0, 5000);
    if (id === '' && rawAnswer.trim() === '' && comment === '') continue;
    const q = byId.get(id);
    if (!q) {
      problems.push({ row: r, questionId: id, reason: 'unknownQuestion', value: rawAnswer });
      continue;
    }
    if (id in answers) {
      problems.push({ row: r, questionId: id, reason: 'duplicate', value: rawAnswer });
      continue;
    }
    const value = q.type === 'text' ? rawAnswer.trim().slice(0, 2000) : readWord(rawAnswer);
    if (!validAnswer(q, value)) {
      problems.push({ row: r, questionId: id, reason: 'badValue', value: rawAnswer });
      continue;
    }
    if (value !== '' || comment !== '') {
      answers[id] = { value, comment };
      read++;
    }
  }
  return { answers, read, problems };
}

/** The audit with the imported answers laid over the ones it had. */
export function withImported(doc: AuditDoc, imported: ImportResult): AuditDoc {
  return { ...doc, answers: { ...doc.answers, ...imported.answers } };
}
