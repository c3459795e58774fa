import type { Language } from '../../../../shared/domain/enums';
import { SHEET_SECTIONS, SHEET_STRUCTURE, type SheetField } from '../../../../shared/domain/record-sheet';
import { translate } from '../../../../shared/i18n';
import { TocCollector } from '../docx/builder';
import { DocxBuilder } from '../docx/docx-builder';
import { packOneSection } from '../docx/one-section';
import { PORTRAIT_TEXT_WIDTH } from '../docx/styles';
import { readonlyValue, shownValue } from './fields';
import type { SheetIdentity } from './xlsx';

/** "Identité : description" under the heading "Identité": "Description". */
function shortLabel(label: string, group: string): string {
  if (!label.startsWith(group)) return label;
  const rest = label.slice(group.length).replace(/^\s*:\s*/, '');
  return rest.charAt(0).toUpperCase() + rest.slice(1);
}

/**
 * The record sheet as Word, to read and print: a table per section (field, current value, room
 * for the owner's answer), how to answer (the .xlsx is the one read back), and the sheet's
 * identification. Word content controls could carry answers back, but Word, LibreOffice and
 * online editors keep or drop them unevenly: a read-back that works only sometimes is worse than
 * a clear "answer in the workbook".
 */
export async function buildRecordSheetDocx(lang: Language, organisation: string, id: SheetIdentity, fields: ReadonlyArray<SheetField>): Promise<Buffer> {
  const t = (k: string, p?: Record<string, string | number>) => translate(lang, k, p);
  const b = new DocxBuilder(new TocCollector());
  b.para(t('recordSheet.docxIntro'));
  b.para(t('recordSheet.docxReturn'));
  const widths = [3000, 3300, PORTRAIT_TEXT_WIDTH - 6300];
  for (const section of SHEET_SECTIONS) {
    const rows = fields.filter((f) => f.section === section);
    if (rows.length === 0) continue;
    b.heading(t(`recordSheet.section.${section}`), 1);
    // Rows of one item (a data category and its retention) under its name, their labels without it.
    const runs: Array<{ group: string; rows: SheetField[] }> = [];
    for (const f of rows) {
      const group = f.group?.[lang] ?? '';
      const last = runs[runs.length - 1];
      if (last && last.group === group) last.rows.push(f);
      else runs.push({ group, rows: [f] });
    }
    for (const run of runs) {
      if (run.group) b.heading(run.group, 2);
      b.table(
        [t('recordSheet.col.field'), t('recordSheet.col.current'), t('recordSheet.col.answer')],
        run.rows.map((f) => {
          const current = f.type === 'readonly' ? readonlyValue(f, lang) : shownValue(f.type, f.value, lang);
          const label = run.group ? shortLabel(f.label[lang], run.group) : f.label[lang];
          return [label, f.type === 'remark' ? '' : current || t('recordSheet.empty'), f.type === 'readonly' ? `(${t('recordSheet.readOnly')})` : '\n'];
        }),
        widths,
      );
    }
  }
  b.para(t('recordSheet.identification', { sheet: id.sheetId, ref: id.ref, version: id.recordVersion, structure: SHEET_STRUCTURE, date: id.sentOn }), 'CoverMuted');
  return packOneSection({
    organisation,
    title: `${t('recordSheet.title')} – ${id.ref} – ${id.name}`,
    lead: [id.sentTo ? `${id.sentOn} · ${t('recordSheet.sentTo', { to: id.sentTo })}` : id.sentOn],
    children: b.children,
    page: { prefix: t('breachDoc.pagePrefix'), of: t('breachDoc.pageOf') },
  });
}
