import { DateTime } from 'luxon';
import { docDate } from './dates';
import type { Language } from '../../../../shared/domain/enums';
import { TIA_STEPS, adequacyOf, localWarningParams, type TransferDoc, type TransferReference, type TransferWarning } from '../../../../shared/domain/transfer';
import { translate } from '../../../../shared/i18n';
import { countryName } from '../../../../shared/domain/countries';
import type { Value } from './blocks';
import { packOneSection } from './one-section';
import { TocCollector, type ContentBuilder } from './builder';
import { DocxBuilder } from './docx-builder';

/** Transfers in Word: the register's annex (each transfer's ground, the dated notes on invalidated mechanisms) and a TIA document. */

export type TransferCtx = Readonly<{
  lang: Language;
  t: (key: string, params?: Record<string, string | number>) => string;
  ref: TransferReference;
  now: Date;
  organisation: string;
  country: (code: string) => string;
  supplier: (id: string) => string;
  activity: (id: string) => string;
}>;

export function transferContext(lang: Language, ref: TransferReference, now: Date, organisation: string, suppliers: ReadonlyMap<string, string>, activities: ReadonlyMap<string, string>): TransferCtx {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    ref,
    now,
    organisation,
    country: (code) => countryName(lang, code),
    supplier: (id) => suppliers.get(id) ?? id,
    activity: (id) => activities.get(id) ?? id,
  };
}

export type TransferItem = Readonly<{ id: string; doc: TransferDoc; warnings: ReadonlyArray<TransferWarning> }>;

const date = (c: TransferCtx, iso: string) => docDate(c.lang, iso);

function warningLines(c: TransferCtx, w: ReadonlyArray<TransferWarning>): Value {
  if (w.length === 0) return c.t('transferDoc.noWarning');
  // A document states the fact; the app's own wording may tell its user what to do ("choose a ground").
  const key = (k: string) => (c.t(`transferDoc.warning.${k}`) !== `transferDoc.warning.${k}` ? `transferDoc.warning.${k}` : `transfer.warning.${k}`);
  return w.map((x) => c.t(key(x.key), { ...localWarningParams(x, c.lang), ...(x.params?.since ? { since: date(c, String(x.params.since)) } : {}), ...(x.params?.date ? { date: date(c, String(x.params.date)) } : {}) }));
}

/** The ground and its particulars, in one cell. */
function mechanismDetails(c: TransferCtx, d: TransferDoc): string[] {
  const f = (k: string) => c.t(`transfer.fields.${k}`);
  const today = c.now.toISOString().slice(0, 10);
  switch (d.mechanism) {
    case 'ADEQUACY': {
      const fr = c.lang === 'fr';
      if (d.importerType === 'internationalOrganisation') {
        const o = c.ref.internationalOrganisations.find((x) => x.code === d.internationalOrganisation);
        return o ? [c.t('transferDoc.adequacyOf', { decision: `${fr ? o.decision : o.decisionEn}, ${fr ? o.ojFr : o.ojEn}`, scope: fr ? o.nameFr : o.nameEn })] : [];
      }
      const a = adequacyOf(c.ref, d.importerCountry, today);
      return a ? [c.t('transferDoc.adequacyOf', { decision: `${fr ? a.decision : a.decisionEn}, ${fr ? a.ojFr : a.ojEn}`, scope: a.scope === 'full' ? c.t('transferDoc.adequacyFull') : fr ? a.scopeFr : a.scopeEn })] : [];
    }
    case 'DPF':
      return [`${f('certified')} : ${d.dpf.certified ? c.t('common.yes') : c.t('common.no')}`, d.dpf.checkedOn ? `${f('checkedOn')} ${date(c, d.dpf.checkedOn)}` : '', d.dpf.scope].filter(Boolean);
    case 'SCC_2021':
    case 'UK_ADDENDUM':
      return [
        d.scc.module ? c.t(`transfer.module.${d.scc.module}`) : '',
        d.scc.signedOn ? `${f('signedOn')} ${date(c, d.scc.signedOn)}` : '',
        d.scc.docking ? f('docking') : '',
        d.scc.clause9 ? `${c.t(`transfer.clause9.${d.scc.clause9}`)}${d.scc.noticeDays !== null ? ` (${c.t('transferDoc.days', { n: d.scc.noticeDays })})` : ''}` : '',
        d.scc.clause11 ? f('clause11') : '',
        d.scc.governingLaw ? `${f('governingLaw')} : ${d.scc.governingLaw}` : '',
      ].filter(Boolean);
    case 'BCR':
      return [d.bcr.group, d.bcr.authority, d.bcr.reference, d.bcr.approvedOn ? date(c, d.bcr.approvedOn) : ''].filter(Boolean);
    case 'DEROGATION_49':
      return [d.derogation.ground ? c.t(`transfer.derogation.${d.derogation.ground}`) : '', d.derogation.justification].filter(Boolean);
    default:
      return [];
  }
}

