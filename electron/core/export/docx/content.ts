import { REFERENCE_LISTS, referenceLabel, type ReferenceListName } from '../../../../shared/domain/reference-lists';
import type { ControllerDoc, ProcessorDoc, Purpose, RegisterDoc, Retention } from '../../../../shared/domain/register';
import { ALL_DATA_CATEGORIES, SAFEGUARDS } from '../../../../shared/domain/enums';
import { transferCountryCodes, type RecordTransfer, type TransferToConvert } from '../../../../shared/domain/record-transfers';
import { countryName } from '../../../../shared/domain/countries';
import { translate } from '../../../../shared/i18n';
import { headsOf, type DocxExportModel, type EntryHead, type Entries, type ExportEntry, type RegisterExportModel } from '../model';
import type { Value } from './blocks';
import type { ContentBuilder } from './builder';
import { writeBreachLog } from './breach-docx';
import { writeSupplierList } from './supplier-docx';
import { writeInvalidatedNotes, writeTransferRegister } from './transfer-docx';
import { docDate } from './dates';
import type { RegisterKind } from '../../../../shared/domain/enums';
import type { ChangedRecord } from '../changes';

/**
 * What the yearly register says, written once, through a ContentBuilder (docx objects or
 * streamed WordprocessingML): the summaries, the organisation, one section per record in the
 * order of the CNIL record sheet, the changes since the last export, the annexes.
 */

/** The context of a document: `m` holds its records as arrays (the spreadsheets) or read a page at a time (the Word export: DocCtx). */
export type Ctx<M extends DocxExportModel = RegisterExportModel> = Readonly<{
  m: M;
  t: (key: string, params?: Record<string, string | number>) => string;
  label: (list: ReferenceListName, code: string) => string;
  date: (isoDate: string) => string;
}>;

export function context<M extends DocxExportModel>(m: M): Ctx<M> {
  const lang = m.options.language;
  return {
    m,
    t: (key, params) => translate(lang, key, params),
    label: (list, code) => referenceLabel(m.lists, list, code, lang),
    date: (iso) => docDate(lang, iso),
  };
}

export type DocCtx = Ctx<DocxExportModel>;

/** A value, or the "to be completed" mark when the field is mandatory and empty. */
function orMark(c: DocCtx, value: Value, missing: boolean): Value {
  const empty = typeof value === 'string' ? value.trim() === '' : Array.isArray(value) ? value.length === 0 : false;
  if (missing) return { toComplete: c.t('export.toComplete') };
  return empty ? c.t('export.none') : value;
}

function phaseText(c: DocCtx, p: { duration: number | null; unit: Retention['unit']; criterion: string }): string {
  const unit = c.t(`enums.${p.duration === 1 ? 'retentionUnitOne' : 'retentionUnit'}.${p.unit}`);
  const duration = p.duration !== null ? `${p.duration} ${unit}` : '';
  return [duration, p.criterion.trim()].filter(Boolean).join(', ');
}

/**
 * The retention as written: the active-use phase alone reads as before ("12 months, from the
 * communication"); with an intermediate archive or an end, each phase is named; the note follows.
 */
export function retentionText(c: DocCtx, r: Retention): string {
  const active = phaseText(c, r);
  const archive = phaseText(c, r.archive);
  const reason = r.archive.reason.trim();
  const phased = archive !== '' || reason !== '' || r.end !== '';
  const parts = phased
    ? [
        active ? c.t('export.retentionActive', { value: active }) : '',
        archive || reason ? c.t('export.retentionArchive', { value: [archive, reason ? c.t('export.retentionReason', { value: reason }) : ''].filter(Boolean).join(', ') }) : '',
        r.end ? c.t('export.retentionThen', { value: c.t(`enums.retentionEnd.${r.end}`).toLocaleLowerCase() }) : '',
      ]
    : [active];
  return [...parts, r.note.trim()].filter(Boolean).join(c.t('export.listSeparator'));
}

/** The retention in a summary-table cell: the phases' durations and the end, without labels or note. */
function retentionShort(c: DocCtx, r: Retention): string {
  const archive = phaseText(c, r.archive);
  const text = [phaseText(c, r), archive ? c.t('export.retentionArchiveShort', { value: archive }) : ''].filter(Boolean).join(c.t('export.listSeparator'));
  return r.end ? `${text} → ${c.t(`enums.retentionEnd.${r.end}`).toLocaleLowerCase()}` : text;
}

