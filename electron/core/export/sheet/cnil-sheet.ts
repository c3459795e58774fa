import type { ControllerDoc } from '../../../../shared/domain/register';
import { countryName } from '../../../../shared/domain/countries';
import { translate } from '../../../../shared/i18n';
import { categoryLabel, context, retentionText, safeguardText, transfersOf, type Ctx } from '../docx/content';
import { docDate } from '../docx/dates';
import type { ExportEntry, RegisterExportModel } from '../model';
import { metaSheet } from './register-sheet';
import { day, lazyRows, splitLongTexts, uniqueSheetName, type Cell, type CellValue, type Row, type Sheet, type Workbook } from './sheet-model';

/**
 * The controller register as the CNIL's own workbook (registre-traitement-simplifie.ods): the
 * list of processing with the organisation header (tab 2), then one record sheet per record laid
 * out like tab 3: the CNIL's labels in column A, its rows in its order, values from column B,
 * with more rows where a record has more (a sixth sub-purpose, a fifth recipient), as users do
 * when they fill the model. What the model has no row for (legal bases, DPIA, status…) follows
 * in a last block of its own, so the CNIL rows stay as the CNIL wrote them. The CNIL model is a
 * controller's register: processor records are not in it (the flat workbook has them).
 */

export const CNIL_LAYOUT = 'dpo-desk-cnil-1';

/** The CNIL's ordinary-data rows and the app's category each one stands for (NIR is a special category in the app). */
const CNIL_CATEGORIES = ['IDENTITY', 'PERSONAL_LIFE', 'ECONOMIC', 'CONNECTION', 'LOCATION', 'NIR'] as const;
const CNIL_SPECIAL = ['RACIAL_ETHNIC', 'POLITICAL', 'RELIGIOUS', 'TRADE_UNION', 'GENETIC', 'BIOMETRIC', 'HEALTH', 'SEX_LIFE', 'CRIMINAL'] as const;
const CNIL_SAFEGUARDS = new Set(['SCC_2021', 'BCR', 'ADEQUACY', 'LEGACY_PRIVACY_SHIELD', 'CODE_CERTIFICATION', 'DEROGATION_49']);

/** The CNIL's eight columns; the retention table of our extra block uses three more. */
const WIDTHS = [42, 22, 22, 14, 16, 16, 16, 22];
const RECORD_PRINT = { landscape: false, fitWidth: true } as const;
const COLS = WIDTHS.length;

const k = (c: Ctx, key: string, params?: Record<string, string | number>) => c.t(`sheet.cnil.${key}`, params);
const label = (v: string): Cell => ({ v, style: 'label' });
const head = (v: string, span = 1): Cell => ({ v, style: 'header', span });
/** A value over `span` columns, the covered ones left empty (as merged cells are). */
const spanned = (v: CellValue, span: number): Array<Cell | CellValue> => [{ v, span }, ...Array<CellValue>(span - 1).fill(null)];
const section = (v: string): Row => [{ v, style: 'section', span: COLS }, ...Array<CellValue>(COLS - 1).fill(null)];
/** A CNIL block row: label, a description over B:D, a second value over E:H. */
const block = (a: Cell | string, b: CellValue, e: CellValue): Row => [typeof a === 'string' ? label(a) : a, ...spanned(b, 3), ...spanned(e, 4)];
const blockHead = (a: string, b: string, e: string): Row => [{ v: a, style: 'section' }, head(b, 3), null, null, head(e, 4), null, null, null];

/** At least `min` rows, numbered as the CNIL numbers them, filled from `items`. */
function numbered<T>(items: ReadonlyArray<T>, min: number, row: (item: T | undefined, n: number) => Row): Row[] {
  return Array.from({ length: Math.max(min, items.length) }, (_, i) => row(items[i], i + 1));
}