export function writeTransferFields(c: TransferCtx, b: ContentBuilder, item: TransferItem): void {
  const d = item.doc;
  const importer = d.importerSupplierId ? c.supplier(d.importerSupplierId) : d.importerName;
  b.fields([
    [c.t('transferDoc.importer'), importer],
    [c.t('transfer.fields.exporterSupplierId'), d.exporterSupplierId ? c.supplier(d.exporterSupplierId) : c.organisation || c.t('transfer.fields.organisation')],
    [c.t('transferDoc.country'), c.country(d.importerCountry)],
    [c.t('transferDoc.access'), d.accessCountries.length ? d.accessCountries.map(c.country).join(', ') : c.t('transferDoc.noWarning')],
    [c.t('transferDoc.roles'), `${c.t(`transfer.role.${d.exporterRole}`)} → ${c.t(`transfer.role.${d.importerRole}`)}`],
    [c.t('transferDoc.activities'), d.activityIds.length ? d.activityIds.map(c.activity) : c.t('transferDoc.noWarning')],
    [c.t('transferDoc.mechanism'), d.mechanism ? [c.t(`transfer.mechanism.${d.mechanism}`), ...mechanismDetails(c, d)] : { toComplete: c.t('export.toComplete') }],
    [c.t('transferDoc.tia'), d.tia.done ? c.t('transferDoc.tiaDone', { date: date(c, d.tia.doneOn), conclusion: d.tia.conclusion ? c.t(`transfer.conclusion.${d.tia.conclusion}`) : '' }) : c.t('transferDoc.tiaMissing')],
    [c.t('transferDoc.warnings'), warningLines(c, item.warnings)],
  ]);
}

/** The dated notes on invalidated mechanisms, from the reference. */
export function writeInvalidatedNotes(c: TransferCtx, b: ContentBuilder): void {
  for (const n of c.ref.invalidated) {
    b.heading(c.lang === 'fr' ? n.titleFr : n.titleEn, 3);
    b.fields([
      [c.t('transferDoc.date'), date(c, n.date)],
      [c.t('transferDoc.case'), c.lang === 'fr' ? n.case : n.caseEn],
      [c.t('transferDoc.meaning'), c.lang === 'fr' ? n.meaningFr : n.meaningEn],
      [c.t('transferDoc.todo'), c.lang === 'fr' ? n.todoFr : n.todoEn],
    ]);
  }
  // Dated notes on mechanisms still in force whose standing is challenged (the DPF: T-553/23, C-703/25 P).
  for (const n of c.ref.notes) {
    b.heading(c.lang === 'fr' ? n.titleFr : n.titleEn, 3);
    b.fields([
      [c.t('transferDoc.date'), date(c, n.date)],
      [c.t('transferDoc.meaning'), c.lang === 'fr' ? n.textFr : n.textEn],
    ]);
  }
  b.para(c.t('transferDoc.referenceAsOf', { date: date(c, c.ref.asOf) }), 'CoverMuted');
}

export function writeTransferRegister(c: TransferCtx, b: ContentBuilder, items: ReadonlyArray<TransferItem>): void {
  if (items.length === 0) return b.para(c.t('transferDoc.none'));
  for (const item of items) {
    b.heading(item.doc.title, 3);
    writeTransferFields(c, b, item);
  }
}

export async function buildTiaDocx(c: TransferCtx, item: TransferItem): Promise<Buffer> {
  const b = new DocxBuilder(new TocCollector());
  const d = item.doc;
  b.heading(c.t('transferDoc.transfer'), 1);
  writeTransferFields(c, b, item);
  for (const step of TIA_STEPS) {
    b.heading(c.t(`transfer.tiaStep.${step}`), 1);
    b.para(c.t(`transfer.tiaHelp.${step}`), 'CoverMuted');
    const rows: Array<readonly [string, Value]> = [[c.t(`transfer.tiaStep.${step}`), d.tia.steps[step].trim() ? d.tia.steps[step] : { toComplete: c.t('export.toComplete') }]];
    if (step === 'measures') {
      rows.push([c.t('transfer.fields.measures'), d.tia.measures.length ? d.tia.measures.map((m) => c.t(`transfer.measure.${m}`)) : c.t('transferDoc.noWarning')]);
      if (d.tia.measuresDetail.trim()) rows.push([c.t('transfer.fields.measuresDetail'), d.tia.measuresDetail]);
    }
    if (step === 'reevaluation') rows.push([c.t('transfer.fields.tiaReviewOn'), d.tia.reviewOn ? date(c, d.tia.reviewOn) : { toComplete: c.t('export.toComplete') }]);
    b.fields(rows);
  }
  b.heading(c.t('transferDoc.conclusionTitle'), 1);
  b.fields([
    [c.t('transfer.fields.conclusion'), d.tia.conclusion ? c.t(`transfer.conclusion.${d.tia.conclusion}`) : { toComplete: c.t('export.toComplete') }],
    [c.t('transfer.fields.tiaDoneOn'), d.tia.doneOn ? date(c, d.tia.doneOn) : { toComplete: c.t('export.toComplete') }],
  ]);
  const title = c.t('transferDoc.tiaTitle', { title: d.title });
  return packOneSection({ organisation: c.organisation, title, lead: [c.t('transferDoc.tiaSubtitle')], children: b.children, page: { prefix: c.t('breachDoc.pagePrefix'), of: c.t('breachDoc.pageOf') } });
}
