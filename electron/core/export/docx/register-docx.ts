import {
  AlignmentType,
  Bookmark,
  Document,
  InternalHyperlink,
  LeaderType,
  PageReference,
  TabStopType,
  Footer,
  Header,
  HeadingLevel,
  PageBreak,
  PageNumber,
  PageOrientation,
  Paragraph,
  SectionType,
  TableOfContents,
  TextRun,
  type FileChild,
  type ISectionOptions,
} from 'docx';
import { estimatePageNumbersWith } from 'docx/layout';
import { REFERENCE_LISTS, referenceLabel, type ReferenceListName } from '../../../../shared/domain/reference-lists';
import type { ControllerDoc, ProcessorDoc, Retention, Transfer } from '../../../../shared/domain/register';
import { translate } from '../../../../shared/i18n';
import { collectText } from '../../../../shared/domain/text';
import type { ExportEntry, RegisterExportModel } from '../model';
import { clean, dataTable, fieldTable, para, type Value } from './blocks';
import { A4, PORTRAIT_TEXT_WIDTH, STYLES } from './styles';

type TocEntry = Readonly<{ id: string; text: string; level: 1 | 2 }>;

type Ctx = Readonly<{
  m: RegisterExportModel;
  toc: TocEntry[];
  t: (key: string, params?: Record<string, string | number>) => string;
  label: (list: ReferenceListName, code: string) => string;
  date: (isoDate: string) => string;
}>;

const FIELD_WIDTHS = [2900, PORTRAIT_TEXT_WIDTH - 2900] as const;

function context(m: RegisterExportModel): Ctx {
  const lang = m.options.language;
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  return {
    m,
    toc: [],
    t: (key, params) => translate(lang, key, params),
    label: (list, code) => referenceLabel(m.lists, list, code, lang),
    date: (iso) => {
      if (!iso) return '';
      const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    },
  };
}

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) => new Paragraph({ heading: level, children: [new TextRun(text)] });

/**
 * A heading that appears in the table of contents: bookmarked, and listed with a PAGEREF field
 * to that bookmark. Word shows the page it lays out (written into the file by the estimator);
 * LibreOffice computes the field from its own layout. Both are therefore right, where one
 * number written as text could only be right for one of them.
 */
function tocHeading(c: Ctx, text: string, level: 1 | 2): Paragraph {
  const id = `_Toc${String(c.toc.length + 1).padStart(5, '0')}`;
  c.toc.push({ id, text, level });
  return new Paragraph({
    heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
    children: [new Bookmark({ id, children: [new TextRun(clean(text))] })],
  });
}

function tocEntries(c: Ctx): Paragraph[] {
  return c.toc.map(
    (e) =>
      new Paragraph({
        style: e.level === 1 ? 'TOC1' : 'TOC2',
        tabStops: [{ type: TabStopType.RIGHT, position: PORTRAIT_TEXT_WIDTH, leader: LeaderType.DOT }],
        children: [new InternalHyperlink({ anchor: e.id, children: [new TextRun(clean(e.text))] }), new TextRun('\t'), new PageReference(e.id)],
      }),
  );
}

/** A value, or the "to be completed" mark when the field is mandatory and empty. */
function orMark(c: Ctx, value: Value, missing: boolean): Value {
  const empty = typeof value === 'string' ? value.trim() === '' : Array.isArray(value) ? value.length === 0 : false;
  if (missing || (empty && missing)) return { toComplete: c.t('export.toComplete') };
  return empty ? c.t('export.none') : value;
}

function retentionText(c: Ctx, r: Retention): string {
  const unit = c.t(`enums.${r.duration === 1 ? 'retentionUnitOne' : 'retentionUnit'}.${r.unit}`);
  const duration = r.duration !== null ? `${r.duration} ${unit}` : '';
  return [duration, r.criterion.trim()].filter(Boolean).join(', ');
}

function transferText(c: Ctx, tr: Transfer): string {
  return [tr.recipient, tr.country, tr.safeguard ? c.t(`enums.safeguard.${tr.safeguard}`) : c.t('export.toComplete'), tr.document].filter(Boolean).join(' – ');
}

