import type { ControllerDoc, ProcessorDoc, Retention } from '../../../../shared/domain/register';
import type { Language } from '../../../../shared/domain/enums';
import type { Organisation } from '../../../../shared/domain/organisation';
import { translate } from '../../../../shared/i18n';
import { categoryLabel, context, contactLines, countryNames, itemText, retentionText, safeguardText, transferLines, transfersOf, type Ctx } from '../docx/content';
import type { ExportEntry, RegisterExportModel } from '../model';
import { day, lazyRows, splitLongTexts, uniqueSheetName, type Cell, type CellValue, type Row, type Sheet, type Workbook } from './sheet-model';

/**
 * The register as a flat workbook: one row per record (every field of the controller register,
 * then of the processor register, in the order of Art. 30(1) and 30(2)), and one sheet per
 * repeated table (purposes with their bases, data categories with their retention phases,
 * recipients, transfers), each row naming its record's reference. Written from the same export
 * model as the Word register (model.ts): the same records of the same as-of date, the same
 * transfers (those of the transfer register linked to the record, and what is still to convert),
 * the same labels in the chosen language, never codes.
 */

/** The marker sheet: which layout this is, so an import can recognise a workbook we wrote. */
export const REGISTER_LAYOUT = 'dpo-desk-register-1';
export const META_SHEET = '_dpo';

type Column<E> = Readonly<{ key: string; header: string; width: number; value: (e: E) => CellValue }>;

/** "Clients : Appelants" in French, "Customers: Callers" in English; the label alone without a value. */
function pair(c: Ctx, label: string, value: string): string {
  return value.trim() ? c.t('sheet.pair', { label, value }) : label;
}

const lines = (items: ReadonlyArray<string>) => items.filter((s) => s.trim() !== '').join('\n');
const header = (v: string): Cell => ({ v, style: 'header' });

function table<E>(name: string, columns: ReadonlyArray<Column<E>>, items: ReadonlyArray<E>): Sheet {
  return {
    name,
    widths: columns.map((c) => c.width),
    frozenRows: 1,
    print: { landscape: true, fitWidth: false },
    // Made row by row as the writer reads them.
    rows: lazyRows(function* () {
      yield columns.map((c) => header(c.header));
      for (const e of items) yield columns.map((c) => c.value(e));
    }),
  };
}

function missingText(c: Ctx, e: ExportEntry): string {
  return [...new Set(e.missing.map((m) => c.t(`fields.${m.key}`)))].join('\n');
}

function yesNo(c: Ctx, v: boolean): string {
  return c.t(v ? 'sheet.yes' : 'sheet.no');
}

const f = (c: Ctx, key: string) => c.t(`fields.${key}`);