/** A data category's label; the reserved row "every category of the record" included. */
export function categoryLabel(c: DocCtx, code: string): string {
  return code === ALL_DATA_CATEGORIES ? c.t('enums.allDataCategories') : c.label('dataCategories', code);
}

/** The bases of one purpose, short labels joined ("Legitimate interests + Legal obligation"). */
export function basesText(c: DocCtx, p: Purpose): string {
  return p.bases
    .filter((b) => b.basis !== '')
    .map((b) => c.t(`enums.legalBasis.${b.basis}`).replace(/ \(.*\)$/, ''))
    .join(' + ');
}

// ---------------------------------------------------------------------------------------------
// A record's transfers: one reading (the transfer register's entries linked to the record, and
// what the record still lists to convert) for its summary row, its section and the annex.

export type RecordTransfers = Readonly<{ linked: ReadonlyArray<RecordTransfer>; toConvert: ReadonlyArray<TransferToConvert> }>;

/** A record's heading, in the contents and above its section. */
const recordHeading = (e: EntryHead) => `${e.doc.ref} – ${e.doc.name}`;

export function transfersOf(c: DocCtx, e: EntryHead): RecordTransfers {
  return { linked: c.m.recordTransfers.get(e.id) ?? [], toConvert: e.doc.transfersToConvert ?? [] };
}

export const countryNames = (c: DocCtx, codes: ReadonlyArray<string>) => codes.map((code) => countryName(c.m.options.language, code)).join(', ');

export function groundText(c: DocCtx, t: RecordTransfer): string {
  if (!t.mechanism) return c.t('export.toComplete');
  const module = t.module ? ` (${c.t(`transfer.module.${t.module}`)})` : '';
  return `${c.t(`transfer.mechanism.${t.mechanism}`)}${module}`;
}

export function safeguardText(c: DocCtx, s: string): string {
  return (SAFEGUARDS as ReadonlyArray<string>).includes(s) ? c.t(`enums.safeguard.${s}`) : s;
}

const toConvertMark = (c: DocCtx) => c.t('export.toConvert');

/** The summary table's cell: the countries, or "none" only when the record has no transfer at all. */
function transferCountriesCell(c: DocCtx, e: ExportEntry): Value {
  const { linked, toConvert } = transfersOf(c, e);
  if (linked.length === 0 && toConvert.length === 0) return c.t('export.none');
  return [...(linked.length ? [countryNames(c, transferCountryCodes(linked))] : []), ...toConvert.map((x) => `${x.country || x.recipient} (${toConvertMark(c)})`)];
}

/** The record section's lines: importer – countries – ground, then what is still to convert. */
export function transferLines(c: DocCtx, e: ExportEntry): string[] {
  const { linked, toConvert } = transfersOf(c, e);
  return [
    ...linked.map((t) => [t.importer, countryNames(c, [t.importerCountry, ...t.accessCountries]), groundText(c, t)].filter(Boolean).join(' – ')),
    ...toConvert.map((x) => `${[x.recipient, x.country, x.safeguard ? safeguardText(c, x.safeguard) : '', x.document].filter(Boolean).join(' – ')} (${toConvertMark(c)})`),
  ];
}

export function contactLines(parts: ReadonlyArray<string>): string {
  return parts.map((p) => p.trim()).filter(Boolean).join('\n');
}

/** The rows of a summary table, made one at a time as the table is written. */
function mapEntries<D extends RegisterDoc, T>(entries: Entries<D>, fn: (e: ExportEntry<D>) => T): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (const e of entries) yield fn(e);
    },
  };
}