function contactLines(parts: ReadonlyArray<string>): string {
  return parts.map((p) => p.trim()).filter(Boolean).join('\n');
}

// ---------------------------------------------------------------------------------------------
// Cover, contents, summary

function cover(c: Ctx): FileChild[] {
  const org = c.m.organisation;
  const dpo = org.dpo;
  return [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(c.t('export.title'))] }),
    para(c.t('export.subtitle'), 'CoverMuted'),
    para(c.t(`export.registers.${c.m.options.registers}`), 'CoverLine'),
    para(''),
    para(org.legalName || c.t('export.toComplete'), 'CoverLine'),
    para(contactLines([org.address, [org.postcode, org.city].filter(Boolean).join(' '), org.country]), 'CoverMuted'),
    para(''),
    para(c.t('export.dpoLine', { name: `${dpo.name || c.t('export.toComplete')}${dpo.email ? ` (${dpo.email})` : ''}` }), 'CoverLine'),
    para(''),
    para(c.t('export.asOf', { date: c.date(c.m.options.asOf) }), 'CoverLine'),
    para(c.t('export.version', { version: c.m.version }), 'CoverLine'),
    para(c.t('export.generated', { date: c.date(c.m.generatedAt) }), 'CoverMuted'),
    new Paragraph({ children: [new PageBreak()] }),
    para(c.t('export.toc'), 'TOCHeading'),
    // A real TOC field (Word's "Update table" rebuilds it from the heading styles), holding the entries above.
    ...tocEntries(c),
  ];
}

function controllerSummary(c: Ctx, entries: ReadonlyArray<ExportEntry<ControllerDoc>>): FileChild[] {
  const headers = ['fields.ref', 'fields.name', 'fields.department', 'fields.purpose', 'fields.legalBasis', 'fields.special', 'export.transfers', 'export.retention', 'fields.status', 'export.lastUpdate'].map((k) => c.t(k));
  const widths = [1150, 1900, 1250, 2200, 1500, 1200, 1300, 1870, 900, 1300];
  const rows = entries.map(({ doc, updatedAt }) => [
    doc.ref,
    doc.name,
    doc.department ? c.label('departments', doc.department) : '',
    doc.mainPurpose,
    doc.legalBasis ? c.t(`enums.legalBasis.${doc.legalBasis}`) : { toComplete: c.t('export.toComplete') },
    doc.specialCategories.length ? doc.specialCategories.map((s) => c.t(`enums.special.${s.category}`)) : c.t('export.none'),
    doc.hasTransfers ? doc.transfers.map((t) => t.country) : c.t('export.none'),
    [...doc.dataCategories, ...doc.specialCategories].map((d) => retentionText(c, d.retention)).filter(Boolean),
    c.t(`enums.status.${doc.status}`),
    c.date(updatedAt.slice(0, 10)),
  ] as Value[]);
  return [tocHeading(c, c.t('export.summary'), 1), entries.length ? dataTable(headers, rows, widths) : para(c.t('export.noRecord'))];
}

function processorSummary(c: Ctx, entries: ReadonlyArray<ExportEntry<ProcessorDoc>>): FileChild[] {
  const headers = ['fields.ref', 'fields.name', 'fields.client', 'fields.processingCategories', 'fields.subProcessors', 'export.transfers', 'fields.status', 'export.lastUpdate'].map((k) => c.t(k));
  const widths = [1150, 2300, 2300, 3300, 2020, 1400, 900, 1200];
  const rows = entries.map(({ doc, updatedAt }) => [
    doc.ref,
    doc.name,
    doc.client.name,
    doc.processingCategories.map((p) => p.text),
    doc.subProcessors.map((s) => s.name),
    doc.hasTransfers ? doc.transfers.map((t) => t.country) : c.t('export.none'),
    c.t(`enums.status.${doc.status}`),
    c.date(updatedAt.slice(0, 10)),
  ] as Value[]);
  return [tocHeading(c, c.t('export.summaryProcessor'), 1), entries.length ? dataTable(headers, rows, widths) : para(c.t('export.noRecord'))];
}