function controllerColumns(c: Ctx): Column<ExportEntry<ControllerDoc>>[] {
  const d = (e: ExportEntry<ControllerDoc>) => e.doc;
  return [
    { key: 'ref', header: f(c, 'ref'), width: 12, value: (e) => d(e).ref },
    { key: 'name', header: f(c, 'name'), width: 30, value: (e) => d(e).name },
    { key: 'status', header: f(c, 'status'), width: 11, value: (e) => c.t(`enums.status.${d(e).status}`) },
    { key: 'department', header: f(c, 'department'), width: 18, value: (e) => (d(e).department ? c.label('departments', d(e).department) : '') },
    { key: 'software', header: f(c, 'software'), width: 18, value: (e) => d(e).software },
    { key: 'createdAt', header: f(c, 'createdAt'), width: 13, value: (e) => day(e.createdAt) },
    { key: 'updatedAt', header: f(c, 'updatedAt'), width: 13, value: (e) => day(e.updatedAt) },
    { key: 'nextReview', header: f(c, 'nextReview'), width: 13, value: (e) => day(d(e).nextReview) },
    // Art. 30(1)(a): the organisation, its representative and DPO are on the Organisation sheet; the joint controllers are the record's.
    { key: 'jointControllers', header: f(c, 'jointControllers'), width: 30, value: (e) => lines(d(e).jointControllers.map((p) => itemText(c, 'jointControllers', p))) },
    // (b) purposes, each with its bases (the Purposes sheet has them one per row)
    { key: 'purposes', header: f(c, 'purposes'), width: 45, value: (e) => lines(d(e).purposes.map((p) => itemText(c, 'purposes', p))) },
    // (c) data subjects and categories of data
    { key: 'dataSubjects', header: f(c, 'dataSubjects'), width: 30, value: (e) => lines(d(e).dataSubjects.map((x) => pair(c, c.label('dataSubjects', x.category), x.details))) },
    { key: 'dataCategories', header: f(c, 'dataCategories'), width: 40, value: (e) => lines(d(e).dataCategories.map((x) => pair(c, categoryLabel(c, x.category), x.description))) },
    { key: 'specialCategories', header: f(c, 'specialCategories'), width: 30, value: (e) => lines(d(e).specialCategories.map((x) => pair(c, c.t(`enums.special.${x.category}`), x.description))) },
    { key: 'art9Condition', header: f(c, 'art9Condition'), width: 28, value: (e) => (d(e).art9Condition ? c.t(`enums.art9.${d(e).art9Condition}`) : '') },
    { key: 'art9Detail', header: f(c, 'art9Detail'), width: 28, value: (e) => d(e).art9Detail },
    { key: 'art10Basis', header: f(c, 'art10Basis'), width: 28, value: (e) => d(e).art10Basis },
    { key: 'sources', header: f(c, 'sources'), width: 28, value: (e) => d(e).sources },
    // (d) recipients, (e) transfers, (f) retention, (g) security
    { key: 'recipients', header: f(c, 'recipients'), width: 40, value: (e) => lines(d(e).recipients.map((x) => itemText(c, 'recipients', x))) },
    { key: 'transfers', header: f(c, 'transfers'), width: 40, value: (e) => lines(transferLines(c, e)) },
    {
      key: 'retention',
      header: f(c, 'retention'),
      width: 45,
      value: (e) =>
        lines([...d(e).dataCategories.map((x) => ({ label: categoryLabel(c, x.category), r: x.retention })), ...d(e).specialCategories.map((x) => ({ label: c.t(`enums.special.${x.category}`), r: x.retention }))].map(({ label, r }) => {
          const text = retentionText(c, r);
          return text ? pair(c, label, text) : '';
        })),
    },
    { key: 'securityMeasures', header: f(c, 'securityMeasures'), width: 40, value: (e) => lines(d(e).securityMeasures.map((x) => pair(c, c.label('securityMeasures', x.type), x.details))) },
    { key: 'dpiaNeeded', header: f(c, 'dpiaNeeded'), width: 12, value: (e) => c.t(`enums.dpiaNeeded.${d(e).dpia.needed}`) },
    { key: 'dpiaDone', header: f(c, 'dpiaDone'), width: 12, value: (e) => yesNo(c, d(e).dpia.done) },
    { key: 'dpiaDate', header: f(c, 'dpiaDate'), width: 13, value: (e) => day(d(e).dpia.date) },
    { key: 'dpiaReason', header: f(c, 'dpiaReason'), width: 30, value: (e) => d(e).dpia.reason },
    { key: 'notes', header: f(c, 'notes'), width: 40, value: (e) => d(e).notes },
    { key: 'col.missing', header: c.t('sheet.col.missing'), width: 25, value: (e) => missingText(c, e) },
  ];
}

