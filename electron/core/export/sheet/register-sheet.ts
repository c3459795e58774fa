import type { ControllerDoc, ProcessorDoc, Retention } from '../../../../shared/domain/register';
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

type Column<E> = Readonly<{ header: string; width: number; value: (e: E) => CellValue }>;

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
    { header: f(c, 'ref'), width: 12, value: (e) => d(e).ref },
    { header: f(c, 'name'), width: 30, value: (e) => d(e).name },
    { header: f(c, 'status'), width: 11, value: (e) => c.t(`enums.status.${d(e).status}`) },
    { header: f(c, 'department'), width: 18, value: (e) => (d(e).department ? c.label('departments', d(e).department) : '') },
    { header: f(c, 'software'), width: 18, value: (e) => d(e).software },
    { header: f(c, 'createdAt'), width: 13, value: (e) => day(e.createdAt) },
    { header: f(c, 'updatedAt'), width: 13, value: (e) => day(e.updatedAt) },
    { header: f(c, 'nextReview'), width: 13, value: (e) => day(d(e).nextReview) },
    // Art. 30(1)(a): the organisation, its representative and DPO are on the Organisation sheet; the joint controllers are the record's.
    { header: f(c, 'jointControllers'), width: 30, value: (e) => lines(d(e).jointControllers.map((p) => itemText(c, 'jointControllers', p))) },
    // (b) purposes, each with its bases (the Purposes sheet has them one per row)
    { header: f(c, 'purposes'), width: 45, value: (e) => lines(d(e).purposes.map((p) => itemText(c, 'purposes', p))) },
    // (c) data subjects and categories of data
    { header: f(c, 'dataSubjects'), width: 30, value: (e) => lines(d(e).dataSubjects.map((x) => pair(c, c.label('dataSubjects', x.category), x.details))) },
    { header: f(c, 'dataCategories'), width: 40, value: (e) => lines(d(e).dataCategories.map((x) => pair(c, categoryLabel(c, x.category), x.description))) },
    { header: f(c, 'specialCategories'), width: 30, value: (e) => lines(d(e).specialCategories.map((x) => pair(c, c.t(`enums.special.${x.category}`), x.description))) },
    { header: f(c, 'art9Condition'), width: 28, value: (e) => (d(e).art9Condition ? c.t(`enums.art9.${d(e).art9Condition}`) : '') },
    { header: f(c, 'art9Detail'), width: 28, value: (e) => d(e).art9Detail },
    { header: f(c, 'art10Basis'), width: 28, value: (e) => d(e).art10Basis },
    { header: f(c, 'sources'), width: 28, value: (e) => d(e).sources },
    // (d) recipients, (e) transfers, (f) retention, (g) security
    { header: f(c, 'recipients'), width: 40, value: (e) => lines(d(e).recipients.map((x) => itemText(c, 'recipients', x))) },
    { header: f(c, 'transfers'), width: 40, value: (e) => lines(transferLines(c, e)) },
    {
      header: f(c, 'retention'),
      width: 45,
      value: (e) =>
        lines([...d(e).dataCategories.map((x) => ({ label: categoryLabel(c, x.category), r: x.retention })), ...d(e).specialCategories.map((x) => ({ label: c.t(`enums.special.${x.category}`), r: x.retention }))].map(({ label, r }) => {
          const text = retentionText(c, r);
          return text ? pair(c, label, text) : '';
        })),
    },
    { header: f(c, 'securityMeasures'), width: 40, value: (e) => lines(d(e).securityMeasures.map((x) => pair(c, c.label('securityMeasures', x.type), x.details))) },
    { header: f(c, 'dpiaNeeded'), width: 12, value: (e) => c.t(`enums.dpiaNeeded.${d(e).dpia.needed}`) },
    { header: f(c, 'dpiaDone'), width: 12, value: (e) => yesNo(c, d(e).dpia.done) },
    { header: f(c, 'dpiaDate'), width: 13, value: (e) => day(d(e).dpia.date) },
    { header: f(c, 'dpiaReason'), width: 30, value: (e) => d(e).dpia.reason },
    { header: f(c, 'notes'), width: 40, value: (e) => d(e).notes },
    { header: c.t('sheet.col.missing'), width: 25, value: (e) => missingText(c, e) },
  ];
}

