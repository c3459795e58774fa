import { ALL_DATA_CATEGORIES, type Language } from '../../../../shared/domain/enums';
import type { ControllerDoc, Retention } from '../../../../shared/domain/register';
import { referenceLabel, type ReferenceListName, type ReferenceLists } from '../../../../shared/domain/reference-lists';
import type { RecordTransfer } from '../../../../shared/domain/record-transfers';
import { SHEET_SECTIONS, type SheetField, type SheetFieldType, type SheetSection } from '../../../../shared/domain/record-sheet';
import { countryName } from '../../../../shared/domain/countries';
import { translate } from '../../../../shared/i18n';

/**
 * The rows of a record sheet: every field of a controller record its business owner can know
 * (what the processing is for, whom and what it concerns, how long data are kept, who receives
 * them, how they are protected, where they come from, the notes), with the record's value; the
 * transfers as they stand in the transfer register (read-only); one free "anything else?" row per
 * section. Legal qualifications (legal bases, Art. 9 condition, DPIA, status) stay the DPO's:
 * shown in the labels where they help, not asked.
 */

/** Excel keeps at most 32,767 characters in a cell: a longer value is shown read-only. */
const CELL_MAX = 32_000;

type Labels = Readonly<{ fr: string; en: string }>;
const both = (key: string, params: (lang: Language) => Record<string, string | number> = () => ({})): Labels => ({
  fr: translate('fr', `recordSheet.field.${key}`, params('fr')),
  en: translate('en', `recordSheet.field.${key}`, params('en')),
});

export function sheetFields(doc: ControllerDoc, lists: ReferenceLists, transfers: ReadonlyArray<RecordTransfer>): SheetField[] {
  const out: SheetField[] = [];
  let group: Labels | undefined;
  const add = (section: SheetSection, key: string, label: Labels, type: SheetFieldType, value: string, path: ReadonlyArray<string | number>, anchor?: SheetField['anchor']) => {
    const long = type === 'text' && value.length > CELL_MAX;
    out.push({ key, section, label, type: long ? 'readonly' : type, value: long ? value.slice(0, CELL_MAX) : value, path: long ? [] : path, ...(anchor ? { anchor } : {}), ...(group ? { group } : {}) });
  };
  const ref = (list: ReferenceListName, code: string) => (lang: Language) => referenceLabel(lists, list, code, lang);
  const text = (section: SheetSection, path: ReadonlyArray<string | number>, label: Labels, value: string, anchor?: SheetField['anchor']) => add(section, path.join('.'), label, 'text', value, path, anchor);
  const remark = (section: SheetSection) => add(section, `remark.${section}`, both('remark'), 'remark', '', []);

  // General
  text('general', ['name'], both('name'), doc.name);
  text('general', ['software'], both('software'), doc.software);
  remark('general');

  // Purposes, with the details of their legal bases (the basis itself is the DPO's call).
  doc.purposes.forEach((p, i) => {
    const purpose = (lang: Language) => (i === 0 ? translate(lang, 'recordSheet.field.purposeMain') : translate(lang, 'recordSheet.field.purpose', { n: i + 1 }));
    text('purposes', ['purposes', i, 'text'], { fr: purpose('fr'), en: purpose('en') }, p.text);
    p.bases.forEach((b, j) => {
      if (!b.basis) return;
      text('purposes', ['purposes', i, 'bases', j, 'detail'], both('basisDetail', (lang) => ({ purpose: purpose(lang), basis: translate(lang, `enums.legalBasis.${b.basis}`) })), b.detail, { list: `purposes.${i}.bases`, index: j, code: b.basis });
    });
  });
  remark('purposes');

  doc.dataSubjects.forEach((s, i) => {
    text('subjects', ['dataSubjects', i, 'details'], both('subject', (lang) => ({ category: ref('dataSubjects', s.category)(lang) })), s.details, { list: 'dataSubjects', index: i, code: s.category });
  });
  remark('subjects');

  const retentionRows = (section: SheetSection, list: 'dataCategories' | 'specialCategories', i: number, r: Retention, category: (lang: Language) => string, anchor: SheetField['anchor']) => {
    const l = (key: string) => both(key, (lang) => ({ category: category(lang) }));
    const at = (...rest: string[]) => [list, i, 'retention', ...rest];
    add(section, at('duration').join('.'), l('duration'), 'number', r.duration === null ? '' : String(r.duration), at('duration'), anchor);
    add(section, at('unit').join('.'), l('unit'), 'unit', r.unit, at('unit'), anchor);
    text(section, at('criterion'), l('criterion'), r.criterion, anchor);
    add(section, at('archive', 'duration').join('.'), l('archiveDuration'), 'number', r.archive.duration === null ? '' : String(r.archive.duration), at('archive', 'duration'), anchor);
    add(section, at('archive', 'unit').join('.'), l('archiveUnit'), 'unit', r.archive.unit, at('archive', 'unit'), anchor);
    text(section, at('archive', 'criterion'), l('archiveCriterion'), r.archive.criterion, anchor);
    text(section, at('archive', 'reason'), l('archiveReason'), r.archive.reason, anchor);
    add(section, at('end').join('.'), l('end'), 'end', r.end, at('end'), anchor);
    text(section, at('note'), l('retentionNote'), r.note, anchor);
  };

  const seen = new Map<string, number>();
  doc.dataCategories.forEach((d, i) => {
    const n = (seen.get(d.category) ?? 0) + 1;
    seen.set(d.category, n);
    const repeated = doc.dataCategories.filter((x) => x.category === d.category).length > 1;
    const category = (lang: Language) => (d.category === ALL_DATA_CATEGORIES ? translate(lang, 'enums.allDataCategories') : referenceLabel(lists, 'dataCategories', d.category, lang)) + (repeated ? ` (${n})` : '');
    const anchor = { list: 'dataCategories', index: i, code: d.category };
    group = { fr: category('fr'), en: category('en') };
    text('data', ['dataCategories', i, 'description'], both('description', (lang) => ({ category: category(lang) })), d.description, anchor);
    retentionRows('data', 'dataCategories', i, d.retention, category, anchor);
  });
  group = undefined;
  remark('data');

  doc.specialCategories.forEach((s, i) => {
    const category = (lang: Language) => translate(lang, `enums.special.${s.category}`);
    const anchor = { list: 'specialCategories', index: i, code: s.category };
    group = { fr: category('fr'), en: category('en') };
    text('special', ['specialCategories', i, 'description'], both('description', (lang) => ({ category: category(lang) })), s.description, anchor);
    retentionRows('special', 'specialCategories', i, s.retention, category, anchor);
  });
  group = undefined;
  if (doc.specialCategories.length > 0 && doc.art9Condition) text('special', ['art9Detail'], both('art9Detail'), doc.art9Detail);
  remark('special');

  doc.recipients.forEach((r, i) => {
    const recipient = (lang: Language) => [translate(lang, `enums.recipientType.${r.type}`), r.category ? referenceLabel(lists, 'recipients', r.category, lang) : ''].filter(Boolean).join(' – ');
    const anchor = { list: 'recipients', index: i, code: `${r.type}/${r.category}` };
    text('recipients', ['recipients', i, 'name'], both('recipientName', (lang) => ({ recipient: recipient(lang) })), r.name, anchor);
    text('recipients', ['recipients', i, 'details'], both('recipientDetails', (lang) => ({ recipient: recipient(lang) })), r.details, anchor);
  });
  remark('recipients');

  doc.securityMeasures.forEach((m, i) => {
    text('security', ['securityMeasures', i, 'details'], both('security', (lang) => ({ measure: ref('securityMeasures', m.type)(lang) })), m.details, { list: 'securityMeasures', index: i, code: m.type });
  });
  remark('security');

  text('sources', ['sources'], both('sources'), doc.sources);

  transfers.forEach((t, i) => {
    const value = (lang: Language) =>
      translate(lang, 'recordSheet.transferValue', { importer: t.importer || t.title, country: countryName(lang, t.importerCountry), mechanism: t.mechanism ? translate(lang, `transfer.mechanism.${t.mechanism}`) : '—' });
    // The value is language-dependent: kept in French and English in the label's place would make it
    // a label; a read-only row's value is not compared on import, so the sheet's language is used.
    out.push({ key: `transfer.${i}`, section: 'transfers', label: both('transfer', () => ({ n: i + 1 })), type: 'readonly', value: `${value('fr')}\n${value('en')}`, path: [] });
  });
  remark('transfers');

  text('notes', ['notes'], both('notes'), doc.notes);
  return out.sort((a, b) => SHEET_SECTIONS.indexOf(a.section) - SHEET_SECTIONS.indexOf(b.section));
}