function processorColumns(c: Ctx): Column<ExportEntry<ProcessorDoc>>[] {
  const d = (e: ExportEntry<ProcessorDoc>) => e.doc;
  return [
    { key: 'ref', header: f(c, 'ref'), width: 12, value: (e) => d(e).ref },
    { key: 'name', header: f(c, 'name'), width: 30, value: (e) => d(e).name },
    { key: 'status', header: f(c, 'status'), width: 11, value: (e) => c.t(`enums.status.${d(e).status}`) },
    { key: 'createdAt', header: f(c, 'createdAt'), width: 13, value: (e) => day(e.createdAt) },
    { key: 'updatedAt', header: f(c, 'updatedAt'), width: 13, value: (e) => day(e.updatedAt) },
    { key: 'nextReview', header: f(c, 'nextReview'), width: 13, value: (e) => day(d(e).nextReview) },
    // Art. 30(2)(a): the client controller(s), their contacts; the representative
    { key: 'clientScope', header: f(c, 'clientScope'), width: 22, value: (e) => c.t(`enums.clientScope.${d(e).clientScope}`) },
    { key: 'standardDpa', header: f(c, 'standardDpa'), width: 25, value: (e) => d(e).standardDpa },
    { key: 'clientName', header: f(c, 'clientName'), width: 25, value: (e) => d(e).client.name },
    { key: 'clientAddress', header: f(c, 'clientAddress'), width: 25, value: (e) => d(e).client.address },
    { key: 'clientContact', header: f(c, 'clientContact'), width: 20, value: (e) => d(e).client.contactName },
    { key: 'clientEmail', header: f(c, 'clientEmail'), width: 22, value: (e) => d(e).client.email },
    { key: 'clientPhone', header: f(c, 'clientPhone'), width: 15, value: (e) => d(e).client.phone },
    { key: 'clientDpo', header: f(c, 'clientDpo'), width: 20, value: (e) => d(e).client.dpo },
    { key: 'representative', header: f(c, 'representative'), width: 20, value: (e) => d(e).representative },
    // (b) categories of processing
    { key: 'processingCategories', header: f(c, 'processingCategories'), width: 40, value: (e) => lines(d(e).processingCategories.map((p) => p.text)) },
    { key: 'dataCategories', header: f(c, 'dataCategories'), width: 35, value: (e) => lines(d(e).dataCategories.map((x) => pair(c, categoryLabel(c, x.category), x.description))) },
    { key: 'specialCategories', header: f(c, 'specialCategories'), width: 30, value: (e) => lines(d(e).specialCategories.map((x) => pair(c, c.t(`enums.special.${x.category}`), x.description))) },
    { key: 'dataSubjects', header: f(c, 'dataSubjects'), width: 30, value: (e) => lines(d(e).dataSubjects.map((x) => pair(c, c.label('dataSubjects', x.category), x.details))) },
    { key: 'processorRetention', header: f(c, 'processorRetention'), width: 30, value: (e) => d(e).retention },
    { key: 'endOfContract', header: f(c, 'endOfContract'), width: 22, value: (e) => (d(e).endOfContract ? c.t(`supplier.endOfContract.${d(e).endOfContract}`) : '') },
    { key: 'breachNoticeHours', header: f(c, 'breachNoticeHours'), width: 16, value: (e) => d(e).breachNoticeHours },
    { key: 'subProcessors', header: f(c, 'subProcessors'), width: 35, value: (e) => lines(d(e).subProcessors.map((x) => itemText(c, 'subProcessors', x))) },
    // (c) transfers, (d) security
    { key: 'transfers', header: f(c, 'transfers'), width: 40, value: (e) => lines(transferLines(c, e)) },
    { key: 'securityMeasures', header: f(c, 'securityMeasures'), width: 40, value: (e) => lines(d(e).securityMeasures.map((x) => pair(c, c.label('securityMeasures', x.type), x.details))) },
    { key: 'notes', header: f(c, 'notes'), width: 40, value: (e) => d(e).notes },
    { key: 'col.missing', header: c.t('sheet.col.missing'), width: 25, value: (e) => missingText(c, e) },
  ];
}

// ---------------------------------------------------------------------------------------------
// The repeated tables, one row per element, each row naming its record (its register, when
// both registers share the table). These are what an import of this workbook reads back
// (import/own-register.ts): every field of every element has its own column.

type Owned<T> = Readonly<{ e: ExportEntry; item: T }>;

function recordColumns<T>(c: Ctx, withRegister = false): Column<Owned<T>>[] {
  return [
    ...(withRegister ? [{ key: 'col.register', header: c.t('sheet.col.register'), width: 22, value: (o: Owned<T>) => c.t(`enums.kind.${o.e.kind}`) }] : []),
    { key: 'ref', header: f(c, 'ref'), width: 12, value: (o) => o.e.doc.ref },
    { key: 'col.record', header: c.t('sheet.col.record'), width: 28, value: (o) => o.e.doc.name },
  ];
}

type PurposeRow = Readonly<{ n: number; text: string; basis: string; detail: string; review: boolean }>;

