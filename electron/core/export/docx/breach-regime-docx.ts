import { regimeDeadline, regimeStepStart, type RegimeDef, type RegimeStepDef } from '../../../../shared/domain/breach-regimes';
import type { BreachDoc } from '../../../../shared/domain/breach';
import type { Value } from './blocks';
import type { ContentBuilder } from './builder';
import { docTime, localDateTime, type BreachCtx, type BreachItem } from './breach-docx';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';

/**
 * The Word draft of a step of another reporting regime (NIS2 Art. 23(4): early warning,
 * incident notification, intermediate report, final report), with what the step asks, prefilled
 * from the incident. The regime's names, authority and legal source come from the regimes file,
 * so a regime added there (DORA…) gets its drafts without code.
 */

const byLang = (c: BreachCtx, fr: string, en: string) => (c.lang === 'fr' ? fr : en);
const mark = (c: BreachCtx): Value => ({ toComplete: c.t('breachDoc.toComplete') });
const v = (c: BreachCtx, value: string | ReadonlyArray<string>, required = true): Value => {
  const empty = typeof value === 'string' ? value.trim() === '' : value.length === 0;
  return empty ? (required ? mark(c) : c.t('breachDoc.none')) : value;
};
const f = (c: BreachCtx, key: string) => c.t(`breach.fields.${key}`);
/** "Label : value" with the French non-breaking space before the colon, "Label: value" in English. */
const labelled = (c: BreachCtx, label: string, value: string) => `${label}${c.lang === 'fr' ? '\u00a0: ' : ': '}${value}`;

function dueText(c: BreachCtx, d: BreachDoc, regime: RegimeDef, step: RegimeStepDef): Value {
  if (!step.within) return c.t('regime.onRequest');
  const start = regimeStepStart(d, d.regimes?.[regime.id], step);
  if (!start) return mark(c);
  const due = regimeDeadline(start, step.within, d.zone);
  // The one formatter of incident times (zoned-time.ts): the zone, its offset, and which of a repeated hour.
  return formatZonedTime(c.lang, due.dueUtc, d.zone, { style: 'long', zoneName: true });
}

/** The earlier steps of the regime already sent, with their references. */
function earlierSteps(c: BreachCtx, d: BreachDoc, regime: RegimeDef, step: RegimeStepDef): string[] {
  const answer = d.regimes?.[regime.id];
  const index = regime.steps.findIndex((s) => s.id === step.id);
  return regime.steps.slice(0, index).flatMap((s) => {
    const sent = answer?.steps[s.id];
    if (!sent?.sentAt) return [];
    const name = byLang(c, s.nameFr, s.nameEn);
    return [`${c.t('regime.sentOn', { step: name, date: localDateTime(c, sent.sentAt, d.zone, false) })}${sent.reference ? ` – ${sent.reference}` : ''}`];
  });
}

const malicious = (d: BreachDoc) => d.cause === 'INTERNAL_MALICIOUS' || d.cause === 'EXTERNAL_MALICIOUS';