/** A read-only transfer row's value in one language (kept as "fr\nen"). */
export function readonlyValue(f: SheetField, lang: Language): string {
  if (f.key.startsWith('transfer.')) {
    const [fr, en] = f.value.split('\n');
    return (lang === 'fr' ? fr : en) ?? f.value;
  }
  return f.value;
}

/** A value as the sheet and the review screen show it: a code as its label. */
export function shownValue(type: SheetFieldType, value: string, lang: Language): string {
  if (type === 'unit') return value ? translate(lang, `enums.retentionUnit.${value}`) : '';
  if (type === 'end') return value ? translate(lang, `enums.retentionEnd.${value}`) : '';
  return value;
}

/** What the owner wrote, back to the value's form; `error` (an i18n message key) when it cannot be. */
export function parseAnswer(type: SheetFieldType, raw: string): { value: string } | { value: string; error: string } {
  const v = raw.replace(/\r\n?/g, '\n').trim();
  if (type === 'number') {
    if (v === '') return { value: '' };
    const n = v.replace(/\s/g, '').replace(',', '.');
    if (!/^\d+(\.0+)?$/.test(n)) return { value: v, error: /^-?\d+([.]\d+)?$/.test(n) ? 'integer' : 'number' };
    return { value: String(Number(n)) };
  }
  if (type === 'unit' || type === 'end') {
    if (v === '') return type === 'end' ? { value: '' } : { value: v, error: 'choice' };
    const codes = type === 'unit' ? ['days', 'months', 'years'] : ['delete', 'anonymise'];
    const key = type === 'unit' ? 'retentionUnit' : 'retentionEnd';
    const folded = v.toLowerCase();
    for (const code of codes) {
      const names = [code, translate('fr', `enums.${key}.${code}`), translate('en', `enums.${key}.${code}`)];
      if (type === 'unit') names.push(translate('fr', `enums.retentionUnitOne.${code}`), translate('en', `enums.retentionUnitOne.${code}`));
      if (names.some((x) => x.toLowerCase() === folded)) return { value: code };
    }
    return { value: v, error: 'choice' };
  }
  return { value: v };
}