function purposeColumns(c: Ctx): Column<Owned<PurposeRow>>[] {
  return [
    ...recordColumns<PurposeRow>(c),
    { key: 'col.order', header: c.t('sheet.col.order'), width: 6, value: (o) => o.item.n },
    { key: 'purposeText', header: f(c, 'purposeText'), width: 45, value: (o) => o.item.text },
    { key: 'legalBasis', header: f(c, 'legalBasis'), width: 32, value: (o) => (o.item.basis ? c.t(`enums.legalBasis.${o.item.basis}`) : '') },
    { key: 'legalBasisDetail', header: f(c, 'legalBasisDetail'), width: 45, value: (o) => o.item.detail },
    { key: 'review', header: f(c, 'review'), width: 12, value: (o) => (o.item.review ? c.t('sheet.yes') : '') },
  ];
}

/** One row per basis of each purpose (a purpose without a basis: one row, its basis empty), numbered by purpose. */
function purposeRows(entries: ReadonlyArray<ExportEntry<ControllerDoc>>): Owned<PurposeRow>[] {
  return entries.flatMap((e) =>
    e.doc.purposes.flatMap((p, i) => {
      const bases = p.bases.length ? p.bases : [{ basis: '', detail: '' }];
      return bases.map((b) => ({ e, item: { n: i + 1, text: p.text, basis: b.basis, detail: b.detail, review: p.review } }));
    }),
  );
}

type CategoryRow = Readonly<{ special: boolean; label: string; description: string; retention: Retention | null }>;

/** Data categories with their retention, phase by phase (active use, intermediate archive, end), each in its column. */
function categoryColumns(c: Ctx): Column<Owned<CategoryRow>>[] {
  const unit = (r: { duration: number | null; unit: Retention['unit'] }) => (r.duration === null ? '' : c.t(`enums.retentionUnit.${r.unit}`));
  const r = (o: Owned<CategoryRow>) => o.item.retention;
  return [
    ...recordColumns<CategoryRow>(c, true),
    { key: 'col.kind', header: c.t('sheet.col.kind'), width: 12, value: (o) => c.t(o.item.special ? 'sheet.sensitive' : 'sheet.ordinary') },
    { key: 'category', header: f(c, 'category'), width: 35, value: (o) => o.item.label },
    { key: 'description', header: f(c, 'description'), width: 35, value: (o) => o.item.description },
    { key: 'duration', header: f(c, 'duration'), width: 9, value: (o) => r(o)?.duration ?? null },
    { key: 'unit', header: f(c, 'unit'), width: 9, value: (o) => (r(o) ? unit(r(o)!) : '') },
    { key: 'criterion', header: f(c, 'criterion'), width: 28, value: (o) => r(o)?.criterion ?? '' },
    { key: 'col.archiveDuration', header: c.t('sheet.col.archiveDuration'), width: 11, value: (o) => r(o)?.archive.duration ?? null },
    { key: 'col.archiveUnit', header: c.t('sheet.col.archiveUnit'), width: 11, value: (o) => (r(o) ? unit(r(o)!.archive) : '') },
    { key: 'col.archiveCriterion', header: c.t('sheet.col.archiveCriterion'), width: 25, value: (o) => r(o)?.archive.criterion ?? '' },
    { key: 'archiveReason', header: f(c, 'archiveReason'), width: 28, value: (o) => r(o)?.archive.reason ?? '' },
    { key: 'end', header: f(c, 'end'), width: 14, value: (o) => (r(o)?.end ? c.t(`enums.retentionEnd.${r(o)!.end}`) : '') },
    { key: 'note', header: f(c, 'note'), width: 28, value: (o) => r(o)?.note ?? '' },
    { key: 'col.retentionText', header: c.t('sheet.col.retentionText'), width: 45, value: (o) => (r(o) ? retentionText(c, r(o)!) : '') },
  ];
}

