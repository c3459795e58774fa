import type { ImportField } from '../../../shared/domain/import';
import type { Language } from '../../../shared/domain/enums';
import { referenceLabel, type ReferenceLists } from '../../../shared/domain/reference-lists';
import type { ControllerDoc, Retention } from '../../../shared/domain/register';
import { countryName } from '../../../shared/domain/countries';
import { translate } from '../../../shared/i18n';
import type { ProposedRecord } from './proposal';

/** How the mapping screen shows a proposed record: one text per field, codes as their labels in the DPO's language. */
export function previewFields(r: ProposedRecord, lists: ReferenceLists, lang: Language): Partial<Record<ImportField, string>> {
  const d = r.doc as ControllerDoc; // the mapping path proposes controller records only
  const join = (xs: ReadonlyArray<string>) => xs.filter(Boolean).join(lang === 'fr' ? '\u202f; ' : '; ');
  const label = (list: keyof ReferenceLists, code: string, text = '') => (code === 'OTHER' && text ? text : referenceLabel(lists, list, code, lang) + (text ? ` (${text})` : ''));
  const retention = (x: Retention) =>
    x.duration !== null ? `${x.duration} ${translate(lang, `enums.retentionUnit.${x.unit}`)} ${x.criterion}`.trim() : x.note || x.criterion;
  const out: Partial<Record<ImportField, string>> = {
    ref: d.ref,
    name: d.name,
    department: d.department ? referenceLabel(lists, 'departments', d.department, lang) : '',
    software: d.software,
    purpose: d.purposes[0]?.text ?? '',
    subPurposes: join(d.purposes.slice(1).map((p) => p.text)),
    legalBasis: join((d.purposes[0]?.bases ?? []).map((b) => (b.basis ? translate(lang, `enums.legalBasis.${b.basis}`) : ''))),
    legalBasisDetail: d.purposes[0]?.bases[0]?.detail ?? '',
    dataSubjects: join(d.dataSubjects.map((s) => label('dataSubjects', s.category, s.details))),
    dataCategories: join(d.dataCategories.map((c) => label('dataCategories', c.category, c.description))),
    specialCategories: join(d.specialCategories.map((c) => translate(lang, `enums.special.${c.category}`))),
    retention: [...d.dataCategories, ...d.specialCategories][0] ? retention([...d.dataCategories, ...d.specialCategories][0]!.retention) : '',
    recipients: join(d.recipients.map((x) => (x.category ? label('recipients', x.category) : x.name))),
    sources: d.sources,
    securityMeasures: join(d.securityMeasures.map((m) => label('securityMeasures', m.type, m.details))),
    transferRecipient: join([...r.transfers.map((t) => t.recipient), ...d.transfersToConvert.map((t) => t.recipient)]),
    transferCountry: join([...r.transfers.map((t) => countryName(lang, t.country)), ...d.transfersToConvert.map((t) => t.country)]),
    transferSafeguard: join(r.transfers.map((t) => (t.mechanism ? translate(lang, `transfer.mechanism.${t.mechanism}`) : ''))),
    transferDocument: join(r.transfers.map((t) => t.document)),
    dpiaNeeded: translate(lang, `enums.dpiaNeeded.${d.dpia.needed}`),
    nextReview: d.nextReview,
    notes: d.notes,
  };
  return out;
}
