import type { FileChild } from 'docx';
import { docDate } from './dates';
import { AUTHORITY_HOURS, TELECOM_INITIAL_HOURS, deadline, toInstant } from '../../../../shared/domain/breach-clock';
import { effectiveLevel, instantOf, type BreachDoc, type BreachEntry, type BreachNotification } from '../../../../shared/domain/breach';
import { controllerClocks, informsControllers, informsSubjects, notifiesAuthority } from '../../../../shared/domain/breach-role';
import { draftLetter } from '../../../../shared/domain/breach-letter';
import { withTrailDefaults, type FoldableTime } from '../../../../shared/domain/breach-trail';
import { countryName } from '../../../../shared/domain/countries';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';
import type { Language } from '../../../../shared/domain/enums';
import type { Organisation } from '../../../../shared/domain/organisation';
import { referenceLabel, type ReferenceListName, type ReferenceLists } from '../../../../shared/domain/reference-lists';
import { translate } from '../../../../shared/i18n';
import type { Value } from './blocks';
import { packOneSection } from './one-section';
import { TocCollector, type ContentBuilder } from './builder';
import { DocxBuilder } from './docx-builder';
import { LANDSCAPE_TEXT_WIDTH } from './styles';
import { regimeNotifications, type RegimeDef } from '../../../../shared/domain/breach-regimes';
import { regimeLogLines, writeRegimeStep } from './breach-regime-docx';

/**
 * The breach documents: the notification to the authority in the order of the CNIL form
 * (shared/domain.md 3.7), the communication to the data subjects (Art. 34(2), plain language),
 * the notice to a client controller (Art. 33(2)), and the breach log (Art. 33(5)) whose table
 * is also the annex of the yearly register.
 */

export type BreachItem = Pick<BreachEntry, 'id' | 'ref' | 'doc'> & Partial<Pick<BreachEntry, 'steps' | 'journal'>>;

export type BreachCtx = Readonly<{
  lang: Language;
  t: (key: string, params?: Record<string, string | number>) => string;
  label: (list: ReferenceListName, code: string) => string;
  organisation: Organisation;
  /** Register entries by id: "R-012 – Billing". */
  activity: (id: string) => string;
  /** Suppliers by id: their legal name. */
  supplier: (id: string) => string;
  now: Date;
  /** The other reporting regimes (NIS2…), for their drafts and their lines in the log. */
  regimes?: ReadonlyArray<RegimeDef>;
}>;

export function breachContext(lang: Language, organisation: Organisation, lists: ReferenceLists, activities: ReadonlyMap<string, string>, now: Date, suppliers: ReadonlyMap<string, string> = new Map()): BreachCtx {
  return {
    lang,
    t: (key, params) => translate(lang, key, params),
    label: (list, code) => referenceLabel(lists, list, code, lang),
    organisation,
    activity: (id) => activities.get(id) ?? id,
    supplier: (id) => suppliers.get(id) ?? id,
    now,
  };
}

const locale = (c: BreachCtx) => (c.lang === 'fr' ? 'fr-FR' : 'en-GB');

/**
 * "28 mars 2026 à 22:30 (Europe/Paris, UTC+01:00)": a local time of the incident as typed, with
 * its offset (and its zone when `withZone`); in the repeated autumn hour, which of the two
 * (shared/domain/zoned-time.ts, the same formatter as the screen's).
 */
export function localDateTime(c: BreachCtx, local: string, zone: string, withZone = true): string {
  if (!local) return '';
  const r = toInstant({ local, zone });
  return r.ok ? utcInZone(c, r.utc, zone, withZone) : local;
}

/** One of the incident's own times (start, end, discovery, awareness), at the occurrence the DPO chose. */
export function docTime(c: BreachCtx, d: BreachDoc, key: FoldableTime, withZone = true): string {
  if (!d[key]) return '';
  const r = instantOf(d, key);
  return r.ok ? utcInZone(c, r.utc, d.zone, withZone) : d[key];
}