function categoryRows(c: Ctx, entries: ReadonlyArray<ExportEntry>): Owned<CategoryRow>[] {
  return entries.flatMap((e) => {
    const d = e.doc as ControllerDoc | ProcessorDoc;
    const retention = (x: object) => ('retention' in x ? (x.retention as Retention) : null);
    return [
      ...d.dataCategories.map((x) => ({ e, item: { special: false, label: categoryLabel(c, x.category), description: x.description, retention: retention(x) } })),
      ...d.specialCategories.map((x) => ({ e, item: { special: true, label: c.t(`enums.special.${x.category}`), description: x.description, retention: retention(x) } })),
    ];
  });
}

type RecipientRow = ControllerDoc['recipients'][number];

function recipientColumns(c: Ctx): Column<Owned<RecipientRow>>[] {
  return [
    ...recordColumns<RecipientRow>(c),
    { key: 'type', header: f(c, 'type'), width: 22, value: (o) => c.t(`enums.recipientType.${o.item.type}`) },
    { key: 'category', header: f(c, 'category'), width: 30, value: (o) => (o.item.category ? c.label('recipients', o.item.category) : '') },
    { key: 'partyName', header: f(c, 'partyName'), width: 25, value: (o) => o.item.name },
    { key: 'details', header: f(c, 'details'), width: 40, value: (o) => o.item.details },
  ];
}

type SubjectRow = ControllerDoc['dataSubjects'][number];

function subjectColumns(c: Ctx): Column<Owned<SubjectRow>>[] {
  return [
    ...recordColumns<SubjectRow>(c, true),
    { key: 'category', header: f(c, 'category'), width: 30, value: (o) => c.label('dataSubjects', o.item.category) },
    { key: 'details', header: f(c, 'details'), width: 40, value: (o) => o.item.details },
  ];
}

type MeasureRow = ControllerDoc['securityMeasures'][number];

function measureColumns(c: Ctx): Column<Owned<MeasureRow>>[] {
  return [
    ...recordColumns<MeasureRow>(c, true),
    { key: 'type', header: f(c, 'type'), width: 30, value: (o) => c.label('securityMeasures', o.item.type) },
    { key: 'details', header: f(c, 'details'), width: 50, value: (o) => o.item.details },
  ];
}

type JointRow = ControllerDoc['jointControllers'][number];

function jointColumns(c: Ctx): Column<Owned<JointRow>>[] {
  return [
    ...recordColumns<JointRow>(c),
    { key: 'partyName', header: f(c, 'partyName'), width: 25, value: (o) => o.item.name },
    { key: 'address', header: f(c, 'address'), width: 30, value: (o) => o.item.address },
    { key: 'email', header: f(c, 'email'), width: 25, value: (o) => o.item.email },
    { key: 'phone', header: f(c, 'phone'), width: 15, value: (o) => o.item.phone },
    { key: 'details', header: f(c, 'details'), width: 40, value: (o) => o.item.details },
  ];
}

type ProcessingRow = ProcessorDoc['processingCategories'][number];

function processingColumns(c: Ctx): Column<Owned<ProcessingRow>>[] {
  return [...recordColumns<ProcessingRow>(c), { key: 'text', header: f(c, 'text'), width: 50, value: (o) => o.item.text }];
}

type SubProcessorRow = ProcessorDoc['subProcessors'][number];

function subProcessorColumns(c: Ctx): Column<Owned<SubProcessorRow>>[] {
  return [
    ...recordColumns<SubProcessorRow>(c),
    { key: 'partyName', header: f(c, 'partyName'), width: 25, value: (o) => o.item.name },
    { key: 'service', header: f(c, 'service'), width: 30, value: (o) => o.item.service },
    { key: 'country', header: f(c, 'country'), width: 18, value: (o) => o.item.country },
  ];
}

type TransferRow = Readonly<{ title: string; importer: string; country: string; access: string; ground: string; module: string; status: string; document: string; toConvert: boolean }>;