function controllerSummary(c: DocCtx, b: ContentBuilder, entries: Entries<ControllerDoc>): void {
  const headers = ['fields.ref', 'fields.name', 'fields.department', 'fields.purpose', 'fields.legalBasis', 'fields.special', 'export.transfers', 'export.retention', 'fields.status', 'export.lastUpdate'].map((k) => c.t(k));
  const widths = [1150, 1900, 1250, 2200, 1500, 1200, 1300, 1870, 900, 1300];
  // Produced as the table is written: the register is read a page at a time.
  const rows = mapEntries(entries, (e) => {
    const { doc, updatedAt } = e;
    return [
      doc.ref,
      doc.name,
      doc.department ? c.label('departments', doc.department) : '',
      doc.purposes.map((p) => p.text),
      doc.purposes.length && doc.purposes.every((p) => basesText(c, p) !== '')
        ? doc.purposes.map((p) => basesText(c, p))
        : { toComplete: c.t('export.toComplete') },
      doc.specialCategories.length ? doc.specialCategories.map((s) => c.t(`enums.special.${s.category}`)) : c.t('export.none'),
      transferCountriesCell(c, e),
      [...doc.dataCategories, ...doc.specialCategories].map((d) => retentionShort(c, d.retention)).filter(Boolean),
      c.t(`enums.status.${doc.status}`),
      c.date(updatedAt.slice(0, 10)),
    ] as Value[];
  });
  b.heading(c.t('export.summary'), 1);
  if (entries.length) b.table(headers, rows, widths);
  else b.para(c.t('export.noRecord'));
}

export function clientText(c: DocCtx, d: ProcessorDoc): string {
  return d.clientScope === 'standardDpa' ? [c.t('enums.clientScope.standardDpa'), d.standardDpa.trim()].filter(Boolean).join(' – ') : d.client.name;
}

function processorSummary(c: DocCtx, b: ContentBuilder, entries: Entries<ProcessorDoc>): void {
  const headers = ['fields.ref', 'fields.name', 'fields.client', 'fields.processingCategories', 'fields.subProcessors', 'export.transfers', 'fields.status', 'export.lastUpdate'].map((k) => c.t(k));
  const widths = [1150, 2300, 2300, 3300, 2020, 1400, 900, 1200];
  const rows = mapEntries(entries, (e) => {
    const { doc, updatedAt } = e;
    return [
      doc.ref,
      doc.name,
      clientText(c, doc),
      doc.processingCategories.map((p) => p.text),
      doc.subProcessors.map((s) => s.name),
      transferCountriesCell(c, e),
      c.t(`enums.status.${doc.status}`),
      c.date(updatedAt.slice(0, 10)),
    ] as Value[];
  });
  b.heading(c.t('export.summaryProcessor'), 1);
  if (entries.length) b.table(headers, rows, widths);
  else b.para(c.t('export.noRecord'));
}

// ---------------------------------------------------------------------------------------------
// The organisation and the records

/** The organisation is named by the role the document speaks of: controller, processor, or both. */
function organisationRole(c: DocCtx): { heading: string; label: string } {
  const registers = c.m.options.registers;
  if (registers === 'processor') return { heading: c.t('export.organisationProcessor'), label: c.t('export.processor') };
  if (registers === 'both') return { heading: c.t('export.organisationBoth'), label: `${c.t('export.controller')} / ${c.t('export.processor')}` };
  return { heading: c.t('export.organisation'), label: c.t('export.controller') };
}

function organisationPart(c: DocCtx, b: ContentBuilder): void {
  const o = c.m.organisation;
  const role = organisationRole(c);
  const contact = (x: typeof o.dpo) => contactLines([x.name, x.role, x.company, x.address, x.email, x.phone]);
  const rows: Array<readonly [string, Value]> = [
    [role.label, orMark(c, contactLines([o.legalName, o.tradeName]), o.legalName.trim() === '')],
    [c.t('fields.address'), orMark(c, contactLines([o.address, [o.postcode, o.city].filter(Boolean).join(' '), o.country]), o.address.trim() === '')],
    [c.t('export.registration'), orMark(c, o.registrationNumber, false)],
    [c.t('export.contact'), orMark(c, contactLines([o.email, o.phone]), false)],
    [c.t('export.representative'), orMark(c, contact(o.representative), o.representative.name.trim() === '')],
    [c.t('export.dpo'), orMark(c, contact(o.dpo), o.dpo.name.trim() === '')],
    [c.t('export.euRepresentative'), orMark(c, contact(o.euRepresentative), false)],
    [c.t('fields.jointControllers'), orMark(c, o.jointControllers.map((p) => contactLines([p.name, p.address, p.email, p.phone, p.details]).replace(/\n/g, ', ')), false)],
  ];
  b.heading(role.heading, 1);
  b.fields(rows);
}