function processorColumns(c: Ctx): Column<ExportEntry<ProcessorDoc>>[] {
  const d = (e: ExportEntry<ProcessorDoc>) => e.doc;
  return [
    { header: f(c, 'ref'), width: 12, value: (e) => d(e).ref },
    { header: f(c, 'name'), width: 30, value: (e) => d(e).name },
    { header: f(c, 'status'), width: 11, value: (e) => c.t(`enums.status.${d(e).status}`) },
    { header: f(c, 'createdAt'), width: 13, value: (e) => day(e.createdAt) },
    { header: f(c, 'updatedAt'), width: 13, value: (e) => day(e.updatedAt) },
    { header: f(c, 'nextReview'), width: 13, value: (e) => day(d(e).nextReview) },
    // Art. 30(2)(a): the client controller(s), their contacts; the representative
    { header: f(c, 'clientScope'), width: 22, value: (e) => c.t(`enums.clientScope.${d(e).clientScope}`) },
    { header: f(c, 'standardDpa'), width: 25, value: (e) => d(e).standardDpa },
    { header: f(c, 'clientName'), width: 25, value: (e) => d(e).client.name },
    { header: f(c, 'clientAddress'), width: 25, value: (e) => d(e).client.address },
    { header: f(c, 'clientContact'), width: 20, value: (e) => d(e).client.contactName },
    { header: f(c, 'clientEmail'), width: 22, value: (e) => d(e).client.email },
    { header: f(c, 'clientPhone'), width: 15, value: (e) => d(e).client.phone },
    { header: f(c, 'clientDpo'), width: 20, value: (e) => d(e).client.dpo },
    { header: f(c, 'representative'), width: 20, value: (e) => d(e).representative },
    // (b) categories of processing
    { header: f(c, 'processingCategories'), width: 40, value: (e) => lines(d(e).processingCategories.map((p) => p.text)) },
    { header: f(c, 'dataCategories'), width: 35, value: (e) => lines(d(e).dataCategories.map((x) => pair(c, categoryLabel(c, x.category), x.description))) },
    { header: f(c, 'specialCategories'), width: 30, value: (e) => lines(d(e).specialCategories.map((x) => pair(c, c.t(`enums.special.${x.category}`), x.description))) },
    { header: f(c, 'dataSubjects'), width: 30, value: (e) => lines(d(e).dataSubjects.map((x) => pair(c, c.label('dataSubjects', x.category), x.details))) },
    { header: f(c, 'processorRetention'), width: 30, value: (e) => d(e).retention },
    { header: f(c, 'endOfContract'), width: 22, value: (e) => (d(e).endOfContract ? c.t(`supplier.endOfContract.${d(e).endOfContract}`) : '') },
    { header: f(c, 'breachNoticeHours'), width: 16, value: (e) => d(e).breachNoticeHours },
    { header: f(c, 'subProcessors'), width: 35, value: (e) => lines(d(e).subProcessors.map((x) => itemText(c, 'subProcessors', x))) },
    // (c) transfers, (d) security
    { header: f(c, 'transfers'), width: 40, value: (e) => lines(transferLines(c, e)) },
    { header: f(c, 'securityMeasures'), width: 40, value: (e) => lines(d(e).securityMeasures.map((x) => pair(c, c.label('securityMeasures', x.type), x.details))) },
    { header: f(c, 'notes'), width: 40, value: (e) => d(e).notes },
    { header: c.t('sheet.col.missing'), width: 25, value: (e) => missingText(c, e) },
  ];
}

