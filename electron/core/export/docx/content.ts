import { REFERENCE_LISTS, referenceLabel, type ReferenceListName } from '../../../../shared/domain/reference-lists';
import type { ControllerDoc, ProcessorDoc, Retention } from '../../../../shared/domain/register';
import { transferCountryCodes, type RecordTransfer, type TransferToConvert } from '../../../../shared/domain/record-transfers';
import { countryName } from '../../../../shared/domain/countries';
import { SAFEGUARDS } from '../../../../shared/domain/enums';
import { translate } from '../../../../shared/i18n';
import type { ExportEntry, RegisterExportModel } from '../model';
import type { Value } from './blocks';
import type { ContentBuilder } from './builder';
import { writeBreachLog } from './breach-docx';
import { writeSupplierList } from './supplier-docx';
import { writeInvalidatedNotes, writeTransferRegister } from './transfer-docx';

/**
 * What the yearly register says, written once, through a ContentBuilder (docx objects or
 * streamed WordprocessingML): the summaries, the organisation, one section per record in the
 * order of the CNIL record sheet, the changes since the last export, the annexes.
 */

export type Ctx = Readonly<{
  m: RegisterExportModel;
  t: (key: string, params?: Record<string, string | number>) => string;
  label: (list: ReferenceListName, code: string) => string;
  date: (isoDate: string) => string;
}>;

export function context(m: RegisterExportModel): Ctx {
  const lang = m.options.language;
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  return {
    m,
    t: (key, params) => translate(lang, key, params),
    label: (list, code) => referenceLabel(m.lists, list, code, lang),
    date: (iso) => {
      if (!iso) return '';
      const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
      return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
    },
  };
}

/** A value, or the "to be completed" mark when the field is mandatory and empty. */
function orMark(c: Ctx, value: Value, missing: boolean): Value {
  const empty = typeof value === 'string' ? value.trim() === '' : Array.isArray(value) ? value.length === 0 : false;
  if (missing) return { toComplete: c.t('export.toComplete') };
  return empty ? c.t('export.none') : value;
}

function retentionText(c: Ctx, r: Retention): string {
  const unit = c.t(`enums.${r.duration === 1 ? 'retentionUnitOne' : 'retentionUnit'}.${r.unit}`);
  const duration = r.duration !== null ? `${r.duration} ${unit}` : '';
  return [duration, r.criterion.trim()].filter(Boolean).join(', ');
}

// ---------------------------------------------------------------------------------------------
// A record's transfers: one reading (the transfer register's entries linked to the record, and
// what the record still lists to convert) for its summary row, its section and the annex.

type RecordTransfers = Readonly<{ linked: ReadonlyArray<RecordTransfer>; toConvert: ReadonlyArray<TransferToConvert> }>;

function transfersOf(c: Ctx, e: ExportEntry): RecordTransfers {
  return { linked: c.m.recordTransfers.get(e.id) ?? [], toConvert: e.doc.transfersToConvert ?? [] };
}

const countryNames = (c: Ctx, codes: ReadonlyArray<string>) => codes.map((code) => countryName(c.m.options.language, code)).join(', ');

function groundText(c: Ctx, t: RecordTransfer): string {
  if (!t.mechanism) return c.t('export.toComplete');
  const module = t.module ? ` (${c.t(`transfer.module.${t.module}`)})` : '';
  return `${c.t(`transfer.mechanism.${t.mechanism}`)}${module}`;
}

function safeguardText(c: Ctx, s: string): string {
  return (SAFEGUARDS as ReadonlyArray<string>).includes(s) ? c.t(`enums.safeguard.${s}`) : s;
}

const toConvertMark = (c: Ctx) => c.t('export.toConvert');

/** The summary table's cell: the countries, or "none" only when the record has no transfer at all. */
function transferCountriesCell(c: Ctx, e: ExportEntry): Value {
  const { linked, toConvert } = transfersOf(c, e);
  if (linked.length === 0 && toConvert.length === 0) return c.t('export.none');
  return [...(linked.length ? [countryNames(c, transferCountryCodes(linked))] : []), ...toConvert.map((x) => `${x.country || x.recipient} (${toConvertMark(c)})`)];
}