/** What both kinds of record section share: the heading, a field-table section, the mandatory-field check. */
function recordWriter(c: DocCtx, b: ContentBuilder, e: ExportEntry, first: boolean) {
  const missing = new Set(e.missing.map((x) => x.path));
  // Each record starts a page; the first one shares its page with the part's heading (itself on a new page).
  b.heading(recordHeading(e), 2, { pageBreakBefore: !first });
  return {
    has: (path: string) => missing.has(path),
    section: (key: string, rows: Array<readonly [string, Value]>) => {
      b.heading(c.t(`sections.${key}`), 3);
      b.fields(rows);
    },
    f: (k: string) => c.t(`fields.${k}`),
  };
}

function securityRow(c: DocCtx, d: ControllerDoc | ProcessorDoc, missing: boolean): readonly [string, Value] {
  return [c.t('fields.securityMeasures'), orMark(c, d.securityMeasures.map((m) => [c.label('securityMeasures', m.type), m.details].filter(Boolean).join(' : ')), missing)];
}

function transfersRow(c: DocCtx, e: ExportEntry): readonly [string, Value] {
  const lines = transferLines(c, e);
  return [c.t('fields.transfers'), lines.length ? lines : c.t('export.none')];
}

function retentionOrMark(c: DocCtx, r: Retention, noLimit: boolean, noReason: boolean): string {
  if (noLimit) return c.t('export.toComplete');
  const text = retentionText(c, r);
  return noReason ? `${text} (${c.t('fields.archiveReason')} : ${c.t('export.toComplete')})` : text;
}