export function writeRegimeStep(c: BreachCtx, b: ContentBuilder, item: BreachItem, regime: RegimeDef, step: RegimeStepDef): void {
  const d = item.doc;
  const o = c.organisation;
  const answer = d.regimes?.[regime.id];
  const sent = answer?.steps[step.id];
  b.heading(c.t('breachDoc.rStep'), 1);
  b.fields([
    [c.t('breachDoc.rRegime'), `${byLang(c, regime.nameFr, regime.nameEn)} – ${byLang(c, regime.sourceFr, regime.sourceEn)}`],
    [c.t('breachDoc.rStepName'), byLang(c, step.nameFr, step.nameEn)],
    [c.t('breachDoc.rLegal'), v(c, byLang(c, step.sourceFr ?? '', step.sourceEn ?? ''), false)],
    [c.t('breachDoc.rAuthority'), byLang(c, regime.authorityFr, regime.authorityEn)],
    [c.t('breachDoc.rDue'), dueText(c, d, regime, step)],
    [c.t('breachDoc.rSent'), sent?.sentAt ? `${localDateTime(c, sent.sentAt, d.zone)}${sent.reference ? ` – ${sent.reference}` : ''}` : c.t('regime.notSent')],
    [c.t('breachDoc.rEarlier'), v(c, earlierSteps(c, d, regime, step), false)],
    [f(c, 'ref'), item.ref],
    [f(c, 'title'), d.title],
  ]);
  b.heading(c.t('breachDoc.sOrganisation'), 1);
  b.fields([
    [c.t('breachDoc.legalName'), v(c, o.legalName)],
    [c.t('breachDoc.registration'), v(c, o.registrationNumber)],
    [c.t('breachDoc.address'), v(c, [o.address, [o.postcode, o.city].filter((x) => x.trim()).join(' '), o.country].filter((x) => x.trim()).join(', '))],
    [f(c, 'contact'), v(c, [d.contact.name, d.contact.role, d.contact.email, d.contact.phone].filter((x) => x.trim()).join(' – '))],
  ]);
  b.heading(c.t('breachDoc.rSignificance'), 1);
  b.fields([
    [c.t('breachDoc.rTrigger'), byLang(c, regime.triggerFr, regime.triggerEn)],
    [c.t('breachDoc.rWhy'), v(c, answer?.reason ?? '')],
  ]);
  b.heading(c.t('breachDoc.sDates'), 1);
  b.fields([
    [c.t('breachDoc.startEnd'), `${docTime(c, d, 'occurredAt') || c.t('breachDoc.toComplete')} – ${d.ongoing ? c.t('breachDoc.ongoing') : docTime(c, d, 'endedAt') || c.t('breachDoc.toComplete')}`],
    [f(c, 'discoveredAt'), v(c, docTime(c, d, 'discoveredAt'))],
    [c.t('breachDoc.rAware'), v(c, docTime(c, d, 'awareAt'))],
  ]);
  // What each kind of step asks (NIS2 Art. 23(4)(a)-(d)).
  const description = v(c, d.description);
  const cause: Value = d.cause ? c.t(`breach.cause.${d.cause}`) : mark(c);
  const severity = [d.risk.severity ? labelled(c, c.t('breachDoc.severity'), c.t(`breach.severity.${d.risk.severity}`)) : '', d.consequences].filter((x) => x.trim());
  const counts = [d.personsApprox !== null ? c.t('breachDoc.persons', { n: d.personsApprox.toLocaleString(c.lang === 'fr' ? 'fr-FR' : 'en-GB') }) : '', d.recordsApprox !== null ? c.t('breachDoc.records', { n: d.recordsApprox.toLocaleString(c.lang === 'fr' ? 'fr-FR' : 'en-GB') }) : ''].filter((x) => x);
  const measures = v(c, [d.measuresTaken, d.measuresProposed].filter((x) => x.trim()));
  b.heading(c.t('breachDoc.rContent'), 1);
  if (step.document === 'earlyWarning') {
    b.fields([
      [c.t('breachDoc.rSummary'), description],
      [c.t('breachDoc.rMalicious'), d.cause ? c.t(malicious(d) ? 'breachDoc.rMaliciousYes' : 'breachDoc.rMaliciousNo', { cause: c.t(`breach.cause.${d.cause}`) }) : mark(c)],
      [c.t('breachDoc.rCrossBorder'), mark(c)],
    ]);
  } else if (step.document === 'notification') {
    b.fields([
      [c.t('breachDoc.rUpdate'), description],
      [c.t('breachDoc.rAssessment'), v(c, severity)],
      [c.t('breachDoc.rImpact'), v(c, counts)],
      [c.t('breachDoc.rIoc'), mark(c)],
    ]);
  } else if (step.document === 'intermediate') {
    b.fields([
      [c.t('breachDoc.rStatus'), c.t(`breach.status.${d.status}`)],
      [c.t('breachDoc.rUpdates'), mark(c)],
      [f(c, 'measuresTaken'), v(c, d.measuresTaken)],
    ]);
  } else {
    b.fields([
      [c.t('breachDoc.rDetailed'), description],
      [c.t('breachDoc.rAssessment'), v(c, severity)],
      [c.t('breachDoc.rImpact'), v(c, counts)],
      [c.t('breachDoc.rRootCause'), [cause, ...d.origins.map((x) => c.t(`breach.origin.${x}`))].filter((x): x is string => typeof x === 'string')],
      [c.t('breachDoc.rMitigation'), measures],
      [c.t('breachDoc.rCrossBorder'), mark(c)],
    ]);
  }
}

/** The lines of the log's "authority" cell for the other regimes: "NIS2 – Early warning: 25 October 2026 at 10:00 (ref)". */
export function regimeLogLines(c: BreachCtx, d: BreachDoc, regimes: ReadonlyArray<RegimeDef>): string[] {
  const lines: string[] = [];
  for (const r of regimes) {
    const answer = d.regimes?.[r.id];
    if (!answer || answer.significant === '') continue;
    const name = byLang(c, r.shortFr ?? r.nameFr, r.shortEn ?? r.nameEn);
    if (answer.significant === 'no') {
      lines.push(labelled(c, name, c.t('regime.notSignificant')));
      continue;
    }
    for (const s of r.steps) {
      const sent = answer.steps[s.id];
      if (!sent?.sentAt) continue;
      lines.push(labelled(c, `${name} – ${byLang(c, s.nameFr, s.nameEn)}`, `${localDateTime(c, sent.sentAt, d.zone, false)}${sent.reference ? ` – ${sent.reference}` : ''}`));
    }
  }
  return lines;
}