function utcInZone(c: BreachCtx, utc: string, zone: string, withZone = true): string {
  return formatZonedTime(c.lang, utc, zone, { style: 'long', zoneName: withZone });
}

function dateOnly(c: BreachCtx, isoDate: string): string {
  return docDate(c.lang, isoDate.slice(0, 10));
}

const mark = (c: BreachCtx): Value => ({ toComplete: c.t('breachDoc.toComplete') });
/** A value, "None" when optional and empty, the "to be completed" mark when the form needs it. */
function v(c: BreachCtx, value: string | ReadonlyArray<string>, required = false): Value {
  const empty = typeof value === 'string' ? value.trim() === '' : value.length === 0;
  if (!empty) return value;
  return required ? mark(c) : c.t('breachDoc.none');
}

const f = (c: BreachCtx, key: string) => c.t(`breach.fields.${key}`);

function contactText(d: BreachDoc): string {
  return [d.contact.name, d.contact.role, d.contact.email, d.contact.phone].filter((x) => x.trim()).join(' – ');
}

function dataLines(c: BreachCtx, d: BreachDoc): string[] {
  return d.dataCategories.map((code) => c.label('dataCategories', code));
}

function countText(c: BreachCtx, n: number | null): string {
  return n === null ? '' : n.toLocaleString(locale(c));
}

// ---------------------------------------------------------------------------------------------
// The notification to the authority

/** The notification this document drafts: the one recorded for that phase, if any. */
function notificationFor(d: BreachDoc, to: BreachNotification['to'], phase: 'initial' | 'complementary', party = ''): BreachNotification | undefined {
  const list = d.notifications.filter((n) => n.to === to && n.phase === phase && (to !== 'controller' || n.party.trim() === party.trim()));
  return list.sort((a, b) => b.sentAt.localeCompare(a.sentAt))[0];
}

/** Why the notification comes late, if it does: the reasons recorded, or the mark when they are missing. */
/** The deadline of the initial notification: 72 hours from awareness, or 24 hours from detection for a telecom breach if sooner. */
function authorityDue(d: BreachDoc): string | null {
  const aware = instantOf(d, 'awareAt');
  const detected = instantOf(d, 'discoveredAt');
  if (!aware.ok) return null;
  const dues = [deadline('authority', aware.utc, AUTHORITY_HOURS, d.zone).dueUtc];
  if (d.telecom && detected.ok) dues.push(deadline('telecomInitial', detected.utc, TELECOM_INITIAL_HOURS, d.zone).dueUtc);
  return dues.sort()[0]!;
}

function delayRow(c: BreachCtx, d: BreachDoc, phase: 'initial' | 'complementary'): Value {
  const due = authorityDue(d);
  if (!due) return mark(c);
  const initial = notificationFor(d, 'authority', 'initial');
  const sentLocal = initial?.sentAt;
  const sent = sentLocal ? toInstant({ local: sentLocal, zone: d.zone }) : null;
  const sentUtc = sent?.ok ? sent.utc : phase === 'initial' ? c.now.toISOString().replace(/\.\d{3}Z$/, 'Z') : null;
  if (!sentUtc || sentUtc <= due) return c.t('breachDoc.notLate');
  const reason = (initial?.delayReason ?? '').trim();
  return reason ? [c.t('breachDoc.lateNoReason'), reason] : reasonMissing(c);
}

function reasonMissing(c: BreachCtx): Value {
  return { toComplete: `${c.t('breachDoc.lateNoReason')} – ${c.t('breachDoc.delayReasons')} : ${c.t('breachDoc.toComplete')}` };
}

function subjectsInformationText(c: BreachCtx, d: BreachDoc): Value {
  const sent = notificationFor(d, 'subjects', 'initial');
  if (sent) return c.t('breachDoc.informed', { date: localDateTime(c, sent.sentAt, d.zone, false), means: sent.means || '–' });
  if (d.decision.subjects === 'inform') return c.t('breachDoc.willInform');
  if (d.decision.subjects === 'noInform') {
    const reason = [d.decision.subjectsException ? c.t(`breach.exception.${d.decision.subjectsException}`) : '', d.decision.subjectsReason].filter((x) => x.trim()).join(' – ');
    return c.t('breachDoc.notInformed', { reason });
  }
  return mark(c);
}