function listSheet(c: Ctx, name: string): Sheet {
  const o = c.m.organisation;
  // The CNIL's header: the head of the organisation (our legal representative) at the organisation's
  // address, then the representative in the Union of a controller established outside it (Art. 27), then the DPO.
  const rows: Row[] = [
    [label(k(c, 'orgHead')), label(k(c, 'lastName')), o.representative.name, label(k(c, 'firstName')), '', label(k(c, 'address')), o.address, label(k(c, 'email')), o.email],
    [null, label(k(c, 'postcode')), o.postcode, label(k(c, 'city')), o.city, label(k(c, 'phone')), o.phone, null, null],
    [label(k(c, 'repHead')), label(k(c, 'lastName')), o.euRepresentative.name, label(k(c, 'firstName')), '', label(k(c, 'address')), o.euRepresentative.address, label(k(c, 'email')), o.euRepresentative.email],
    [null, label(k(c, 'postcode')), '', label(k(c, 'city')), '', label(k(c, 'phone')), o.euRepresentative.phone, null, null],
    [label(k(c, 'dpoHead')), label(k(c, 'lastName')), o.dpo.name, label(k(c, 'firstName')), '', label(k(c, 'listDpoCompany')), o.dpo.company, label(k(c, 'address')), o.dpo.address],
    [null, label(k(c, 'postcode')), '', label(k(c, 'city')), '', label(k(c, 'phone')), o.dpo.phone, label(k(c, 'email')), o.dpo.email],
    [{ v: k(c, 'identification'), style: 'section', span: 4 }, null, null, null, { v: k(c, 'purpose'), style: 'section', span: 3 }, null, null, { v: k(c, 'sensitive'), style: 'section', span: 2 }, null],
    [head(k(c, 'listName')), head(k(c, 'listRef')), head(k(c, 'listCreated')), head(k(c, 'listUpdated')), head('', 3), null, null, head(k(c, 'yesNo'), 2), null],
    ...c.m.controller.map((e): Row => [
      e.doc.name,
      e.doc.ref,
      day(e.createdAt),
      day(e.updatedAt),
      ...spanned(e.doc.purposes.map((p) => p.text.trim()).filter(Boolean).join(', '), 3),
      ...spanned(c.t(e.doc.specialCategories.length ? 'sheet.yes' : 'sheet.no'), 2),
    ]),
  ];
  return { name, widths: [40, 16, 16, 18, 22, 22, 22, 16, 28], frozenRows: 8, rows, print: { landscape: true, fitWidth: true } };
}

function securityLabel(c: Ctx, type: string): string {
  return type === 'OTHER' ? k(c, 'securityKind.OTHER') : c.label('securityMeasures', type);
}

function transferRows(c: Ctx, e: ExportEntry<ControllerDoc>): Row[] {
  const lang = c.m.options.language;
  const { linked, toConvert } = transfersOf(c, e);
  const items = [
    ...linked.map((t) => ({
      recipient: t.importer,
      country: countryName(lang, t.importerCountry),
      safeguard: !t.mechanism ? '' : CNIL_SAFEGUARDS.has(t.mechanism) ? k(c, `safeguard.${t.mechanism}`) : c.t(`transfer.mechanism.${t.mechanism}`),
      docs: [t.title, t.module ? c.t(`transfer.module.${t.module}`) : '', t.accessCountries.length ? k(c, 'accessFrom', { countries: t.accessCountries.map((x) => countryName(lang, x)).join(', ') }) : ''].filter(Boolean).join('\n'),
    })),
    ...toConvert.map((x) => ({ recipient: x.recipient, country: x.country, safeguard: x.safeguard && CNIL_SAFEGUARDS.has(x.safeguard) ? k(c, `safeguard.${x.safeguard}`) : x.safeguard ? safeguardText(c, x.safeguard) : '', docs: [x.document, c.t('export.toConvert')].filter(Boolean).join('\n') })),
  ];
  return numbered(items, 4, (t, n) => [label(k(c, 'transferN', { n })), t?.recipient ?? null, t?.country ?? null, ...spanned(t?.safeguard ?? null, 2), ...spanned(t?.docs ?? null, 3)]);
}

/**
 * A recipient in the CNIL's "Précisions" cell: "Catégorie — Nom : précisions", as a reader
 * writes it; our import splits it back at the dash after a known category and the first colon
 * (cnil.ts, for a workbook we wrote).
 */
export function recipientText(c: Ctx, x: ControllerDoc['recipients'][number]): string {
  const body = x.details ? k(c, 'recipientText', { name: x.name, details: x.details }) : x.name;
  const category = x.category ? c.label('recipients', x.category) : '';
  return category && body ? `${category} — ${body}` : category || body;
}

/**
 * Each category row's retention, phase by phase (active use, intermediate archive, end, note),
 * one cell each, in the record's order: the CNIL cell says it in words, these give it back whole.
 */