// ---------------------------------------------------------------------------------------------
// The organisation and the records

function organisationPart(c: Ctx): FileChild[] {
  const o = c.m.organisation;
  const contact = (x: typeof o.dpo) => contactLines([x.name, x.role, x.company, x.address, x.email, x.phone]);
  const rows: Array<readonly [string, Value]> = [
    [c.t('export.controller'), orMark(c, contactLines([o.legalName, o.tradeName]), o.legalName.trim() === '')],
    [c.t('fields.address'), orMark(c, contactLines([o.address, [o.postcode, o.city].filter(Boolean).join(' '), o.country]), o.address.trim() === '')],
    [c.t('export.registration'), orMark(c, o.registrationNumber, false)],
    [c.t('export.contact'), orMark(c, contactLines([o.email, o.phone]), false)],
    [c.t('export.representative'), orMark(c, contact(o.representative), o.representative.name.trim() === '')],
    [c.t('export.dpo'), orMark(c, contact(o.dpo), o.dpo.name.trim() === '')],
    [c.t('export.euRepresentative'), orMark(c, contact(o.euRepresentative), false)],
    [c.t('fields.jointControllers'), orMark(c, o.jointControllers.map((p) => contactLines([p.name, p.address, p.email, p.phone, p.details]).replace(/\n/g, ', ')), false)],
  ];
  return [tocHeading(c, c.t('export.organisation'), 1), fieldTable(rows, FIELD_WIDTHS)];
}