function controllerRecord(c: DocCtx, b: ContentBuilder, e: ExportEntry<ControllerDoc>, first: boolean): void {
  const d = e.doc;
  const { has, section, f } = recordWriter(c, b, e, first);
  section('description', [
    [f('ref'), d.ref],
    [f('name'), d.name],
    [f('status'), c.t(`enums.status.${d.status}`)],
    [f('department'), orMark(c, d.department ? c.label('departments', d.department) : '', false)],
    [f('software'), orMark(c, d.software, false)],
    [f('createdAt'), c.date(e.createdAt)],
    [f('updatedAt'), c.date(e.updatedAt)],
    [f('nextReview'), orMark(c, c.date(d.nextReview), false)],
  ]);
  section('actors', [
      [c.t('export.controller'), orMark(c, c.m.organisation.legalName, c.m.organisation.legalName.trim() === '')],
      [c.t('export.dpo'), orMark(c, contactLines([c.m.organisation.dpo.name, c.m.organisation.dpo.email]).replace(/\n/g, ', '), c.m.organisation.dpo.name.trim() === '')],
    [f('jointControllers'), orMark(c, d.jointControllers.map((p) => [p.name, p.address, p.email, p.phone, p.details].filter(Boolean).join(', ')), false)],
  ]);
  section(
    'purposes',
    d.purposes.length
      ? d.purposes.flatMap((p, i) => {
          const label = i === 0 ? c.t('export.purposeMain') : c.t('export.purposeSub', { n: i });
          const rows: Array<readonly [string, Value]> = [[label, orMark(c, p.text, has(`purposes.${i}.text`))]];
          p.bases.forEach((x, j) => {
            if (x.basis === '' && x.detail.trim() === '') return;
            const name = x.basis ? c.t(`enums.legalBasis.${x.basis}`) : '';
            const value = has(`purposes.${i}.bases.${j}.detail`) || x.basis === '' ? { toComplete: [name, c.t('export.toComplete')].filter(Boolean).join(' – ') } : [name, x.detail.trim()].filter(Boolean).join(' – ');
            rows.push([`${f('basis')}${p.review ? ` (${c.t('export.toReview')})` : ''}`, value]);
          });
          if (has(`purposes.${i}.bases`)) rows.push([f('basis'), { toComplete: c.t('export.toComplete') }]);
          return rows;
        })
      : [[f('purposes'), orMark(c, '', has('purposes'))]],
  );
  section('security', [securityRow(c, d, has('securityMeasures'))]);
  section(
      'data',
      d.dataCategories.length
        ? d.dataCategories.map((x, i) => [
            categoryLabel(c, x.category),
            [x.description, c.t('export.retentionBy', { value: retentionOrMark(c, x.retention, has(`dataCategories.${i}.retention.criterion`), has(`dataCategories.${i}.retention.archive.reason`)) })].filter(Boolean).join('\n'),
          ] as const)
        : [[f('dataCategories'), orMark(c, '', has('dataCategories'))]],
  );
  section('special', [
      ...(d.specialCategories.length
        ? d.specialCategories.map((x, i) => [
            c.t(`enums.special.${x.category}`),
            [x.description, c.t('export.retentionBy', { value: retentionOrMark(c, x.retention, has(`specialCategories.${i}.retention.criterion`), has(`specialCategories.${i}.retention.archive.reason`)) })].filter(Boolean).join('\n'),
          ] as const)
        : [[f('specialCategories'), c.t('export.none')] as const]),
      ...(d.specialCategories.length || d.art9Condition
        ? ([
            [f('art9Condition'), orMark(c, d.art9Condition ? c.t(`enums.art9.${d.art9Condition}`) : '', has('art9Condition'))],
            [f('art9Detail'), orMark(c, d.art9Detail, false)],
          ] as const)
        : []),
      ...(d.specialCategories.some((x) => x.category === 'CRIMINAL') || d.art10Basis ? ([[f('art10Basis'), orMark(c, d.art10Basis, has('art10Basis'))]] as const) : []),
  ]);
  section('subjects', [[f('dataSubjects'), orMark(c, d.dataSubjects.map((x) => [c.label('dataSubjects', x.category), x.details].filter(Boolean).join(' : ')), has('dataSubjects'))]]);
  section('recipients', [
    [f('recipients'), orMark(c, d.recipients.map((r) => [c.t(`enums.recipientType.${r.type}`), r.category ? c.label('recipients', r.category) : '', r.name, r.details].filter(Boolean).join(' – ')), has('recipients'))],
  ]);
  section('transfers', [transfersRow(c, e)]);
  section('dpia', [
    [f('dpiaNeeded'), orMark(c, d.dpia.needed === 'unknown' ? '' : c.t(`enums.dpiaNeeded.${d.dpia.needed}`), has('dpia.needed'))],
    [f('dpiaDone'), c.t(d.dpia.done ? 'enums.dpiaNeeded.yes' : 'enums.dpiaNeeded.no')],
    [f('dpiaDate'), orMark(c, c.date(d.dpia.date), false)],
    [f('dpiaReason'), orMark(c, d.dpia.reason, false)],
  ]);
  section('other', [
    [f('sources'), orMark(c, d.sources, false)],
    [f('notes'), orMark(c, d.notes, false)],
  ]);
}