function retentionTable(c: Ctx, d: ControllerDoc): Row[] {
  const rows = [
    ...d.dataCategories.map((x) => ({ label: categoryLabel(c, x.category), special: false, r: x.retention })),
    ...d.specialCategories.map((x) => ({ label: c.t(`enums.special.${x.category}`), special: true, r: x.retention })),
  ];
  if (rows.length === 0) return [];
  const unit = (p: { duration: number | null; unit: string }) => (p.duration === null ? null : c.t(`enums.retentionUnit.${p.unit}`));
  const f = (key: string) => c.t(`fields.${key}`);
  return [
    [{ v: k(c, 'retentionTable'), style: 'section' }, ...[c.t('sheet.col.kind'), f('duration'), f('unit'), f('criterion'), c.t('sheet.col.archiveDuration'), c.t('sheet.col.archiveUnit'), c.t('sheet.col.archiveCriterion'), f('archiveReason'), f('end'), f('note')].map((h) => head(h))],
    ...rows.map(({ label: l, special, r }): Row => [
      label(l),
      c.t(special ? 'sheet.sensitive' : 'sheet.ordinary'),
      r.duration,
      unit(r),
      r.criterion || null,
      r.archive.duration,
      unit(r.archive),
      r.archive.criterion || null,
      r.archive.reason || null,
      r.end ? c.t(`enums.retentionEnd.${r.end}`) : null,
      r.note || null,
    ]),
  ];
}

function recordSheet(c: Ctx, name: string, e: ExportEntry<ControllerDoc>): Sheet {
  const d = e.doc;
  const o = c.m.organisation;
  const f = (key: string) => c.t(`fields.${key}`);
  const value = (a: string, v: CellValue): Row => [label(a), ...spanned(v, COLS - 1)];
  const actor = (a: string, v: ReadonlyArray<string>): Row => [label(a), ...v.map((x) => x || null)];
  const retention = (r: ControllerDoc['dataCategories'][number]['retention']) => retentionText(c, r) || null;

  // Ordinary data: the CNIL's six rows, each with the record's rows of that category (or empty), then the app's other categories.
  const categoryRows: Row[] = [];
  for (const code of CNIL_CATEGORIES) {
    const found =
      code === 'NIR'
        ? d.specialCategories.filter((x) => x.category === 'NIR')
        : d.dataCategories.filter((x) => x.category === code);
    if (found.length === 0) categoryRows.push(block(k(c, `cat.${code}`), null, null));
    for (const x of found) categoryRows.push(block(k(c, `cat.${code}`), x.description || null, retention(x.retention)));
  }
  for (const x of d.dataCategories.filter((x) => !(CNIL_CATEGORIES as ReadonlyArray<string>).includes(x.category))) {
    categoryRows.push(block(categoryLabel(c, x.category), x.description || null, retention(x.retention)));
  }
  const specialRows = CNIL_SPECIAL.map((code) => {
    const x = d.specialCategories.find((s) => s.category === code);
    return block(k(c, `special.${code}`), x ? x.description || null : null, x ? retention(x.retention) : null);
  });

  const subPurposes = d.purposes.slice(1);
  const more: Row[] = [
    ...d.purposes.flatMap((p, i) => {
      const basisFor = k(c, 'basisFor', { purpose: i === 0 ? k(c, 'mainPurpose') : k(c, 'subPurpose', { n: i }) });
      const bases = p.bases.filter((b) => b.basis || b.detail.trim()).map((b) => [b.basis ? c.t(`enums.legalBasis.${b.basis}`) : '', b.detail].filter(Boolean).join(' – '));
      return [value(basisFor, bases.join('\n') || null), ...(p.review ? [value(`${basisFor} – ${f('review')}`, c.t('sheet.yes'))] : [])];
    }),
    value(f('status'), c.t(`enums.status.${d.status}`)),
    value(f('department'), d.department ? c.label('departments', d.department) : null),
    value(f('software'), d.software || null),
    value(f('art9Condition'), d.art9Condition ? c.t(`enums.art9.${d.art9Condition}`) : null),
    value(f('art9Detail'), d.art9Detail || null),
    value(f('art10Basis'), d.art10Basis || null),
    value(f('sources'), d.sources || null),
    value(f('dpiaNeeded'), c.t(`enums.dpiaNeeded.${d.dpia.needed}`)),
    value(f('dpiaDone'), c.t(d.dpia.done ? 'sheet.yes' : 'sheet.no')),
    value(f('dpiaDate'), day(d.dpia.date)),
    value(f('dpiaReason'), d.dpia.reason || null),
    value(f('nextReview'), day(d.nextReview)),
    value(f('notes'), d.notes || null),
    // What the CNIL's actor row has no column for, and each retention with its phases in its own cells (the CNIL cell holds it as text).
    ...d.jointControllers.flatMap((p, i) => (p.details ? [value(k(c, 'jointDetails', { n: i + 1 }), p.details)] : [])),
    ...retentionTable(c, d),
  ];

  const rows: Row[] = [
    [{ v: k(c, 'sheetTitle'), style: 'title' }, null, null, null, null, null, null, { v: d.ref, style: 'label' }],
    [{ v: k(c, 'exported', { date: docDate(c.m.options.language, c.m.generatedAt) }), style: 'note', span: COLS }, ...Array<CellValue>(COLS - 1).fill(null)],
    section(k(c, 'description')),
    value(k(c, 'name'), d.name),
    value(k(c, 'ref'), d.ref),
    value(k(c, 'created'), day(e.createdAt)),
    value(k(c, 'updated'), day(e.updatedAt)),
    [],
    [{ v: k(c, 'actors'), style: 'section' }, ...(['actorName', 'actorAddress', 'actorPostcode', 'actorCity', 'actorCountry', 'actorPhone', 'actorEmail'] as const).map((x) => head(k(c, x)))],
    actor(k(c, 'controller'), [o.legalName, o.address, o.postcode, o.city, o.country, o.phone, o.email]),
    actor(k(c, 'dpo'), [o.dpo.name, o.dpo.address, '', '', '', o.dpo.phone, o.dpo.email]),
    actor(k(c, 'dpoCompany'), [o.dpo.company]),
    // The CNIL's "Représentant": the representative in the Union (Art. 27).
    actor(k(c, 'representative'), [o.euRepresentative.name, o.euRepresentative.address, '', '', '', o.euRepresentative.phone, o.euRepresentative.email]),
    ...numbered(d.jointControllers, 1, (p) => actor(k(c, 'joint'), p ? [p.name, p.address, '', '', '', p.phone, p.email] : [])),
    [],
    section(k(c, 'purposes')),
    value(k(c, 'mainPurpose'), d.purposes[0]?.text || null),
    ...numbered(subPurposes, 5, (p, n) => value(k(c, 'subPurpose', { n }), p?.text || null)),
    [],
    blockHead(k(c, 'categories'), k(c, 'description2'), k(c, 'retention')),
    ...categoryRows,
    [],
    blockHead(k(c, 'sensitiveBlock'), k(c, 'description2'), k(c, 'retention')),
    ...specialRows,
    [],
    blockHead(k(c, 'subjects'), k(c, 'description2'), k(c, 'details')),
    ...numbered(d.dataSubjects, 2, (x, n) => block(k(c, 'subjectN', { n }), x ? c.label('dataSubjects', x.category) : null, x?.details || null)),
    [],
    blockHead(k(c, 'recipients'), k(c, 'recipientType'), k(c, 'details')),
    ...numbered(d.recipients, 4, (x, n) =>
      block(k(c, 'recipientN', { n }), x ? k(c, `recipientKind.${x.type}`) : null, x ? recipientText(c, x) || null : null),
    ),
    [],
    blockHead(k(c, 'security'), k(c, 'securityType'), k(c, 'details')),
    ...numbered(d.securityMeasures, 3, (x, n) => block(k(c, 'securityN', { n }), x ? securityLabel(c, x.type) : null, x?.details || null)),
    [],
    [{ v: k(c, 'transfers'), style: 'section' }, head(k(c, 'transferRecipient')), head(k(c, 'transferCountry')), head(k(c, 'transferSafeguard'), 2), null, head(k(c, 'transferDocs'), 3), null, null],
    ...transferRows(c, e),
    [],
    section(k(c, 'more')),
    ...more,
  ];
  return { name, widths: [...WIDTHS, 16, 16, 28], rows, print: RECORD_PRINT };
}