function controllerRecord(c: Ctx, e: ExportEntry<ControllerDoc>): FileChild[] {
  const d = e.doc;
  const miss = new Set(e.missing.map((x) => x.path));
  const has = (p: string) => miss.has(p);
  const section = (title: string, rows: Array<readonly [string, Value]>) => [heading(title, HeadingLevel.HEADING_3), fieldTable(rows, FIELD_WIDTHS)];
  const s = (k: string) => c.t(`sections.${k}`);
  const f = (k: string) => c.t(`fields.${k}`);
  return [
    tocHeading(c, `${d.ref} – ${d.name}`, 2),
    ...section(s('description'), [
      [f('ref'), d.ref],
      [f('name'), d.name],
      [f('status'), c.t(`enums.status.${d.status}`)],
      [f('department'), orMark(c, d.department ? c.label('departments', d.department) : '', false)],
      [f('software'), orMark(c, d.software, false)],
      [f('createdAt'), c.date(e.createdAt)],
      [f('updatedAt'), c.date(e.updatedAt)],
      [f('nextReview'), orMark(c, c.date(d.nextReview), false)],
    ]),
    ...section(s('actors'), [
      [c.t('export.controller'), orMark(c, c.m.organisation.legalName, c.m.organisation.legalName.trim() === '')],
      [c.t('export.dpo'), orMark(c, contactLines([c.m.organisation.dpo.name, c.m.organisation.dpo.email]).replace(/\n/g, ', '), c.m.organisation.dpo.name.trim() === '')],
      [f('jointControllers'), orMark(c, d.jointControllers.map((p) => [p.name, p.address, p.email, p.phone, p.details].filter(Boolean).join(', ')), false)],
    ]),
    ...section(s('purposes'), [
      [f('mainPurpose'), orMark(c, d.mainPurpose, has('mainPurpose'))],
      [f('subPurposes'), orMark(c, d.subPurposes.map((p) => p.text), false)],
      [f('legalBasis'), orMark(c, d.legalBasis ? c.t(`enums.legalBasis.${d.legalBasis}`) : '', has('legalBasis'))],
      [f('legalBasisDetail'), orMark(c, d.legalBasisDetail, has('legalBasisDetail'))],
    ]),
    ...section(s('security'), [[f('securityMeasures'), orMark(c, d.securityMeasures.map((m) => [c.label('securityMeasures', m.type), m.details].filter(Boolean).join(' : ')), has('securityMeasures'))]]),
    ...section(
      s('data'),
      d.dataCategories.length
        ? d.dataCategories.map((x, i) => [
            c.label('dataCategories', x.category),
            [x.description, c.t('export.retentionBy', { value: has(`dataCategories.${i}.retention.criterion`) ? c.t('export.toComplete') : retentionText(c, x.retention) })].filter(Boolean).join('\n'),
          ] as const)
        : [[f('dataCategories'), orMark(c, '', has('dataCategories'))]],
    ),
    ...section(s('special'), [
      ...(d.specialCategories.length
        ? d.specialCategories.map((x, i) => [
            c.t(`enums.special.${x.category}`),
            [x.description, c.t('export.retentionBy', { value: has(`specialCategories.${i}.retention.criterion`) ? c.t('export.toComplete') : retentionText(c, x.retention) })].filter(Boolean).join('\n'),
          ] as const)
        : [[f('specialCategories'), c.t('export.none')] as const]),
      ...(d.specialCategories.length || d.art9Condition
        ? ([
            [f('art9Condition'), orMark(c, d.art9Condition ? c.t(`enums.art9.${d.art9Condition}`) : '', has('art9Condition'))],
            [f('art9Detail'), orMark(c, d.art9Detail, false)],
          ] as const)
        : []),
      ...(d.specialCategories.some((x) => x.category === 'CRIMINAL') || d.art10Basis ? ([[f('art10Basis'), orMark(c, d.art10Basis, has('art10Basis'))]] as const) : []),
    ]),
    ...section(s('subjects'), [[f('dataSubjects'), orMark(c, d.dataSubjects.map((x) => [c.label('dataSubjects', x.category), x.details].filter(Boolean).join(' : ')), has('dataSubjects'))]]),
    ...section(s('recipients'), [
      [f('recipients'), orMark(c, d.recipients.map((r) => [c.t(`enums.recipientType.${r.type}`), r.category ? c.label('recipients', r.category) : '', r.name, r.details].filter(Boolean).join(' – ')), has('recipients'))],
    ]),
    ...section(s('transfers'), [[f('transfers'), d.hasTransfers ? orMark(c, d.transfers.map((x) => transferText(c, x)), has('transfers')) : c.t('export.none')]]),
    ...section(s('dpia'), [
      [f('dpiaNeeded'), orMark(c, d.dpia.needed === 'unknown' ? '' : c.t(`enums.dpiaNeeded.${d.dpia.needed}`), has('dpia.needed'))],
      [f('dpiaDone'), c.t(d.dpia.done ? 'enums.dpiaNeeded.yes' : 'enums.dpiaNeeded.no')],
      [f('dpiaDate'), orMark(c, c.date(d.dpia.date), false)],
      [f('dpiaReason'), orMark(c, d.dpia.reason, false)],
    ]),
    ...section(s('other'), [
      [f('sources'), orMark(c, d.sources, false)],
      [f('notes'), orMark(c, d.notes, false)],
    ]),
  ];
}