function processorRecord(c: DocCtx, b: ContentBuilder, e: ExportEntry<ProcessorDoc>, first: boolean): void {
  const d = e.doc;
  const { has, section, f } = recordWriter(c, b, e, first);
  section('description', [
    [f('ref'), d.ref],
    [f('name'), d.name],
    [f('status'), c.t(`enums.status.${d.status}`)],
    [f('createdAt'), c.date(e.createdAt)],
    [f('updatedAt'), c.date(e.updatedAt)],
    [f('nextReview'), orMark(c, c.date(d.nextReview), false)],
  ]);
  // Art. 30(2)(a): the organisation keeps this record as processor, never as controller.
  const o = c.m.organisation;
  section('actors', [
    [c.t('export.processor'), orMark(c, o.legalName, o.legalName.trim() === '')],
    [c.t('export.dpo'), orMark(c, contactLines([o.dpo.name, o.dpo.email]).replace(/\n/g, ', '), o.dpo.name.trim() === '')],
    [f('representative'), orMark(c, d.representative, false)],
  ]);
  section(
    'client',
    d.clientScope === 'standardDpa'
      ? [
          [f('clientScope'), c.t('enums.clientScope.standardDpa')],
          [f('standardDpa'), orMark(c, d.standardDpa, has('standardDpa'))],
        ]
      : [
          [f('clientName'), orMark(c, d.client.name, has('client.name'))],
          [f('clientAddress'), orMark(c, d.client.address, false)],
          [f('clientContact'), orMark(c, contactLines([d.client.contactName, d.client.email, d.client.phone]), has('client.contactName'))],
          [f('clientDpo'), orMark(c, d.client.dpo, false)],
        ],
  );
  section('processing', [[f('processingCategories'), orMark(c, d.processingCategories.map((p) => p.text), has('processingCategories'))]]);
  section('processorData', [
    [f('dataCategories'), orMark(c, d.dataCategories.map((x) => [categoryLabel(c, x.category), x.description].filter(Boolean).join(' : ')), false)],
    [f('specialCategories'), orMark(c, d.specialCategories.map((x) => [c.t(`enums.special.${x.category}`), x.description].filter(Boolean).join(' : ')), false)],
    [f('dataSubjects'), orMark(c, d.dataSubjects.map((x) => [c.label('dataSubjects', x.category), x.details].filter(Boolean).join(' : ')), false)],
    [f('processorRetention'), orMark(c, d.retention, false)],
    [f('endOfContract'), orMark(c, d.endOfContract ? c.t(`supplier.endOfContract.${d.endOfContract}`) : '', false)],
    [f('breachNoticeHours'), orMark(c, d.breachNoticeHours !== null ? c.t('export.hours', { n: d.breachNoticeHours }) : '', false)],
  ]);
  section('subProcessors', [[f('subProcessors'), orMark(c, d.subProcessors.map((x) => [x.name, x.service, x.country].filter(Boolean).join(' – ')), false)]]);
  section('transfers', [transfersRow(c, e)]);
  section('security', [securityRow(c, d, has('securityMeasures'))]);
  section('other', [[f('notes'), orMark(c, d.notes, false)]]);
}

// ---------------------------------------------------------------------------------------------
// Changes and annexes

// What changed, field by field, old and new values written as the record section writes them.

const yesNo = (c: DocCtx, v: boolean) => c.t(v ? 'enums.dpiaNeeded.yes' : 'enums.dpiaNeeded.no');

/** One element of a list field, on one line, as the record section writes it. */
export function itemText(c: DocCtx, field: string, x: Record<string, unknown> & { retention?: Retention }): string {
  const s = (k: string) => String(x[k] ?? '');
  const retention = () => (x.retention ? c.t('export.retentionBy', { value: retentionText(c, x.retention) }) : '');
  switch (field) {
    case 'jointControllers':
      return [s('name'), s('address'), s('email'), s('phone'), s('details')].filter(Boolean).join(', ');
    case 'purposes': {
      const bases = basesText(c, x as unknown as Purpose);
      return bases ? `${s('text')} (${bases})` : s('text');
    }
    case 'processingCategories':
      return s('text');
    case 'dataSubjects':
      return [c.label('dataSubjects', s('category')), s('details')].filter(Boolean).join(' : ');
    case 'dataCategories':
      return [categoryLabel(c, s('category')), s('description'), retention()].filter(Boolean).join(' – ');
    case 'specialCategories':
      return [c.t(`enums.special.${s('category')}`), s('description'), retention()].filter(Boolean).join(' – ');
    case 'recipients':
      return [c.t(`enums.recipientType.${s('type')}`), s('category') ? c.label('recipients', s('category')) : '', s('name'), s('details')].filter(Boolean).join(' – ');
    case 'transfersToConvert':
      return `${[s('recipient'), s('country'), s('safeguard') ? safeguardText(c, s('safeguard')) : '', s('document')].filter(Boolean).join(' – ')} (${toConvertMark(c)})`;
    case 'securityMeasures':
      return [c.label('securityMeasures', s('type')), s('details')].filter(Boolean).join(' : ');
    case 'subProcessors':
      return [s('name'), s('service'), s('country')].filter(Boolean).join(' – ');
    default:
      return Object.values(x).filter((v) => typeof v === 'string' && v).join(' – ');
  }
}

function scalarText(c: DocCtx, field: string, v: unknown): string {
  if (typeof v === 'boolean') return yesNo(c, v);
  const s = v === null || v === undefined ? '' : String(v);
  if (!s) return '';
  switch (field) {
    case 'status':
      return c.t(`enums.status.${s}`);
    case 'department':
      return c.label('departments', s);
    case 'legalBasis':
      return c.t(`enums.legalBasis.${s}`);
    case 'art9Condition':
      return c.t(`enums.art9.${s}`);
    case 'nextReview':
      return c.date(s);
    case 'clientScope':
      return c.t(`enums.clientScope.${s}`);
    case 'endOfContract':
      return c.t(`supplier.endOfContract.${s}`);
    case 'breachNoticeHours':
      return c.t('export.hours', { n: Number(s) });
    default:
      return s;
  }
}