// ---------------------------------------------------------------------------------------------
// The repeated tables, one row per element, each row naming its record.

type Owned<T> = Readonly<{ e: ExportEntry; item: T }>;

function recordColumns<T>(c: Ctx, withRegister = false): Column<Owned<T>>[] {
  return [
    ...(withRegister ? [{ header: c.t('sheet.col.register'), width: 22, value: (o: Owned<T>) => c.t(`enums.kind.${o.e.kind}`) }] : []),
    { header: f(c, 'ref'), width: 12, value: (o) => o.e.doc.ref },
    { header: c.t('sheet.col.record'), width: 28, value: (o) => o.e.doc.name },
  ];
}

type PurposeRow = Readonly<{ n: number; text: string; basis: string; detail: string; review: boolean }>;

function purposesSheet(c: Ctx, name: string, entries: ReadonlyArray<ExportEntry<ControllerDoc>>): Sheet {
  const rows: Owned<PurposeRow>[] = entries.flatMap((e) =>
    e.doc.purposes.flatMap((p, i) => {
      const bases = p.bases.length ? p.bases : [{ basis: '', detail: '' }];
      return bases.map((b) => ({ e, item: { n: i + 1, text: p.text, basis: b.basis, detail: b.detail, review: p.review } }));
    }),
  );
  return table(name, [
    ...recordColumns<PurposeRow>(c),
    { header: c.t('sheet.col.order'), width: 6, value: (o) => o.item.n },
    { header: f(c, 'purposeText'), width: 45, value: (o) => o.item.text },
    { header: f(c, 'legalBasis'), width: 32, value: (o) => (o.item.basis ? c.t(`enums.legalBasis.${o.item.basis}`) : '') },
    { header: f(c, 'legalBasisDetail'), width: 45, value: (o) => o.item.detail },
    { header: f(c, 'review'), width: 12, value: (o) => (o.item.review ? c.t('sheet.yes') : '') },
  ], rows);
}

type CategoryRow = Readonly<{ special: boolean; label: string; description: string; retention: Retention }>;

function categoriesSheet(c: Ctx, name: string, entries: ReadonlyArray<ExportEntry<ControllerDoc>>): Sheet {
  const rows: Owned<CategoryRow>[] = entries.flatMap((e) => [
    ...e.doc.dataCategories.map((x) => ({ e, item: { special: false, label: categoryLabel(c, x.category), description: x.description, retention: x.retention } })),
    ...e.doc.specialCategories.map((x) => ({ e, item: { special: true, label: c.t(`enums.special.${x.category}`), description: x.description, retention: x.retention } })),
  ]);
  const unit = (r: { duration: number | null; unit: Retention['unit'] }) => (r.duration === null ? '' : c.t(`enums.retentionUnit.${r.unit}`));
  return table(name, [
    ...recordColumns<CategoryRow>(c),
    { header: c.t('sheet.col.kind'), width: 12, value: (o) => c.t(o.item.special ? 'sheet.sensitive' : 'sheet.ordinary') },
    { header: f(c, 'category'), width: 35, value: (o) => o.item.label },
    { header: f(c, 'description'), width: 35, value: (o) => o.item.description },
    { header: f(c, 'duration'), width: 9, value: (o) => o.item.retention.duration },
    { header: f(c, 'unit'), width: 9, value: (o) => unit(o.item.retention) },
    { header: f(c, 'criterion'), width: 28, value: (o) => o.item.retention.criterion },
    { header: c.t('sheet.col.archiveDuration'), width: 11, value: (o) => o.item.retention.archive.duration },
    { header: c.t('sheet.col.archiveUnit'), width: 11, value: (o) => unit(o.item.retention.archive) },
    { header: c.t('sheet.col.archiveCriterion'), width: 25, value: (o) => o.item.retention.archive.criterion },
    { header: f(c, 'archiveReason'), width: 28, value: (o) => o.item.retention.archive.reason },
    { header: f(c, 'end'), width: 14, value: (o) => (o.item.retention.end ? c.t(`enums.retentionEnd.${o.item.retention.end}`) : '') },
    { header: f(c, 'note'), width: 28, value: (o) => o.item.retention.note },
    { header: c.t('sheet.col.retentionText'), width: 45, value: (o) => retentionText(c, o.item.retention) },
  ], rows);
}