function processorRecord(c: Ctx, e: ExportEntry<ProcessorDoc>): FileChild[] {
  const d = e.doc;
  const miss = new Set(e.missing.map((x) => x.path));
  const has = (p: string) => miss.has(p);
  const section = (title: string, rows: Array<readonly [string, Value]>) => [heading(title, HeadingLevel.HEADING_3), fieldTable(rows, FIELD_WIDTHS)];
  const s = (k: string) => c.t(`sections.${k}`);
  const f = (k: string) => c.t(`fields.${k}`);
  return [
    tocHeading(c, `${d.ref} – ${d.name}`, 2),
    ...section(s('description'), [
      [f('ref'), d.ref],
      [f('name'), d.name],
      [f('status'), c.t(`enums.status.${d.status}`)],
      [f('createdAt'), c.date(e.createdAt)],
      [f('updatedAt'), c.date(e.updatedAt)],
      [f('nextReview'), orMark(c, c.date(d.nextReview), false)],
    ]),
    ...section(s('client'), [
      [f('clientName'), orMark(c, d.client.name, has('client.name'))],
      [f('clientAddress'), orMark(c, d.client.address, false)],
      [f('clientContact'), orMark(c, contactLines([d.client.contactName, d.client.email, d.client.phone]), has('client.contactName'))],
      [f('clientDpo'), orMark(c, d.client.dpo, false)],
      [f('representative'), orMark(c, d.representative, false)],
    ]),
    ...section(s('processing'), [[f('processingCategories'), orMark(c, d.processingCategories.map((p) => p.text), has('processingCategories'))]]),
    ...section(s('subProcessors'), [[f('subProcessors'), orMark(c, d.subProcessors.map((x) => [x.name, x.service, x.country].filter(Boolean).join(' – ')), false)]]),
    ...section(s('transfers'), [[f('transfers'), d.hasTransfers ? orMark(c, d.transfers.map((x) => transferText(c, x)), has('transfers')) : c.t('export.none')]]),
    ...section(s('security'), [[f('securityMeasures'), orMark(c, d.securityMeasures.map((m) => [c.label('securityMeasures', m.type), m.details].filter(Boolean).join(' : ')), has('securityMeasures'))]]),
    ...section(s('other'), [[f('notes'), orMark(c, d.notes, false)]]),
  ];
}

// ---------------------------------------------------------------------------------------------
// Changes and annexes

function changesPart(c: Ctx): FileChild[] {
  const ch = c.m.changes;
  const out: FileChild[] = [tocHeading(c, c.t('export.changes'), 1)];
  if (!ch) return [...out, para(c.t('export.firstExport'))];
  out.push(para(c.t('export.changesSince', { version: ch.previous.version, date: c.date(ch.previous.at), file: ch.previous.fileName })));
  const list = (title: string, items: typeof ch.added, withFields = false) => {
    out.push(heading(title, HeadingLevel.HEADING_3));
    if (items.length === 0) out.push(para(c.t('export.noChange')));
    for (const r of items) {
      out.push(para(`${r.ref} – ${r.name}`));
      if (withFields) out.push(para(c.t('export.fieldsChanged', { fields: r.fields.map((k) => c.t(`fields.${k === 'dpia' ? 'dpiaNeeded' : k === 'client' ? 'clientName' : k}`)).join(', ') }), 'CoverMuted'));
    }
  };
  list(c.t('export.added'), ch.added);
  list(c.t('export.changed'), ch.changed, true);
  list(c.t('export.archived'), ch.archived);
  list(c.t('export.removed'), ch.removed);
  return out;
}

function transfersAnnex(c: Ctx): FileChild[] {
  const rows: Value[][] = [];
  for (const e of [...c.m.controller, ...c.m.processor]) {
    if (!e.doc.hasTransfers) continue;
    for (const t of e.doc.transfers) {
      rows.push([`${e.doc.ref} – ${e.doc.name}`, t.recipient, t.country, t.safeguard ? c.t(`enums.safeguard.${t.safeguard}`) : { toComplete: c.t('export.toComplete') }, t.document]);
    }
  }
  const headers = [c.t('export.activity'), c.t('fields.recipient'), c.t('fields.country'), c.t('fields.safeguard'), c.t('fields.document')];
  return [
    tocHeading(c, c.t('export.annexTransfers'), 1),
    rows.length ? dataTable(headers, rows, [2600, 1700, 1300, 2000, 2038]) : para(c.t('export.noTransfer')),
  ];
}