export function writeAuthorityNotification(c: BreachCtx, b: ContentBuilder, item: BreachItem, phase: 'initial' | 'complementary'): void {
  const d = item.doc;
  const o = c.organisation;
  const initial = notificationFor(d, 'authority', 'initial');
  const aware = instantOf(d, 'awareAt');

  b.heading(c.t('breachDoc.sType'), 1);
  b.fields([
    [c.t('breachDoc.phase'), c.t(`breach.phase.${phase}`)],
    ...(phase === 'complementary'
      ? ([[c.t('breachDoc.initialRef'), initial ? c.t('breachDoc.initialRefValue', { date: localDateTime(c, initial.sentAt, d.zone, false), ref: initial.reference || '–' }) : mark(c)]] as const)
      : []),
    // Reg. 611/2013 Art. 2(3): a telecom initial notification says whether it is complete.
    ...(d.telecom && phase === 'initial'
      ? ([[f(c, 'completeness'), initial?.completeness ? c.t(`telecom.completeness.${initial.completeness}`) : mark(c)]] as const)
      : []),
    [f(c, 'ref'), item.ref],
    [f(c, 'title'), d.title],
  ]);
  b.heading(c.t('breachDoc.sOrganisation'), 1);
  b.fields([
    [c.t('breachDoc.legalName'), v(c, o.legalName, true)],
    [c.t('breachDoc.registration'), v(c, o.registrationNumber, true)],
    [c.t('breachDoc.address'), v(c, [o.address, [o.postcode, o.city].filter((x) => x.trim()).join(' '), o.country].filter((x) => x.trim()).join(', '), true)],
    [c.t('breachDoc.roleLine'), c.t(`breach.role.${d.role}`)],
  ]);
  b.heading(c.t('breachDoc.sLegal'), 1);
  b.fields([[c.t('breachDoc.sLegal'), v(c, [o.representative.name, o.representative.role, o.representative.email].filter((x) => x.trim()).join(' – '), true)]]);
  b.heading(c.t('breachDoc.sContact'), 1);
  b.fields([[f(c, 'contact'), v(c, contactText(d), true)]]);
  b.heading(c.t('breachDoc.sOthers'), 1);
  b.fields([
    [f(c, 'controllers'), v(c, informsControllers(d.role) ? d.controllers.map((x) => x.name) : [])],
    [c.t('breachDoc.processors'), v(c, [...(d.supplierIds ?? []).map(c.supplier), ...d.subProcessors.map((x) => x.name)])],
    [c.t('breachDoc.activities'), v(c, d.activityIds.map(c.activity))],
  ]);
  b.heading(c.t('breachDoc.sDates'), 1);
  b.fields([
    [c.t('breachDoc.startEnd'), `${docTime(c, d, 'occurredAt') || c.t('breachDoc.toComplete')} – ${d.ongoing ? c.t('breachDoc.ongoing') : docTime(c, d, 'endedAt') || c.t('breachDoc.toComplete')}`],
    [f(c, 'discoveredAt'), v(c, docTime(c, d, 'discoveredAt'), true)],
    [f(c, 'awareAt'), v(c, docTime(c, d, 'awareAt'), true)],
    [c.t('breachDoc.deadlineLine'), aware.ok ? utcInZone(c, deadline('authority', aware.utc, AUTHORITY_HOURS, d.zone).dueUtc, d.zone) : mark(c)],
    ...(d.telecom ? ([[c.t('breachDoc.deadlineTelecom'), utcInZone(c, authorityDue(d) ?? '', d.zone)]] as const) : []),
    [f(c, 'circumstances'), v(c, d.circumstances, true)],
    [c.t('breachDoc.delayReasons'), delayRow(c, d, phase)],
  ]);
  b.heading(c.t('breachDoc.sNature'), 1);
  b.fields([[f(c, 'nature'), v(c, d.nature.map((n) => c.t(`breach.nature.${n}`)), true)]]);
  b.heading(c.t('breachDoc.sOrigin'), 1);
  b.fields([
    [f(c, 'origins'), v(c, d.origins.map((x) => c.t(`breach.origin.${x}`)), true)],
    [f(c, 'cause'), v(c, d.cause ? c.t(`breach.cause.${d.cause}`) : '', true)],
  ]);
  b.heading(c.t('breachDoc.sDescription'), 1);
  b.fields([[f(c, 'description'), v(c, d.description, true)]]);
  b.heading(c.t('breachDoc.sData'), 1);
  b.fields([
    [f(c, 'dataCategories'), v(c, dataLines(c, d), true)],
    [c.t('breachDoc.dataSensitive'), v(c, d.specialCategories.map((s) => c.t(`enums.special.${s}`)))],
  ]);
  b.heading(c.t('breachDoc.sVolumes'), 1);
  b.fields([
    [f(c, 'recordsApprox'), v(c, countText(c, d.recordsApprox), true)],
    [f(c, 'personsApprox'), v(c, countText(c, d.personsApprox), true)],
  ]);
  b.heading(c.t('breachDoc.sSubjects'), 1);
  b.fields([
    [f(c, 'subjectCategories'), v(c, d.subjectCategories.map((s) => c.label('dataSubjects', s)), true)],
    [f(c, 'vulnerableSubjects'), c.t(d.vulnerableSubjects ? 'enums.dpiaNeeded.yes' : 'enums.dpiaNeeded.no')],
  ]);
  b.heading(c.t('breachDoc.sPrior'), 1);
  b.fields([[f(c, 'priorMeasures'), v(c, d.priorMeasures, true)]]);
  b.heading(c.t('breachDoc.sConsequences'), 1);
  b.fields([
    [f(c, 'consequences'), v(c, d.consequences, true)],
    [f(c, 'harms'), v(c, d.harms.map((h) => c.t(`breach.harm.${h}`)), true)],
    [c.t('breachDoc.severity'), v(c, d.risk.severity ? c.t(`breach.severity.${d.risk.severity}`) : '', true)],
    [f(c, 'level'), c.t(`breach.level.${effectiveLevel(d)}`)],
  ]);
  b.heading(c.t('breachDoc.sMeasures'), 1);
  b.fields([
    [f(c, 'measuresTaken'), v(c, d.measuresTaken, true)],
    [f(c, 'measuresProposed'), v(c, d.measuresProposed)],
  ]);
  b.heading(c.t('breachDoc.sInformation'), 1);
  b.fields([[c.t('breachDoc.sInformation'), subjectsInformationText(c, d)]]);
  writeCrossBorder(c, b, d);
}