const SUB_LABEL: Record<string, string> = {
  'dpia.needed': 'dpiaNeeded',
  'dpia.done': 'dpiaDone',
  'dpia.date': 'dpiaDate',
  'dpia.reason': 'dpiaReason',
  'client.name': 'clientName',
  'client.address': 'clientAddress',
  'client.contactName': 'clientContact',
  'client.email': 'clientEmail',
  'client.phone': 'clientPhone',
  'client.dpo': 'clientDpo',
};

/** A value at a printed path ("dataCategories.0.retention", "dpia.needed", "mainPurpose") of a record. */
export function printedValue(c: DocCtx, doc: RegisterDoc | undefined, path: string): string {
  if (!doc) return '';
  const [top, second, third] = path.split('.') as [string, string?, string?];
  const d = doc as unknown as Record<string, unknown>;
  if (second !== undefined && /^\d+$/.test(second)) {
    const item = (d[top] as Array<Record<string, unknown>> | undefined)?.[Number(second)];
    if (!item) return '';
    if (third === 'retention') return retentionText(c, item.retention as Retention);
    return itemText(c, top, item);
  }
  if (second !== undefined) {
    const v = (d[top] as Record<string, unknown> | undefined)?.[second];
    if (path === 'dpia.needed') return v === 'unknown' || !v ? '' : c.t(`enums.dpiaNeeded.${String(v)}`);
    if (path === 'dpia.date') return c.date(String(v ?? ''));
    return scalarText(c, second, v);
  }
  return scalarText(c, top, d[top]);
}

/** The label of a printed path, in the document's language. */
export function printedLabel(c: DocCtx, before: RegisterDoc | undefined, after: RegisterDoc | undefined, path: string): string {
  const [top, second, third] = path.split('.') as [string, string?, string?];
  if (second !== undefined && /^\d+$/.test(second)) {
    const field = c.t(`fields.${top}`);
    if (third !== 'retention') return field;
    const item = ((after ?? before) as unknown as Record<string, Array<{ category: string }>>)[top]?.[Number(second)];
    const name = item ? (top === 'dataCategories' ? categoryLabel(c, item.category) : c.t(`enums.special.${item.category}`)) : '';
    return `${field}${name ? ` (${name})` : ''} – ${c.t('export.retention')}`;
  }
  return c.t(`fields.${SUB_LABEL[path] ?? top}`);
}

const clip = (text: string) => {
  const one = text.replace(/\s*\n\s*/g, ' ');
  return one.length > 400 ? `${one.slice(0, 400)}…` : one;
};

/** "Conservation : 90 jours → 180 jours" lines of a changed record. */
export function changeLines(c: DocCtx, r: ChangedRecord): string[] {
  return r.paths.map((path) => {
    const before = clip(printedValue(c, r.before, path)) || c.t('export.none');
    const after = clip(printedValue(c, r.after, path)) || c.t('export.none');
    return c.t('export.changeLine', { field: printedLabel(c, r.before, r.after, path), before, after });
  });
}

function changesPart(c: DocCtx, b: ContentBuilder): void {
  const ch = c.m.changes;
  b.heading(c.t('export.changes'), 1);
  if (!ch) return b.para(c.t('export.firstExport'));
  b.para(c.t('export.changesSince', { version: ch.previous.version, date: c.date(ch.previous.at), file: ch.previous.fileName }));
  const list = (title: string, items: typeof ch.added, withFields = false) => {
    b.heading(title, 3);
    if (items.length === 0) b.para(c.t('export.noChange'));
    for (const r of items) {
      b.para(`${r.ref} – ${r.name}`);
      if (withFields) for (const line of changeLines(c, r)) b.para(line, 'CoverMuted');
    }
  };
  list(c.t('export.added'), ch.added);
  list(c.t('export.changed'), ch.changed, true);
  list(c.t('export.archived'), ch.archived);
  list(c.t('export.removed'), ch.removed);
}