function transferColumns(c: Ctx): Column<Owned<TransferRow>>[] {
  return [
    ...recordColumns<TransferRow>(c, true),
    { key: 'col.transfer', header: c.t('sheet.col.transfer'), width: 30, value: (o) => o.item.title },
    { key: 'col.importer', header: c.t('sheet.col.importer'), width: 28, value: (o) => o.item.importer },
    { key: 'country', header: f(c, 'country'), width: 18, value: (o) => o.item.country },
    { key: 'col.accessCountries', header: c.t('sheet.col.accessCountries'), width: 20, value: (o) => o.item.access },
    { key: 'col.ground', header: c.t('sheet.col.ground'), width: 35, value: (o) => o.item.ground },
    { key: 'col.module', header: c.t('sheet.col.module'), width: 30, value: (o) => o.item.module },
    { key: 'col.transferStatus', header: c.t('sheet.col.transferStatus'), width: 12, value: (o) => o.item.status },
    { key: 'document', header: f(c, 'document'), width: 25, value: (o) => o.item.document },
    { key: 'col.toConvert', header: c.t('sheet.col.toConvert'), width: 11, value: (o) => (o.item.toConvert ? c.t('sheet.yes') : '') },
  ];
}

/** The transfers of each record: the transfer register's entries linked to it, then what it still has to convert (docx/content.ts reads the same). */
function transferRows(c: Ctx, entries: ReadonlyArray<ExportEntry>): Owned<TransferRow>[] {
  return entries.flatMap((e) => {
    const { linked, toConvert } = transfersOf(c, e);
    return [
      ...linked.map((t) => ({
        e,
        item: {
          title: t.title,
          importer: t.importer,
          country: countryNames(c, [t.importerCountry]),
          access: countryNames(c, t.accessCountries),
          ground: t.mechanism ? c.t(`transfer.mechanism.${t.mechanism}`) : '',
          module: t.module ? c.t(`transfer.module.${t.module}`) : '',
          status: c.t(`transfer.status.${t.status}`),
          document: '',
          toConvert: false,
        },
      })),
      ...toConvert.map((x) => ({
        e,
        item: { title: '', importer: x.recipient, country: x.country, access: '', ground: x.safeguard ? safeguardText(c, x.safeguard) : '', module: '', status: '', document: x.document, toConvert: true },
      })),
    ];
  });
}

const each = <D extends ControllerDoc | ProcessorDoc, T>(entries: ReadonlyArray<ExportEntry<D>>, items: (d: D) => ReadonlyArray<T>): Owned<T>[] => entries.flatMap((e) => items(e.doc).map((item) => ({ e: e as ExportEntry, item })));

/** The flat workbook's tables, by a stable key (the tab names are the language's: the import tells a table by its headers). */
export const FLAT_TABLES = ['controller', 'processor', 'purposes', 'categories', 'recipients', 'subjects', 'measures', 'joint', 'processing', 'subProcessors', 'transfers'] as const;
export type FlatTable = (typeof FLAT_TABLES)[number];

function tableColumns(c: Ctx): Record<FlatTable, ReadonlyArray<Column<never>>> {
  return {
    controller: controllerColumns(c),
    processor: processorColumns(c),
    purposes: purposeColumns(c),
    categories: categoryColumns(c),
    recipients: recipientColumns(c),
    subjects: subjectColumns(c),
    measures: measureColumns(c),
    joint: jointColumns(c),
    processing: processingColumns(c),
    subProcessors: subProcessorColumns(c),
    transfers: transferColumns(c),
  };
}

/**
 * The column keys and headers of each table in one language (the headers are all an import
 * needs to tell the tables and their columns apart, in whatever order a user left them).
 */
export function flatLayout(language: Language): Record<FlatTable, ReadonlyArray<Readonly<{ key: string; header: string }>>> {
  const c = { t: (key: string, params?: Record<string, string | number>) => translate(language, key, params) } as Ctx;
  const cols = tableColumns(c);
  return Object.fromEntries(FLAT_TABLES.map((t) => [t, cols[t].map((x) => ({ key: x.key, header: x.header }))])) as Record<FlatTable, Array<{ key: string; header: string }>>;
}