/** The CNIL model workbook of an export model (its controller records). */
export function cnilWorkbook(m: RegisterExportModel): Workbook {
  const c = context(m);
  const taken = new Set<string>(['_dpo']);
  const list = listSheet(c, uniqueSheetName(k(c, 'list'), taken));
  // One sheet per record, its rows made when the writer reaches it (5,000 records: one sheet's rows in memory at a time).
  const records = m.controller.map((e): Sheet => {
    const name = uniqueSheetName(e.doc.ref || e.doc.name, taken);
    return { name, widths: WIDTHS, print: RECORD_PRINT, rows: lazyRows(() => recordSheet(c, name, e).rows) };
  });
  const longName = uniqueSheetName(c.t('sheet.tab.longTexts'), taken);
  const long = { name: longName, widths: [20, 10, 8, 100], frozenRows: 1, rows: [[head(c.t('sheet.col.sheet')), head(c.t('sheet.col.cell')), head(c.t('sheet.col.part')), head(c.t('sheet.col.text'))]] as Row[] };
  const sheets = splitLongTexts([list, ...records], long, (cell) => c.t('sheet.continued', { sheet: longName, cell }));
  return { language: m.options.language, title: translate(m.options.language, 'export.title'), createdAt: m.generatedAt, sheets: [...sheets, metaSheet(CNIL_LAYOUT, m)] };
}