function listsAnnex(c: Ctx): FileChild[] {
  const out: FileChild[] = [tocHeading(c, c.t('export.annexLists'), 1)];
  for (const list of REFERENCE_LISTS) {
    out.push(heading(c.t(`enums.list.${list}`), HeadingLevel.HEADING_3));
    out.push(
      dataTable(
        [c.t('export.code'), c.t('export.labelFr'), c.t('export.labelEn')],
        c.m.lists[list].filter((i) => !i.archived).map((i) => [i.code, i.labelFr, i.labelEn]),
        [2000, 3819, 3819],
      ),
    );
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

function headerFooter(c: Ctx) {
  const title = [c.m.organisation.legalName, c.t('export.title'), c.t('export.asOf', { date: c.date(c.m.options.asOf) })].filter(Boolean).join(' – ');
  return {
    headers: { default: new Header({ children: [new Paragraph({ style: 'HeaderFooter', children: [new TextRun(title)] })] }) },
    footers: {
      default: new Footer({
        children: [
          new Paragraph({
            style: 'HeaderFooter',
            alignment: AlignmentType.RIGHT,
            children: [new TextRun({ children: [c.t('export.pagePrefix'), PageNumber.CURRENT, c.t('export.pageOf'), PageNumber.TOTAL_PAGES] })],
          }),
        ],
      }),
    },
  };
}

/** Records above which the page layout for Word is left to Word (measured: ~0.1 s a record). */
export const ESTIMATE_MAX_RECORDS = 50;

/** An unbroken run of characters this long (a pasted key or URL) makes the layout estimate crawl (10 s for 10,000). */
const LONG_WORD = /\S{300,}/;

function estimateForWord(m: RegisterExportModel): boolean {
  const records = [...m.controller, ...m.processor];
  if (records.length > ESTIMATE_MAX_RECORDS) return false;
  return !records.some((r) => collectText(r.doc).some((text) => LONG_WORD.test(text)));
}

/** The yearly register as a Word document, from the export model; pure (no I/O). */
export function buildRegisterDocument(m: RegisterExportModel): Document {
  const c = context(m);
  const hf = headerFooter(c);
  const portrait = { page: { size: { width: A4.width, height: A4.height }, margin: { top: A4.margin, bottom: A4.margin, left: A4.margin, right: A4.margin } } };
  const landscape = { page: { size: { width: A4.width, height: A4.height, orientation: PageOrientation.LANDSCAPE }, margin: portrait.page.margin } };
  const wantsController = m.options.registers !== 'processor';
  const wantsProcessor = m.options.registers !== 'controller';

  const summary = [...(wantsController ? controllerSummary(c, m.controller) : []), ...(wantsProcessor ? processorSummary(c, m.processor) : [])];
  const body: FileChild[] = [
        ...organisationPart(c),
        ...(wantsController
          ? [tocHeading(c, c.t('export.controllerPart'), 1), ...(m.controller.length ? m.controller.flatMap((e) => controllerRecord(c, e)) : [para(c.t('export.noRecord'))])]
          : []),
        ...(wantsProcessor
          ? [tocHeading(c, c.t('export.processorPart'), 1), ...(m.processor.length ? m.processor.flatMap((e) => processorRecord(c, e)) : [para(c.t('export.noRecord'))])]
          : []),
        ...changesPart(c),
        ...(m.options.annexes.transfers ? transfersAnnex(c) : []),
        ...(m.options.annexes.lists ? listsAnnex(c) : []),
  ];
  const sections: ISectionOptions[] = [
    { properties: portrait, ...hf, children: cover(c) },
    { properties: { ...landscape, type: SectionType.NEXT_PAGE }, ...hf, children: summary },
    { properties: { ...portrait, type: SectionType.NEXT_PAGE }, ...hf, children: body },
  ];
  return new Document({
    creator: 'DPO Desk',
    title: c.t('export.title'),
    description: `${m.organisation.legalName} – ${c.t('export.asOf', { date: m.options.asOf })}`,
    styles: STYLES,
    // The contents' page numbers are PAGEREF fields: LibreOffice computes them from its own
    // layout. For Word they are laid out here, as Word would (about 0.1 s a record), and written
    // in; beyond what that can do quickly, Word is asked to update the fields when it opens the file.
    ...(estimateForWord(m) ? { pageNumbers: estimatePageNumbersWith({ guess: true }) } : { features: { updateFields: true } }),
    sections,
  });
}