/** The record section's lines: importer – countries – ground, then what is still to convert. */
function transferLines(c: Ctx, e: ExportEntry): string[] {
  const { linked, toConvert } = transfersOf(c, e);
  return [
    ...linked.map((t) => [t.importer, countryNames(c, [t.importerCountry, ...t.accessCountries]), groundText(c, t)].filter(Boolean).join(' – ')),
    ...toConvert.map((x) => `${[x.recipient, x.country, x.safeguard ? safeguardText(c, x.safeguard) : '', x.document].filter(Boolean).join(' – ')} (${toConvertMark(c)})`),
  ];
}

export function contactLines(parts: ReadonlyArray<string>): string {
  return parts.map((p) => p.trim()).filter(Boolean).join('\n');
}

function controllerSummary(c: Ctx, b: ContentBuilder, entries: ReadonlyArray<ExportEntry<ControllerDoc>>): void {
  const headers = ['fields.ref', 'fields.name', 'fields.department', 'fields.purpose', 'fields.legalBasis', 'fields.special', 'export.transfers', 'export.retention', 'fields.status', 'export.lastUpdate'].map((k) => c.t(k));
  const widths = [1150, 1900, 1250, 2200, 1500, 1200, 1300, 1870, 900, 1300];
  const rows = entries.map((e) => {
    const { doc, updatedAt } = e;
    return [
      doc.ref,
      doc.name,
      doc.department ? c.label('departments', doc.department) : '',
      doc.mainPurpose,
      doc.legalBasis ? c.t(`enums.legalBasis.${doc.legalBasis}`) : { toComplete: c.t('export.toComplete') },
      doc.specialCategories.length ? doc.specialCategories.map((s) => c.t(`enums.special.${s.category}`)) : c.t('export.none'),
      transferCountriesCell(c, e),
      [...doc.dataCategories, ...doc.specialCategories].map((d) => retentionText(c, d.retention)).filter(Boolean),
      c.t(`enums.status.${doc.status}`),
      c.date(updatedAt.slice(0, 10)),
    ] as Value[];
  });
  b.heading(c.t('export.summary'), 1);
  if (entries.length) b.table(headers, rows, widths);
  else b.para(c.t('export.noRecord'));
}