/** Art. 30(1)(a) and 30(2)(a): the organisation, its representatives and DPO, as label–value rows. */
function organisationSheet(c: Ctx, name: string, o: Organisation): Sheet {
  const contact = (prefix: string, x: Organisation['dpo']): Row[] =>
    (['name', 'role', 'company', 'address', 'email', 'phone'] as const).map((k) => [
      `${prefix} – ${c.t(`sheet.org.${k}`).toLocaleLowerCase()}`,
      x[k],
    ]);
  const rows: Row[] = [
    [header(c.t('sheet.col.field')), header(c.t('sheet.col.value'))],
    [c.t('sheet.org.legalName'), o.legalName],
    [c.t('sheet.org.tradeName'), o.tradeName],
    [f(c, 'address'), o.address],
    [c.t('sheet.org.postcode'), o.postcode],
    [c.t('sheet.org.city'), o.city],
    [c.t('sheet.org.country'), o.country],
    [c.t('sheet.org.registration'), o.registrationNumber],
    [c.t('sheet.org.phone'), o.phone],
    [c.t('sheet.org.email'), o.email],
    ...contact(c.t('sheet.org.representative'), o.representative),
    ...contact(c.t('sheet.org.euRepresentative'), o.euRepresentative),
    ...contact(c.t('sheet.org.dpo'), o.dpo),
    [f(c, 'jointControllers'), lines(o.jointControllers.map((p) => contactLines([p.name, p.address, p.email, p.phone, p.details]).replace(/\n/g, ', ')))],
    [c.t('sheet.org.isController'), yesNo(c, o.isController)],
    [c.t('sheet.org.isProcessor'), yesNo(c, o.isProcessor)],
  ];
  return { name, widths: [38, 60], frozenRows: 1, rows };
}

export function metaSheet(layout: string, m: RegisterExportModel): Sheet {
  return {
    name: META_SHEET,
    widths: [14, 40],
    hidden: true,
    rows: [
      ['layout', layout],
      ['language', m.options.language],
      ['asOf', m.options.asOf],
      ['registers', m.options.registers],
      ['generatedAt', m.generatedAt],
    ],
  };
}

/** The flat register workbook of an export model. */
export function registerWorkbook(m: RegisterExportModel): Workbook {
  const c = context(m);
  const taken = new Set<string>();
  const name = (key: string) => uniqueSheetName(c.t(`sheet.tab.${key}`), taken);
  taken.add(META_SHEET.toLowerCase());
  const sheets: Sheet[] = [];
  const controller = m.options.registers !== 'processor';
  const processor = m.options.registers !== 'controller';
  const both = [...m.controller, ...m.processor];
  if (controller) sheets.push(table(name('controller'), controllerColumns(c), m.controller));
  if (processor) sheets.push(table(name('processor'), processorColumns(c), m.processor));
  if (controller) {
    sheets.push(table(name('purposes'), purposeColumns(c), purposeRows(m.controller)));
  }
  sheets.push(table(name('categories'), categoryColumns(c), categoryRows(c, both)));
  if (controller) sheets.push(table(name('recipients'), recipientColumns(c), each(m.controller, (d) => d.recipients)));
  sheets.push(table(name('subjects'), subjectColumns(c), each<ControllerDoc | ProcessorDoc, SubjectRow>(both, (d) => d.dataSubjects)));
  sheets.push(table(name('measures'), measureColumns(c), each<ControllerDoc | ProcessorDoc, MeasureRow>(both, (d) => d.securityMeasures)));
  if (controller) sheets.push(table(name('joint'), jointColumns(c), each(m.controller, (d) => d.jointControllers)));
  if (processor) {
    sheets.push(table(name('processing'), processingColumns(c), each(m.processor, (d) => d.processingCategories)));
    sheets.push(table(name('subProcessors'), subProcessorColumns(c), each(m.processor, (d) => d.subProcessors)));
  }
  sheets.push(table(name('transfers'), transferColumns(c), transferRows(c, both)));
  sheets.push(organisationSheet(c, name('organisation'), m.organisation));
  const longName = name('longTexts');
  const long = { name: longName, widths: [20, 10, 8, 100], frozenRows: 1, rows: [[header(c.t('sheet.col.sheet')), header(c.t('sheet.col.cell')), header(c.t('sheet.col.part')), header(c.t('sheet.col.text'))]] as Row[] };
  const all = splitLongTexts(sheets, long, (cell) => c.t('sheet.continued', { sheet: longName, cell }));
  return { language: m.options.language, title: translate(m.options.language, 'export.title'), createdAt: m.generatedAt, sheets: [...all, metaSheet(REGISTER_LAYOUT, m)] };
}