type RecipientRow = ControllerDoc['recipients'][number];

function recipientsSheet(c: Ctx, name: string, entries: ReadonlyArray<ExportEntry<ControllerDoc>>): Sheet {
  const rows: Owned<RecipientRow>[] = entries.flatMap((e) => e.doc.recipients.map((item) => ({ e, item })));
  return table(name, [
    ...recordColumns<RecipientRow>(c),
    { header: f(c, 'type'), width: 22, value: (o) => c.t(`enums.recipientType.${o.item.type}`) },
    { header: f(c, 'category'), width: 30, value: (o) => (o.item.category ? c.label('recipients', o.item.category) : '') },
    { header: f(c, 'partyName'), width: 25, value: (o) => o.item.name },
    { header: f(c, 'details'), width: 40, value: (o) => o.item.details },
  ], rows);
}

type TransferRow = Readonly<{ title: string; importer: string; country: string; access: string; ground: string; module: string; status: string; document: string; toConvert: boolean }>;

/** The transfers of each record: the transfer register's entries linked to it, then what it still has to convert (docx/content.ts reads the same). */
function transfersSheet(c: Ctx, name: string, entries: ReadonlyArray<ExportEntry>): Sheet {
  const rows: Owned<TransferRow>[] = entries.flatMap((e) => {
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
  return table(name, [
    ...recordColumns<TransferRow>(c, true),
    { header: c.t('sheet.col.transfer'), width: 30, value: (o) => o.item.title },
    { header: c.t('sheet.col.importer'), width: 28, value: (o) => o.item.importer },
    { header: f(c, 'country'), width: 18, value: (o) => o.item.country },
    { header: c.t('sheet.col.accessCountries'), width: 20, value: (o) => o.item.access },
    { header: c.t('sheet.col.ground'), width: 35, value: (o) => o.item.ground },
    { header: c.t('sheet.col.module'), width: 30, value: (o) => o.item.module },
    { header: c.t('sheet.col.transferStatus'), width: 12, value: (o) => o.item.status },
    { header: f(c, 'document'), width: 25, value: (o) => o.item.document },
    { header: c.t('sheet.col.toConvert'), width: 11, value: (o) => (o.item.toConvert ? c.t('sheet.yes') : '') },
  ], rows);
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
  if (controller) sheets.push(table(name('controller'), controllerColumns(c), m.controller));
  if (processor) sheets.push(table(name('processor'), processorColumns(c), m.processor));
  if (controller) {
    sheets.push(purposesSheet(c, name('purposes'), m.controller));
    sheets.push(categoriesSheet(c, name('categories'), m.controller));
    sheets.push(recipientsSheet(c, name('recipients'), m.controller));
  }
  sheets.push(transfersSheet(c, name('transfers'), [...m.controller, ...m.processor]));
  sheets.push(organisationSheet(c, name('organisation'), m.organisation));
  const longName = name('longTexts');
  const long = { name: longName, widths: [20, 10, 8, 100], frozenRows: 1, rows: [[header(c.t('sheet.col.sheet')), header(c.t('sheet.col.cell')), header(c.t('sheet.col.part')), header(c.t('sheet.col.text'))]] as Row[] };
  const all = splitLongTexts(sheets, long, (cell) => c.t('sheet.continued', { sheet: longName, cell }));
  return { language: m.options.language, title: translate(m.options.language, 'export.title'), createdAt: m.generatedAt, sheets: [...all, metaSheet(REGISTER_LAYOUT, m)] };
}