function processorSummary(c: Ctx, b: ContentBuilder, entries: ReadonlyArray<ExportEntry<ProcessorDoc>>): void {
  const headers = ['fields.ref', 'fields.name', 'fields.client', 'fields.processingCategories', 'fields.subProcessors', 'export.transfers', 'fields.status', 'export.lastUpdate'].map((k) => c.t(k));
  const widths = [1150, 2300, 2300, 3300, 2020, 1400, 900, 1200];
  const rows = entries.map((e) => {
    const { doc, updatedAt } = e;
    return [
      doc.ref,
      doc.name,
      doc.client.name,
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

function organisationPart(c: Ctx, b: ContentBuilder): void {
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
  b.heading(c.t('export.organisation'), 1);
  b.fields(rows);
}

/** What both kinds of record section share: the heading, a field-table section, the mandatory-field check. */
function recordWriter(c: Ctx, b: ContentBuilder, e: ExportEntry) {
  const missing = new Set(e.missing.map((x) => x.path));
  b.heading(`${e.doc.ref} – ${e.doc.name}`, 2);
  return {
    has: (path: string) => missing.has(path),
    section: (key: string, rows: Array<readonly [string, Value]>) => {
      b.heading(c.t(`sections.${key}`), 3);
      b.fields(rows);
    },
    f: (k: string) => c.t(`fields.${k}`),
  };
}

function securityRow(c: Ctx, d: ControllerDoc | ProcessorDoc, missing: boolean): readonly [string, Value] {
  return [c.t('fields.securityMeasures'), orMark(c, d.securityMeasures.map((m) => [c.label('securityMeasures', m.type), m.details].filter(Boolean).join(' : ')), missing)];
}

function transfersRow(c: Ctx, e: ExportEntry): readonly [string, Value] {
  const lines = transferLines(c, e);
  return [c.t('fields.transfers'), lines.length ? lines : c.t('export.none')];
}

function controllerRecord(c: Ctx, b: ContentBuilder, e: ExportEntry<ControllerDoc>): void {
  const d = e.doc;
  const { has, section, f } = recordWriter(c, b, e);
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
  section('purposes', [
    [f('mainPurpose'), orMark(c, d.mainPurpose, has('mainPurpose'))],
    [f('subPurposes'), orMark(c, d.subPurposes.map((p) => p.text), false)],
    [f('legalBasis'), orMark(c, d.legalBasis ? c.t(`enums.legalBasis.${d.legalBasis}`) : '', has('legalBasis'))],
    [f('legalBasisDetail'), orMark(c, d.legalBasisDetail, has('legalBasisDetail'))],
  ]);
  section('security', [securityRow(c, d, has('securityMeasures'))]);
  section(
      'data',
      d.dataCategories.length
        ? d.dataCategories.map((x, i) => [
            c.label('dataCategories', x.category),
            [x.description, c.t('export.retentionBy', { value: has(`dataCategories.${i}.retention.criterion`) ? c.t('export.toComplete') : retentionText(c, x.retention) })].filter(Boolean).join('\n'),
          ] as const)
        : [[f('dataCategories'), orMark(c, '', has('dataCategories'))]],
  );
  section('special', [
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

function processorRecord(c: Ctx, b: ContentBuilder, e: ExportEntry<ProcessorDoc>): void {
  const d = e.doc;
  const { has, section, f } = recordWriter(c, b, e);
  section('description', [
    [f('ref'), d.ref],
    [f('name'), d.name],
    [f('status'), c.t(`enums.status.${d.status}`)],
    [f('createdAt'), c.date(e.createdAt)],
    [f('updatedAt'), c.date(e.updatedAt)],
    [f('nextReview'), orMark(c, c.date(d.nextReview), false)],
  ]);
  section('client', [
    [f('clientName'), orMark(c, d.client.name, has('client.name'))],
    [f('clientAddress'), orMark(c, d.client.address, false)],
    [f('clientContact'), orMark(c, contactLines([d.client.contactName, d.client.email, d.client.phone]), has('client.contactName'))],
    [f('clientDpo'), orMark(c, d.client.dpo, false)],
    [f('representative'), orMark(c, d.representative, false)],
  ]);
  section('processing', [[f('processingCategories'), orMark(c, d.processingCategories.map((p) => p.text), has('processingCategories'))]]);
  section('subProcessors', [[f('subProcessors'), orMark(c, d.subProcessors.map((x) => [x.name, x.service, x.country].filter(Boolean).join(' – ')), false)]]);
  section('transfers', [transfersRow(c, e)]);
  section('security', [securityRow(c, d, has('securityMeasures'))]);
  section('other', [[f('notes'), orMark(c, d.notes, false)]]);
}

// ---------------------------------------------------------------------------------------------
// Changes and annexes

function changesPart(c: Ctx, b: ContentBuilder): void {
  const ch = c.m.changes;
  b.heading(c.t('export.changes'), 1);
  if (!ch) return b.para(c.t('export.firstExport'));
  b.para(c.t('export.changesSince', { version: ch.previous.version, date: c.date(ch.previous.at), file: ch.previous.fileName }));
  const list = (title: string, items: typeof ch.added, withFields = false) => {
    b.heading(title, 3);
    if (items.length === 0) b.para(c.t('export.noChange'));
    for (const r of items) {
      b.para(`${r.ref} – ${r.name}`);
      if (withFields) b.para(c.t('export.fieldsChanged', { fields: r.fields.map((k) => c.t(`fields.${k === 'dpia' ? 'dpiaNeeded' : k === 'client' ? 'clientName' : k}`)).join(', ') }), 'CoverMuted');
    }
  };
  list(c.t('export.added'), ch.added);
  list(c.t('export.changed'), ch.changed, true);
  list(c.t('export.archived'), ch.archived);
  list(c.t('export.removed'), ch.removed);
}

function transfersAnnex(c: Ctx, b: ContentBuilder): void {
  const rows: Value[][] = [];
  for (const e of [...c.m.controller, ...c.m.processor]) {
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

function listsAnnex(c: Ctx, b: ContentBuilder): void {
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
export function writeSummaries(c: Ctx, b: ContentBuilder): void {
  if (c.m.options.registers !== 'processor') controllerSummary(c, b, c.m.controller);
  if (c.m.options.registers !== 'controller') processorSummary(c, b, c.m.processor);
}

/** Everything after the summaries (the last portrait section). */
export function writeBody(c: Ctx, b: ContentBuilder): void {
  const { m } = c;
  organisationPart(c, b);
  if (m.options.registers !== 'processor') {
    b.heading(c.t('export.controllerPart'), 1);
    if (m.controller.length === 0) b.para(c.t('export.noRecord'));
    for (const e of m.controller) controllerRecord(c, b, e);
  }
  if (m.options.registers !== 'controller') {
    b.heading(c.t('export.processorPart'), 1);
    if (m.processor.length === 0) b.para(c.t('export.noRecord'));
    for (const e of m.processor) processorRecord(c, b, e);
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