/** The records' heads (reference, name, transfers to convert): the annex reads no record's whole document. */
function* allHeads(c: DocCtx): Iterable<EntryHead> {
  yield* headsOf(c.m.controller);
  yield* headsOf(c.m.processor);
}

function transfersAnnex(c: DocCtx, b: ContentBuilder): void {
  const rows: Value[][] = [];
  for (const e of allHeads(c)) {
    const { linked, toConvert } = transfersOf(c, e);
    for (const t of linked) {
      rows.push([`${e.doc.ref} – ${e.doc.name}`, t.importer, countryNames(c, [t.importerCountry, ...t.accessCountries]), t.mechanism ? groundText(c, t) : { toComplete: c.t('export.toComplete') }]);
    }
    for (const x of toConvert) {
      rows.push([`${e.doc.ref} – ${e.doc.name}`, x.recipient, x.country, `${x.safeguard ? `${safeguardText(c, x.safeguard)} – ` : ''}${toConvertMark(c)}`]);
    }
  }
  const headers = [c.t('export.activity'), c.t('fields.recipient'), c.t('fields.country'), c.t('transferDoc.mechanism')];
  b.heading(c.t('export.annexTransfers'), 1);
  if (c.m.transfers) {
    b.heading(c.t('transferDoc.register'), 2);
    writeTransferRegister(c.m.transfers.ctx, b, c.m.transfers.items);
    b.heading(c.t('transferDoc.fromRecords'), 2);
  }
  if (rows.length) b.table(headers, rows, [3000, 2200, 2000, 2438]);
  else b.para(c.t('export.noTransfer'));
  if (c.m.transfers) {
    b.heading(c.t('transferDoc.notes'), 2);
    writeInvalidatedNotes(c.m.transfers.ctx, b);
  }
}

function listsAnnex(c: DocCtx, b: ContentBuilder): void {
  b.heading(c.t('export.annexLists'), 1);
  for (const list of REFERENCE_LISTS) {
    b.heading(c.t(`enums.list.${list}`), 3);
    b.table(
      [c.t('export.code'), c.t('export.labelFr'), c.t('export.labelEn')],
      c.m.lists[list].filter((i) => !i.archived).map((i) => [i.code, i.labelFr, i.labelEn]),
      [2000, 3819, 3819],
    );
  }
}


/** The summary tables (the landscape section). */
export function writeSummaries(c: DocCtx, b: ContentBuilder): void {
  if (c.m.options.registers !== 'processor') controllerSummary(c, b, c.m.controller);
  if (c.m.options.registers !== 'controller') processorSummary(c, b, c.m.processor);
}

/** Everything after the summaries (the last portrait section). */
export function writeBody(c: DocCtx, b: ContentBuilder): void {
  const { m } = c;
  organisationPart(c, b);
  if (m.options.registers !== 'processor') {
    b.heading(c.t('export.controllerPart'), 1, { pageBreakBefore: true });
    if (m.controller.length === 0) b.para(c.t('export.noRecord'));
    let first = true;
    if (b.headingsOnly) for (const e of headsOf(m.controller)) b.heading(recordHeading(e), 2);
    else for (const e of m.controller) {
      controllerRecord(c, b, e, first);
      first = false;
    }
  }
  if (m.options.registers !== 'controller') {
    b.heading(c.t('export.processorPart'), 1, { pageBreakBefore: true });
    if (m.processor.length === 0) b.para(c.t('export.noRecord'));
    let first = true;
    if (b.headingsOnly) for (const e of headsOf(m.processor)) b.heading(recordHeading(e), 2);
    else for (const e of m.processor) {
      processorRecord(c, b, e, first);
      first = false;
    }
  }
  changesPart(c, b);
  if (m.options.annexes.transfers) transfersAnnex(c, b);
  if (m.suppliers) {
    b.heading(c.t('auditDoc.annexSuppliers'), 1);
    writeSupplierList(m.suppliers.ctx, b, m.suppliers.items);
  }
  if (m.breaches) {
    b.heading(c.t('breachDoc.annexBreaches'), 1);
    writeBreachLog(m.breaches.ctx, b, m.breaches.items, 'records');
  }
  if (m.options.annexes.lists) listsAnnex(c, b);
}