/**
 * The last block of the CNIL form, "Notifications transfrontalières / autres": the other EEA
 * authorities concerned, the lead authority (Art. 56 GDPR), and the other notifications made
 * (NIS2, telecom, police, other) as the DPO recorded them. A telecom breach is notified under
 * Regulation 611/2013 by this same notification, so that line is always there for one.
 */
function writeCrossBorder(c: BreachCtx, b: ContentBuilder, d: BreachDoc): void {
  const x = withTrailDefaults(d).crossBorder;
  const country = (code: string) => countryName(c.lang, code);
  const others = x.otherNotifications.map((n) =>
    [c.t(`breachTrail.kind.${n.kind}`), n.body.trim(), n.sentAt ? localDateTime(c, n.sentAt, d.zone, false) : '', n.reference.trim() ? c.t('breachTrail.refShort', { ref: n.reference.trim() }) : '']
      .filter(Boolean)
      .join(' – '),
  );
  // The steps recorded as sent under the other regimes (NIS2…, breach-regimes.ts), unless the DPO
  // already wrote the same sending by hand (same kind, same time).
  const byHand = new Set(x.otherNotifications.filter((n) => n.kind !== 'TELECOM' && n.kind !== 'POLICE').map((n) => n.sentAt));
  const regimeLines = regimeNotifications(d, c.regimes ?? [])
    .filter((n) => !byHand.has(n.sentAt))
    .map((n) =>
      [
        c.lang === 'fr' ? n.regimeFr : n.regimeEn,
        c.lang === 'fr' ? n.stepFr : n.stepEn,
        c.lang === 'fr' ? n.authorityFr : n.authorityEn,
        localDateTime(c, n.sentAt, d.zone, false),
        n.reference.trim() ? c.t('breachTrail.refShort', { ref: n.reference.trim() }) : '',
      ]
        .filter(Boolean)
        .join(' – '),
    );
  others.unshift(...regimeLines);
  if (d.telecom && !x.otherNotifications.some((n) => n.kind === 'TELECOM')) {
    // Regulation 611/2013: the initial notification (this one, or the one already sent) and, for one
    // "to be completed", the second notification (Art. 2(3)).
    const initial = notificationFor(d, 'authority', 'initial');
    const complementary = d.notifications.filter((n) => n.to === 'authority' && n.phase === 'complementary' && n.sentAt);
    others.unshift(
      c.t('breachTrail.telecomLine', { date: initial ? localDateTime(c, initial.sentAt, d.zone, false) : c.t('breachTrail.telecomThis') }),
      ...complementary.map((n) => c.t('breachTrail.telecomComplementaryLine', { date: localDateTime(c, n.sentAt, d.zone, false), ref: n.reference.trim() || '–' })),
    );
  }
  b.heading(c.t('breachTrail.sCrossBorder'), 1);
  b.fields([
    [c.t('breachTrail.otherAuthorities'), v(c, x.otherAuthorities.map(country))],
    [c.t('breachTrail.lead'), x.lead ? c.t('breachTrail.leadValue', { country: country(x.lead) }) : c.t('breachTrail.noLead')],
    [c.t('breachTrail.otherNotifications'), v(c, others)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// The communication to the data subjects (plain language, Art. 34(2))

export function writeSubjectsCommunication(c: BreachCtx, b: ContentBuilder, item: BreachItem): void {
  // The letter the DPO wrote for the people (issue 12), or, until it is written, the draft the form offers.
  const letter = withTrailDefaults(item.doc).letter ?? draftLetter(item.doc, c.lang);
  const text = (value: string) => (value.trim() ? value : c.t('breachDoc.toComplete'));
  const paras = (value: string) => text(value).split(/\n+/).forEach((p) => p.trim() && b.para(p.trim()));
  b.para(c.t('breachDoc.subjectsIntro'));
  b.heading(c.t('breachDoc.subjectsWhat'), 2);
  paras(letter.whatHappened);
  b.heading(c.t('breachTrail.subjectsMeaning'), 2);
  paras(letter.meaning);
  b.heading(c.t('breachDoc.subjectsDone'), 2);
  paras(letter.done);
  b.heading(c.t('breachDoc.subjectsAdvice'), 2);
  paras(letter.advice);
  b.heading(c.t('breachDoc.subjectsContact'), 2);
  paras(letter.contact);
  b.para(c.t('breachTrail.subjectsComplaint'));
  b.para(c.t('breachDoc.subjectsClosing'));
  b.para(c.organisation.legalName || c.t('breachDoc.toComplete'));
}

// ---------------------------------------------------------------------------------------------
// The notice to a client controller (processor case, Art. 33(2))

export function writeControllerNotice(c: BreachCtx, b: ContentBuilder, item: BreachItem, party: string): void {
  const d = item.doc;
  const r = (key: string, params?: Record<string, string | number>) => c.t(`breachRole.${key}`, params);
  const clock = controllerClocks(d).find((x) => x.party === party.trim());
  b.para(r('docIntro'));
  b.fields([
    [c.t('breachDoc.controllerTo'), v(c, party, true)],
    [c.t('breachDoc.controllerFrom'), v(c, [c.organisation.legalName, c.organisation.address, [c.organisation.postcode, c.organisation.city].join(' ').trim()].filter((x) => x.trim()).join(', '), true)],
    [f(c, 'ref'), item.ref],
    [f(c, 'title'), d.title],
    [c.t('breachDoc.contractDelay'), !clock ? mark(c) : clock.dueUtc === null ? r('docNoDelay') : c.t('breachDoc.contractDelayValue', { hours: clock.hours ?? '', due: utcInZone(c, clock.dueUtc, d.zone) })],
    [r('docInformedLine'), clock?.informed ? r('docInformed', { date: localDateTime(c, clock.informed.sentAt, d.zone), means: clock.informed.means || '–', reference: clock.informed.reference || '–' }) : r('docNotYet')],
  ]);
  b.heading(c.t('breachDoc.sDates'), 1);
  b.fields([
    [c.t('breachDoc.startEnd'), `${docTime(c, d, 'occurredAt') || c.t('breachDoc.toComplete')} – ${d.ongoing ? c.t('breachDoc.ongoing') : docTime(c, d, 'endedAt') || c.t('breachDoc.toComplete')}`],
    [f(c, 'discoveredAt'), v(c, docTime(c, d, 'discoveredAt'), true)],
    [r('docAware'), v(c, docTime(c, d, 'awareAt'), true)],
  ]);
  // Art. 33(3)(a)-(d), in the order of the article, so that the controller can copy them into its own notification.
  b.heading(r('sA'), 1);
  b.fields([
    [f(c, 'nature'), v(c, d.nature.map((n) => c.t(`breach.nature.${n}`)), true)],
    [f(c, 'origins'), v(c, d.origins.map((x) => c.t(`breach.origin.${x}`)))],
    [f(c, 'description'), v(c, d.description, true)],
    [c.t('breachDoc.activities'), v(c, d.activityIds.map(c.activity))],
    [f(c, 'subjectCategories'), v(c, d.subjectCategories.map((s) => c.label('dataSubjects', s)), true)],
    [f(c, 'personsApprox'), v(c, countText(c, d.personsApprox), true)],
    [f(c, 'dataCategories'), v(c, [...dataLines(c, d), ...d.specialCategories.map((s) => c.t(`enums.special.${s}`))], true)],
    [f(c, 'recordsApprox'), v(c, countText(c, d.recordsApprox), true)],
  ]);
  b.heading(r('sB'), 1);
  b.fields([[f(c, 'contact'), v(c, contactText(d), true)]]);
  b.heading(r('sC'), 1);
  b.fields([
    [f(c, 'consequences'), v(c, d.consequences, true)],
    [f(c, 'harms'), v(c, d.harms.map((h) => c.t(`breach.harm.${h}`)))],
    [r('riskAssessment'), c.t(`breach.level.${effectiveLevel(d)}`)],
  ]);
  b.heading(r('sD'), 1);
  b.fields([
    [f(c, 'measuresTaken'), v(c, d.measuresTaken, true)],
    [f(c, 'measuresProposed'), v(c, d.measuresProposed)],
  ]);
  b.para(r('docPhases'));
}

// ---------------------------------------------------------------------------------------------
// The breach log (Art. 33(5)), alone or as the register's annex

/** Columns of the landscape log; they add up to the landscape text width. */
export const LOG_WIDTHS = [1150, 2500, 1450, 1900, 1900, 1900, 1050, 1400, LANDSCAPE_TEXT_WIDTH - 13250] as const;

export function breachLogTable(c: BreachCtx, items: ReadonlyArray<BreachItem>): { headers: string[]; rows: Value[][] } {
  const headers = ['colRef', 'colBreach', 'colAware', 'colScope', 'colConsequences', 'colMeasures', 'colRisk', 'colAuthority', 'colSubjects'].map((k) => c.t(`breachDoc.${k}`));
  const rows = items.map((item): Value[] => {
    const d = item.doc;
    const authority = notificationFor(d, 'authority', 'initial');
    const informed = notificationFor(d, 'subjects', 'initial');
    return [
      `${item.ref}\n${c.t(`breach.status.${d.status}`)}`,
      [d.title, d.nature.map((n) => c.t(`breach.nature.${n}`)).join(', '), d.description].filter((x) => x.trim()).join('\n'),
      docTime(c, d, 'awareAt'),
      [
        ...dataLines(c, d),
        ...d.specialCategories.map((s) => c.t(`enums.special.${s}`)),
        ...(d.personsApprox !== null ? [c.t('breachDoc.persons', { n: countText(c, d.personsApprox) })] : []),
        ...(d.recordsApprox !== null ? [c.t('breachDoc.records', { n: countText(c, d.recordsApprox) })] : []),
      ],
      v(c, d.consequences),
      v(c, [d.measuresTaken, d.measuresProposed].filter((x) => x.trim()).join('\n')),
      c.t(`breach.level.${effectiveLevel(d)}`),
      [
        ...(!notifiesAuthority(d.role) ? [] : authority ? [c.t('breachDoc.notifiedOn', { date: localDateTime(c, authority.sentAt, d.zone, false) }), authority.reference] : [c.t('breachDoc.notNotified'), d.decision.authorityReason]),
        // Art. 33(2): the processor's notices to its controllers, kept in the log beside the authority's.
        ...(informsControllers(d.role) ? [`${c.t('breachRole.logControllers')}${c.lang === 'fr' ? '\u00a0:' : ':'}`, ...controllerClocks(d).map((k) => `${k.party} – ${k.informed ? localDateTime(c, k.informed.sentAt, d.zone, false) : c.t('breachRole.docNotYet')}`)] : []),
        ...regimeLogLines(c, d, c.regimes ?? []),
      ]
        .filter((x) => x.trim())
        .join('\n'),
      (!informsSubjects(d.role)
        ? [c.t('breachRole.logForControllers')]
        : informed
        ? [c.t('breachDoc.informedOn', { date: localDateTime(c, informed.sentAt, d.zone, false) })]
        : [c.t('breachDoc.notInformedShort'), d.decision.subjectsException ? c.t(`breach.exception.${d.decision.subjectsException}`) : '', d.decision.subjectsReason]
      )
        .filter((x) => x.trim())
        .join('\n'),
    ];
  });
  return { headers, rows };
}

/** The log as one wide table (landscape), or, in a portrait page such as the register's annex, one label | value table per incident. */
export function writeBreachLog(c: BreachCtx, b: ContentBuilder, items: ReadonlyArray<BreachItem>, layout: Readonly<{ widths: ReadonlyArray<number> }> | 'records'): void {
  if (items.length === 0) return b.para(c.t('breachDoc.noBreach'));
  const { headers, rows } = breachLogTable(c, items);
  if (layout !== 'records') return b.table(headers, rows, layout.widths);
  items.forEach((item, i) => {
    b.heading(`${item.ref} – ${item.doc.title}`, 3);
    b.fields(headers.map((h, j) => [h, rows[i]![j]!] as const));
  });
}

/**
 * The chronology of each incident (issue 12): its ticked steps and its journal, in the order
 * things were done, at the time they were done in the incident's zone; the time they were
 * recorded follows where it differs (a step ticked after the fact).
 */
export function writeBreachChronology(c: BreachCtx, b: ContentBuilder, items: ReadonlyArray<BreachItem>): void {
  const withTrail = items.filter((i) => i.steps || i.journal);
  if (withTrail.length === 0) return;
  b.heading(c.t('breachTrail.chronology'), 1);
  b.para(c.t('breachTrail.chronologyHelp'));
  for (const item of withTrail) {
    const zone = item.doc.zone;
    const when = (utc: string) => formatZonedTime(c.lang, utc, zone, { style: 'long' });
    const lines = [
      ...(item.steps ?? [])
        .filter((s) => s.doneAt)
        .map((s) => ({ performed: s.performedAt ?? s.doneAt!, recorded: s.doneAt!, text: c.t('breachTrail.stepLine', { label: c.lang === 'fr' ? s.labelFr : s.labelEn, actor: s.doneBy ?? '' }) + (s.note.trim() ? ` – ${s.note.trim()}` : '') })),
      ...(item.journal ?? []).map((j) => ({ performed: j.performedAt, recorded: j.at, text: `${j.text} (${j.actor})` })),
    ].sort((a, b) => a.performed.localeCompare(b.performed));
    b.heading(`${item.ref} – ${item.doc.title}`, 2);
    if (lines.length === 0) {
      b.para(c.t('breachTrail.noChronology'));
      continue;
    }
    b.fields(
      lines.map((l) => {
        const late = Math.abs(Date.parse(l.recorded) - Date.parse(l.performed)) >= 60_000;
        return [when(l.performed), late ? [l.text, c.t('breachTrail.recordedOn', { date: when(l.recorded) })] : l.text] as const;
      }),
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Packing

function pack(c: BreachCtx, title: string, subtitle: string, children: FileChild[], landscape = false): Promise<Buffer> {
  return packOneSection({
    organisation: c.organisation.legalName,
    title,
    lead: [subtitle, c.t('breachDoc.generated', { date: dateOnly(c, c.now.toISOString().slice(0, 10)) })],
    children,
    page: { prefix: c.t('breachDoc.pagePrefix'), of: c.t('breachDoc.pageOf') },
    landscape,
  });
}

export type BreachDocumentKind = 'authority' | 'subjects' | 'controller' | 'regime';

export async function buildBreachDocument(
  c: BreachCtx,
  item: BreachItem,
  kind: BreachDocumentKind,
  options: { phase?: 'initial' | 'complementary'; party?: string; regime?: string; step?: string } = {},
): Promise<Buffer> {
  const b = new DocxBuilder(new TocCollector());
  if (kind === 'regime') {
    const regime = (c.regimes ?? []).find((r) => r.id === options.regime);
    const step = regime?.steps.find((s) => s.id === options.step);
    if (!regime || !step) throw new Error(`No step ${options.step ?? ''} of regime ${options.regime ?? ''}`);
    writeRegimeStep(c, b, item, regime, step);
    const name = (fr: string, en: string) => (c.lang === 'fr' ? fr : en);
    return pack(c, `${name(regime.nameFr, regime.nameEn)} – ${name(step.nameFr, step.nameEn)}`, c.t('breachDoc.regimeSubtitle', { authority: name(regime.authorityFr, regime.authorityEn) }), b.children);
  }
  if (kind === 'authority') {
    const phase = options.phase ?? 'initial';
    writeAuthorityNotification(c, b, item, phase);
    return pack(c, c.t('breachDoc.authorityTitle'), `${c.t('breachDoc.authoritySubtitle')} – ${c.t(`breach.phase.${phase}`)}`, b.children);
  }
  if (kind === 'subjects') {
    writeSubjectsCommunication(c, b, item);
    return pack(c, c.t('breachDoc.subjectsTitle'), item.doc.title, b.children);
  }
  writeControllerNotice(c, b, item, options.party ?? item.doc.controllers[0]?.name ?? '');
  return pack(c, c.t('breachDoc.controllerTitle'), c.t('breachDoc.controllerSubtitle'), b.children);
}

export async function buildBreachLogDocx(c: BreachCtx, items: ReadonlyArray<BreachItem>): Promise<Buffer> {
  const b = new DocxBuilder(new TocCollector());
  writeBreachLog(c, b, items, { widths: LOG_WIDTHS });
  writeBreachChronology(c, b, items);
  return pack(c, c.t('breachDoc.logTitle'), `${c.t('breachDoc.logSubtitle')} – ${c.t('breachDoc.logAsOf', { date: dateOnly(c, c.now.toISOString().slice(0, 10)) })}`, b.children, true);
}
