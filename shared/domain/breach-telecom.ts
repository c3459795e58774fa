import { toInstant } from './breach-clock';
import type { BreachDoc, BreachNotification } from './breach';

/**
 * The telecom regime: Commission Regulation (EU) No 611/2013 on the notification of personal
 * data breaches under Directive 2002/58/EC (ePrivacy), for providers of publicly available
 * electronic communications services, for breaches in connection with that service
 * (shared/domain.md 3.9). One function per rule.
 */

/** How the initial notification to the authority is sent: complete, or initial with the rest to follow (Art. 2(3)). */
export const TELECOM_COMPLETENESS = ['complete', 'toComplete'] as const;
export type TelecomCompleteness = (typeof TELECOM_COMPLETENESS)[number];

/** The only exemption from informing subscribers under the Regulation (Art. 4), among the Art. 34(3) exceptions the app knows. */
export const TELECOM_EXEMPTIONS = ['UNINTELLIGIBLE'] as const;

type TelecomFacts = Pick<BreachDoc, 'telecom' | 'zone' | 'notifications'>;

/** The first initial notification to the authority, if sent. */
export function initialAuthorityNotification(doc: Pick<BreachDoc, 'zone' | 'notifications'>): (BreachNotification & { utc: string }) | null {
  const sent = doc.notifications
    .filter((n) => n.to === 'authority' && n.phase === 'initial')
    .flatMap((n) => {
      const r = toInstant({ local: n.sentAt, zone: doc.zone });
      return r.ok ? [{ ...n, utc: r.utc }] : [];
    })
    .sort((a, b) => a.utc.localeCompare(b.utc));
  return sent[0] ?? null;
}

/**
 * Regulation 611/2013, Art. 2(3): when not all the information of Annex I is available within
 * 24 hours, the provider makes an initial notification and a second one within three days of
 * it. Only an initial notification marked "to be completed" starts that second clock; a
 * complete one ends the provider's notification duty. Returns when the clock starts, or null.
 */
export function telecomComplementaryStart(doc: TelecomFacts): string | null {
  if (!doc.telecom) return null;
  const initial = initialAuthorityNotification(doc);
  return initial && initial.completeness === 'toComplete' ? initial.utc : null;
}

/** Art. 2(3): the initial notification to the authority of a telecom breach says whether it is complete or to be completed. */
export function telecomCompletenessRequired(doc: Pick<BreachDoc, 'telecom'>, n: BreachNotification): boolean {
  return doc.telecom && n.to === 'authority' && n.phase === 'initial' && !n.completeness;
}

export type AdverseEffect = Readonly<{ likely: boolean; reasons: ReadonlyArray<string> }>;

/**
 * Regulation 611/2013, Art. 3(1)-(2): subscribers and individuals are told without undue delay
 * when the breach is "likely to adversely affect the personal data or privacy" of them (not the
 * GDPR's "high risk"), judged on (a) the nature and content of the data (financial data,
 * special categories, location data, internet log files, web browsing histories, e-mail data,
 * itemised call lists), (b) the likely consequences (identity theft or fraud, physical harm,
 * psychological distress, humiliation or damage to reputation) and (c) the circumstances
 * (data stolen or known to be in the hands of an unauthorised third party). Returns the factors
 * found, as i18n keys; the DPO decides.
 */
export function telecomAdverseEffect(doc: Pick<BreachDoc, 'risk' | 'specialCategories' | 'harms' | 'nature'>): AdverseEffect {
  const reasons: string[] = [];
  const s = doc.risk.sensitivity;
  if (s === 'financial' || s === 'special' || s === 'behavioural' || doc.specialCategories.length > 0) reasons.push('telecom.adverse.data');
  if (doc.harms.some((h) => h === 'IDENTITY_THEFT' || h === 'FRAUD' || h === 'FINANCIAL_LOSS' || h === 'REPUTATION' || h === 'DISCRIMINATION')) reasons.push('telecom.adverse.consequences');
  if (doc.nature.includes('CONFIDENTIALITY') && doc.risk.confidentiality === 'unknown') reasons.push('telecom.adverse.circumstances');
  return { likely: reasons.length > 0, reasons };
}

/**
 * Regulation 611/2013, Art. 4(1) (Directive 2002/58/EC, Art. 4(3)): the only case where a
 * provider need not tell subscribers is data made unintelligible by technological protection
 * measures, demonstrated to the satisfaction of the authority. The GDPR's Art. 34(3)(b)
 * (risk no longer likely) and (c) (disproportionate effort) are not offered.
 */
export function telecomExemptionAllowed(exception: string): boolean {
  return exception === '' || (TELECOM_EXEMPTIONS as ReadonlyArray<string>).includes(exception);
}

type Issue = Readonly<{ path: Array<string | number>; key: string }>;

/** The telecom rules between fields, for the schema's refinement. */
export function telecomIssues(doc: BreachDoc): Issue[] {
  if (!doc.telecom) return [];
  const issues: Issue[] = [];
  doc.notifications.forEach((n, i) => {
    if (telecomCompletenessRequired(doc, n)) issues.push({ path: ['notifications', i, 'completeness'], key: 'completenessRequired' });
  });
  const exception = doc.decision.subjectsException;
  if (!telecomExemptionAllowed(exception)) issues.push({ path: ['decision', 'subjectsException'], key: 'telecomExceptionNotOffered' });
  else if (doc.decision.subjects === 'noInform' && telecomAdverseEffect(doc).likely && exception === '')
    issues.push({ path: ['decision', 'subjectsException'], key: 'telecomExemptionRequired' });
  return issues;
}
