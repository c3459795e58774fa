import { z } from 'zod';
import { SPECIAL_CATEGORIES } from './enums';
import {
  AUTHORITY_HOURS,
  DEFAULT_CONTROLLER_NOTICE_HOURS,
  TELECOM_COMPLEMENTARY_HOURS,
  TELECOM_INITIAL_HOURS,
  clockState,
  deadline,
  isValidZone,
  toInstant,
  type Deadline,
  type LocalTime,
} from './breach-clock';
import { suggestRisk, type RiskInput, type RiskLevel, type RiskSuggestion } from './breach-risk';
import { BREACH_ROLES, controllerClocks, informsControllers, notificationTargetsFor, notifiesAuthority, type ChecklistRole, type ControllerClock } from './breach-role';
import { RegimeAnswersSchema, RegimeFlagsSchema, regimeAnswerIssues } from './breach-regimes';
import { TELECOM_COMPLETENESS, telecomComplementaryStart, telecomIssues } from './breach-telecom';
import { emptyTrailFields, foldOf, trailFields, type FoldableTime } from './breach-trail';
import { code, msg, optionalDate, requiredText, text } from './validation';

/**
 * A personal data breach as the DPO records it (Art. 33(5) log; shared/domain.md 3.7, 3.8):
 * the facts in the order of the CNIL notification form, the risk assessment, the decisions
 * and the notifications sent. The checklist and the journal are kept beside it (their times
 * are set by the core, not typed in).
 */

export { BREACH_ROLES };
export const BREACH_STATUSES = ['open', 'contained', 'closed'] as const;
export type BreachStatus = (typeof BREACH_STATUSES)[number];
export const BREACH_NATURES = ['CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY'] as const;
/** CNIL form, "Origine de l'incident". */
export const BREACH_ORIGINS = [
  'DEVICE_LOST_STOLEN',
  'PAPER_LOST_STOLEN',
  'MAIL_LOST',
  'HACKING_MALWARE_PHISHING',
  'PAPER_DISPOSAL',
  'DEVICE_DISPOSAL',
  'UNINTENDED_PUBLICATION',
  'WRONG_PERSON_DATA_SHOWN',
  'WRONG_RECIPIENT',
  'VERBAL_DISCLOSURE',
  'OTHER',
] as const;
/** CNIL form, "Cause de l'incident". */
export const BREACH_CAUSES = ['INTERNAL_MALICIOUS', 'INTERNAL_ACCIDENTAL', 'EXTERNAL_MALICIOUS', 'EXTERNAL_ACCIDENTAL', 'UNKNOWN'] as const;
/** CNIL form, "Préjudices potentiels". */
export const BREACH_HARMS = [
  'LOSS_OF_CONTROL',
  'LIMITED_RIGHTS',
  'DISCRIMINATION',
  'IDENTITY_THEFT',
  'FRAUD',
  'REIDENTIFICATION',
  'FINANCIAL_LOSS',
  'REPUTATION',
  'PROFESSIONAL_SECRECY',
  'OTHER',
] as const;
/** CNIL severity scale (gravité). */
export const SEVERITIES = ['NEGLIGIBLE', 'LIMITED', 'SIGNIFICANT', 'MAXIMUM'] as const;
export const SENSITIVITIES = ['basic', 'behavioural', 'financial', 'special'] as const;
export const IDENTIFIABILITIES = ['negligible', 'limited', 'significant', 'maximum'] as const;
export const EXPOSURES = ['none', 'known', 'unknown'] as const;
export const LOSSES = ['none', 'temporary', 'permanent'] as const;
export const RISK_LEVELS = ['none', 'risk', 'high'] as const;
/** Art. 34(3)(a)-(c). */
export const ART34_EXCEPTIONS = ['UNINTELLIGIBLE', 'RISK_REMOVED', 'DISPROPORTIONATE'] as const;
export const NOTIFICATION_TARGETS = ['authority', 'subjects', 'controller'] as const;
export type NotificationTarget = (typeof NOTIFICATION_TARGETS)[number];
export const PHASES = ['initial', 'complementary'] as const;

const LONG = 20_000;
const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

const orEmpty = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values, { error: msg('choice') }), z.literal('')], { error: msg('choice') });

/** A local date-time "YYYY-MM-DD'T'HH:mm" (what <input type="datetime-local"> gives), or empty. */
const localTime = z.string({ error: msg('dateTime') }).refine((v) => v === '' || LOCAL_RE.test(v), { error: msg('dateTime') });
const requiredLocalTime = z
  .string({ error: msg('required') })
  .min(1, { error: msg('required') })
  .refine((v) => LOCAL_RE.test(v), { error: msg('dateTime') });
const count = z
  .number({ error: msg('number') })
  .int({ error: msg('integer') })
  .min(0, { error: msg('min', { min: 0 }) })
  .max(10_000_000_000, { error: msg('max', { max: 10_000_000_000 }) })
  .nullable();

export const NotificationSchema = z.object({
  to: z.enum(NOTIFICATION_TARGETS, { error: msg('choice') }),
  /** The client controller's name (controller notices); who was told otherwise, optional. */
  party: text(200),
  phase: z.enum(PHASES, { error: msg('choice') }),
  sentAt: requiredLocalTime,
  /** The authority's reference (CNIL's notification number), or the letter's. */
  reference: text(200),
  means: text(500),
  /** Art. 33(1): why it comes after the deadline. */
  delayReason: text(LONG),
  /** Telecom, initial notification to the authority: complete, or to be completed within three days (Reg. 611/2013 Art. 2(3)). */
  completeness: orEmpty(TELECOM_COMPLETENESS).optional(),
});
export type BreachNotification = z.infer<typeof NotificationSchema>;

const BreachDocBase = z.object({
  title: requiredText(200),
  role: z.enum(BREACH_ROLES, { error: msg('choice') }),
  /** Processor case: each client controller and the delay its contract gives to be told (null: the contract sets none, "without undue delay", Art. 33(2)). */
  controllers: z
    .array(
      z.object({
        name: requiredText(200),
        hours: z
          .number({ error: msg('number') })
          .int({ error: msg('integer') })
          .min(1, { error: msg('min', { min: 1 }) })
          .max(720, { error: msg('max', { max: 720 }) })
          .nullable(),
      }),
    )
    .max(50, { error: msg('tooMany', { max: 50 }) }),
  /** The IANA time zone every local time of the incident is read in. */
  zone: z.string({ error: msg('zone') }).refine(isValidZone, { error: msg('zone') }),
  occurredAt: localTime,
  endedAt: localTime,
  ongoing: z.boolean(),
  discoveredAt: requiredLocalTime,
  awareAt: requiredLocalTime,
  reporter: text(200),
  circumstances: text(LONG),
  nature: z
    .array(z.enum(BREACH_NATURES, { error: msg('choice') }))
    .min(1, { error: msg('required') })
    .max(3),
  origins: z.array(z.enum(BREACH_ORIGINS, { error: msg('choice') })).max(BREACH_ORIGINS.length),
  cause: orEmpty(BREACH_CAUSES),
  description: requiredText(LONG),
  dataCategories: z.array(code).max(100, { error: msg('tooMany', { max: 100 }) }),
  specialCategories: z.array(z.enum(SPECIAL_CATEGORIES, { error: msg('choice') })).max(SPECIAL_CATEGORIES.length),
  subjectCategories: z.array(code).max(100, { error: msg('tooMany', { max: 100 }) }),
  vulnerableSubjects: z.boolean(),
  personsApprox: count,
  recordsApprox: count,
  /** Register entries (processing activities) involved. */
  activityIds: z.array(z.string().uuid({ error: msg('invalid') })).max(200),
  /** Suppliers of the supplier register involved (incidents recorded before it existed have none). */
  supplierIds: z.array(z.string().uuid({ error: msg('invalid') })).max(100).default([]),
  /** Others involved, by name (not in the supplier register). */
  subProcessors: z.array(z.object({ name: requiredText(200) })).max(50, { error: msg('tooMany', { max: 50 }) }),
  priorMeasures: text(LONG),
  consequences: text(LONG),
  harms: z.array(z.enum(BREACH_HARMS, { error: msg('choice') })).max(BREACH_HARMS.length),
  measuresTaken: text(LONG),
  measuresProposed: text(LONG),
  contact: z.object({ name: requiredText(200), role: text(200), email: text(200), phone: text(50) }),
  status: z.enum(BREACH_STATUSES, { error: msg('choice') }),
  closedOn: optionalDate,
  telecom: z.boolean(),
  risk: z.object({
    sensitivity: z.enum(SENSITIVITIES, { error: msg('choice') }),
    identifiability: z.enum(IDENTIFIABILITIES, { error: msg('choice') }),
    confidentiality: z.enum(EXPOSURES, { error: msg('choice') }),
    integrity: z.enum(LOSSES, { error: msg('choice') }),
    availability: z.enum(LOSSES, { error: msg('choice') }),
    /** The level the DPO settles on; empty while not confirmed. */
    level: orEmpty(RISK_LEVELS),
    justification: text(LONG),
    severity: orEmpty(SEVERITIES),
  }),
  decision: z.object({
    authority: orEmpty(['notify', 'noNotify'] as const),
    authorityReason: text(LONG),
    subjects: orEmpty(['inform', 'noInform'] as const),
    subjectsException: orEmpty(ART34_EXCEPTIONS),
    subjectsReason: text(LONG),
  }),
  notifications: z.array(NotificationSchema).max(100, { error: msg('tooMany', { max: 100 }) }),
  lessons: text(LONG),
  /** Other reporting regimes (NIS2…, resources/reference/regimes.json): significant incident or not, each step sent. */
  regimes: RegimeAnswersSchema.optional(),
  // Issue 12 (trail and documents): which of a repeated hour each time means, the letter to
  // the data subjects, the cross-border block (shared/domain/breach-trail.ts).
  ...trailFields,
  // End of issue 12 (trail and documents).
});
export type BreachDoc = z.infer<typeof BreachDocBase>;

/** The instant one of the incident's times designates, read in its zone at the occurrence the DPO chose (breach-trail.ts). */
export function instantOf(doc: Pick<BreachDoc, 'zone'> & Partial<Pick<BreachDoc, 'folds'>> & Record<FoldableTime, string>, key: FoldableTime) {
  return toInstant({ local: doc[key], zone: doc.zone, fold: foldOf(doc, key) });
}

/** What the risk suggestion is computed from: the assessment form, plus facts recorded elsewhere on the incident. */
export function riskInputOf(doc: Pick<BreachDoc, 'risk' | 'nature' | 'cause' | 'vulnerableSubjects' | 'personsApprox'>): RiskInput {
  const has = (n: (typeof BREACH_NATURES)[number]) => doc.nature.includes(n);
  return {
    sensitivity: doc.risk.sensitivity,
    identifiability: doc.risk.identifiability,
    confidentiality: has('CONFIDENTIALITY') ? doc.risk.confidentiality : 'none',
    integrity: has('INTEGRITY') ? doc.risk.integrity : 'none',
    availability: has('AVAILABILITY') ? doc.risk.availability : 'none',
    malicious: doc.cause === 'INTERNAL_MALICIOUS' || doc.cause === 'EXTERNAL_MALICIOUS',
    vulnerable: doc.vulnerableSubjects,
    persons: doc.personsApprox ?? 0,
  };
}

export function suggestionFor(doc: BreachDoc): RiskSuggestion {
  return suggestRisk(riskInputOf(doc));
}

/** The level that counts: the DPO's, else the suggestion. */
export function effectiveLevel(doc: BreachDoc): RiskLevel {
  return doc.risk.level || suggestionFor(doc).level;
}

const at = (zone: string) => (local: string) => toInstant({ local, zone } satisfies LocalTime);

/** The rules between fields: the order of the times, the decisions' reasons, the late notifications' reasons. */
function coherence(doc: BreachDoc, ctx: z.RefinementCtx): void {
  const issue = (path: Array<string | number>, key: string, params?: Record<string, string | number>) =>
    ctx.addIssue({ code: 'custom', message: msg(key, params), path });
  if (!isValidZone(doc.zone)) return;
  const instant = at(doc.zone);
  const times: Partial<Record<'occurredAt' | 'endedAt' | 'discoveredAt' | 'awareAt', string>> = {};
  for (const key of ['occurredAt', 'endedAt', 'discoveredAt', 'awareAt'] as const) {
    if (!LOCAL_RE.test(doc[key])) continue;
    const r = instantOf(doc, key);
    if (r.ok) times[key] = r.utc;
    else if (r.error === 'nonexistent') issue([key], 'nonexistentTime');
  }
  const { occurredAt, endedAt, discoveredAt, awareAt } = times;
  if (occurredAt && discoveredAt && discoveredAt < occurredAt) issue(['discoveredAt'], 'discoveredBeforeOccurred');
  if (occurredAt && awareAt && awareAt < occurredAt) issue(['awareAt'], 'awareBeforeOccurred');
  if (discoveredAt && awareAt && awareAt < discoveredAt) issue(['awareAt'], 'awareBeforeDiscovered');
  if (occurredAt && endedAt && endedAt < occurredAt) issue(['endedAt'], 'endedBeforeOccurred');
  if (doc.ongoing && doc.endedAt !== '') issue(['endedAt'], 'endedButOngoing');
  // Issue 12 (roles): a processor names the controllers it must inform, once each; it records only the notices its role gives.
  if (informsControllers(doc.role) && doc.controllers.length === 0) issue(['controllers'], 'controllersRequired');
  doc.controllers.forEach((c, i) => {
    if (doc.controllers.findIndex((o) => o.name.trim() === c.name.trim()) < i) issue(['controllers', i, 'name'], 'duplicateController');
  });
  const targets = notificationTargetsFor(doc.role);
  if (doc.status === 'closed' && doc.closedOn === '') issue(['closedOn'], 'closedOnRequired');
  if (doc.status !== 'closed' && doc.closedOn !== '') issue(['closedOn'], 'closedOnOnlyClosed');

  const suggested = suggestionFor(doc).level;
  if (doc.risk.level !== '' && doc.risk.level !== suggested && doc.risk.justification.trim() === '') issue(['risk', 'justification'], 'overrideJustification');
  // Issue 12: a processor alone is asked no decision on notifying (Art. 33(2)); what it kept from an earlier role is not checked.
  const decides = notifiesAuthority(doc.role);
  if (decides && doc.decision.authority !== '' && doc.decision.authorityReason.trim() === '') issue(['decision', 'authorityReason'], 'decisionReason');
  if (decides && doc.decision.subjects !== '' && doc.decision.subjectsReason.trim() === '') issue(['decision', 'subjectsReason'], 'decisionReason');
  // A telecom breach has its own test and exemption (breach-telecom.ts, Reg. 611/2013 Art. 3-4).
  if (decides && !doc.telecom && doc.decision.subjects === 'noInform' && effectiveLevel(doc) === 'high' && doc.decision.subjectsException === '')
    issue(['decision', 'subjectsException'], 'exceptionRequired');
  if (decides && doc.decision.subjects !== 'noInform' && doc.decision.subjectsException !== '') issue(['decision', 'subjectsException'], 'exceptionOnlyNoInform');

  // Notifications: after awareness; a complementary one follows an initial one to the same party;
  // one sent after its deadline says why (Art. 33(1)).
  const names = new Set(doc.controllers.map((c) => c.name.trim()));
  const dues = awareAt && discoveredAt ? dueTimes(doc, awareAt, discoveredAt) : null;
  doc.notifications.forEach((n, i) => {
    if (!LOCAL_RE.test(n.sentAt)) return;
    const sent = instant(n.sentAt);
    if (!sent.ok) {
      if (sent.error === 'nonexistent') issue(['notifications', i, 'sentAt'], 'nonexistentTime');
      return;
    }
    if (awareAt && sent.utc < awareAt) issue(['notifications', i, 'sentAt'], 'sentBeforeAware');
    if (!targets.includes(n.to)) issue(['notifications', i, 'to'], n.to === 'controller' ? 'controllerNoticeOnlyProcessor' : 'processorDoesNotNotify');
    else if (n.to === 'controller' && !names.has(n.party.trim())) issue(['notifications', i, 'party'], 'unknownController');
    if (n.phase === 'complementary') {
      const initial = doc.notifications.some((o, j) => j !== i && o.to === n.to && o.phase === 'initial' && o.party.trim() === n.party.trim() && o.sentAt <= n.sentAt);
      if (!initial) issue(['notifications', i, 'phase'], 'complementaryWithoutInitial');
    }
    if (n.phase === 'initial' && dues && n.delayReason.trim() === '') {
      const due = n.to === 'authority' ? dues.authority : n.to === 'controller' ? dues.controllers.get(n.party.trim()) : undefined;
      if (due && sent.utc > due) issue(['notifications', i, 'delayReason'], 'delayReasonRequired');
    }
  });
}

function dueTimes(doc: BreachDoc, awareUtc: string, detectedUtc: string) {
  const authority = [deadline('authority', awareUtc, AUTHORITY_HOURS, doc.zone).dueUtc];
  if (doc.telecom) authority.push(deadline('telecomInitial', detectedUtc, TELECOM_INITIAL_HOURS, doc.zone).dueUtc);
  return {
    authority: authority.sort()[0]!,
    controllers: new Map(doc.controllers.flatMap((c) => (c.hours === null ? [] : [[c.name.trim(), deadline('controllerNotice', awareUtc, c.hours, doc.zone).dueUtc] as const]))),
  };
}

/** The telecom (Reg. 611/2013) and other regimes' rules, kept in their own files. */
function regimeRules(doc: BreachDoc, ctx: z.RefinementCtx): void {
  for (const i of [...telecomIssues(doc), ...regimeAnswerIssues(doc)]) ctx.addIssue({ code: 'custom', message: msg(i.key), path: i.path });
}

export const BreachDocSchema = BreachDocBase.superRefine(coherence).superRefine(regimeRules);

export function emptyBreachDoc(defaults: Partial<Pick<BreachDoc, 'zone' | 'telecom' | 'contact' | 'role'>> = {}): BreachDoc {
  return {
    title: '',
    role: defaults.role ?? 'controller',
    controllers: [],
    zone: defaults.zone ?? 'Europe/Paris',
    occurredAt: '',
    endedAt: '',
    ongoing: false,
    discoveredAt: '',
    awareAt: '',
    reporter: '',
    circumstances: '',
    nature: [],
    origins: [],
    cause: '',
    description: '',
    dataCategories: [],
    specialCategories: [],
    subjectCategories: [],
    vulnerableSubjects: false,
    personsApprox: null,
    recordsApprox: null,
    activityIds: [],
    supplierIds: [],
    subProcessors: [],
    priorMeasures: '',
    consequences: '',
    harms: [],
    measuresTaken: '',
    measuresProposed: '',
    contact: defaults.contact ?? { name: '', role: '', email: '', phone: '' },
    status: 'open',
    closedOn: '',
    telecom: defaults.telecom ?? false,
    risk: { sensitivity: 'basic', identifiability: 'maximum', confidentiality: 'none', integrity: 'none', availability: 'none', level: '', justification: '', severity: '' },
    decision: { authority: '', authorityReason: '', subjects: '', subjectsException: '', subjectsReason: '' },
    notifications: [],
    lessons: '',
    regimes: {},
    ...emptyTrailFields(),
  };
}

/** A running deadline and where it stands: stopped by the notification that answers it, or waived by the decision not to notify. */
export type BreachClock = Deadline & Readonly<{ stoppedUtc: string | null; waived: boolean }>;

/** Every deadline of the incident, with the notification that stopped each. Empty when the times are not valid. */
export function breachClocks(doc: BreachDoc): BreachClock[] {
  if (!isValidZone(doc.zone)) return [];
  const aware = instantOf(doc, 'awareAt');
  const detected = instantOf(doc, 'discoveredAt');
  if (!aware.ok || !detected.ok) return [];
  const sent = (to: NotificationTarget, phase: 'initial' | 'complementary', party = '', after = '') =>
    doc.notifications
      .filter((n) => n.to === to && n.phase === phase && (to !== 'controller' || n.party.trim() === party))
      .map((n) => toInstant({ local: n.sentAt, zone: doc.zone }))
      .flatMap((r) => (r.ok && r.utc >= after ? [r.utc] : []))
      .sort()[0] ?? null;
  const firstAuthority = sent('authority', 'initial');
  const waived = doc.decision.authority === 'noNotify';
  const clocks: BreachClock[] = [];
  // Art. 33(1)/(2): a processor alone runs no authority clock; it tells its controllers (below).
  if (notifiesAuthority(doc.role)) clocks.push({ ...deadline('authority', aware.utc, AUTHORITY_HOURS, doc.zone), stoppedUtc: firstAuthority, waived: waived && !doc.telecom });
  if (doc.telecom && notifiesAuthority(doc.role)) {
    // ePrivacy: every breach of the service goes to the authority, whatever the risk.
    clocks.push({ ...deadline('telecomInitial', detected.utc, TELECOM_INITIAL_HOURS, doc.zone), stoppedUtc: firstAuthority, waived: false });
    // Reg. 611/2013 Art. 2(3): only an initial notification "to be completed" calls for the second one.
    const complementaryFrom = telecomComplementaryStart(doc);
    if (complementaryFrom) {
      clocks.push({
        ...deadline('telecomComplementary', complementaryFrom, TELECOM_COMPLEMENTARY_HOURS, doc.zone),
        stoppedUtc: sent('authority', 'complementary', '', complementaryFrom),
        waived: false,
      });
    }
  }
  // Art. 33(2): a controller whose contract sets a delay has a deadline; one without has none
  // ("without undue delay": see controllerClocks, which shows the time elapsed instead).
  for (const c of controllerClocks(doc)) {
    if (c.dueUtc !== null && c.hours !== null) clocks.push({ ...deadline('controllerNotice', c.startUtc, c.hours, doc.zone, c.party), stoppedUtc: c.informed?.utc ?? null, waived: false });
  }
  // The other regimes' clocks (NIS2…, breach-regimes.ts) are added by the service beside these and
  // are NOT gated by the GDPR role: NIS2 Art. 23 obliges the essential or important entity whose
  // service suffered a significant incident, whether it was controller or processor of the
  // personal data concerned, so they run for a processor-only incident too.
  return clocks;
}

/** The clock the DPO must watch now: the earliest one still running, or null. */
export function nextClock(clocks: ReadonlyArray<BreachClock>): BreachClock | null {
  return clocks.filter((c) => !c.stoppedUtc && !c.waived).sort((a, b) => a.dueUtc.localeCompare(b.dueUtc))[0] ?? null;
}

export { clockState };

// ---------------------------------------------------------------------------------------------
// The incident checklist

export const ChecklistStepSchema = z.object({
  id: z.string().max(64).regex(/^[A-Za-z0-9_-]+$/, { error: msg('invalid') }),
  labelFr: requiredText(300),
  labelEn: requiredText(300),
});
export type ChecklistStepDef = z.infer<typeof ChecklistStepSchema>;

export const ChecklistTemplateSchema = z
  .array(ChecklistStepSchema)
  .min(1, { error: msg('required') })
  .max(50, { error: msg('tooMany', { max: 50 }) })
  .superRefine((steps, ctx) => {
    const seen = new Set<string>();
    steps.forEach((s, i) => {
      if (seen.has(s.id)) ctx.addIssue({ code: 'custom', message: msg('duplicate'), path: [i, 'id'] });
      seen.add(s.id);
    });
  });

export type ChecklistTemplate = Readonly<{ version: number; role: ChecklistRole; steps: ReadonlyArray<ChecklistStepDef>; createdAt: string; actor: string }>;

/**
 * A step of the checklist: `doneAt` is when the tick was recorded (the core's clock),
 * `performedAt` when the step was done, which the DPO may set earlier (issue 12).
 */
export type BreachStep = ChecklistStepDef & Readonly<{ position: number; doneAt: string | null; performedAt: string | null; doneBy: string | null; note: string }>;
/** A journal entry: `at` when it was written, `performedAt` when what it tells happened (the same unless set earlier). */
export type JournalEntry = Readonly<{ id: number; at: string; performedAt: string; actor: string; text: string }>;

export type BreachSummary = Readonly<{
  id: string;
  ref: string;
  title: string;
  role: BreachDoc['role'];
  status: BreachStatus;
  awareAt: string;
  /** The instant of awareness (issue 12: shown in the zone's format with its offset); null when the time is not valid. */
  awareUtc: string | null;
  zone: string;
  level: RiskLevel;
  confirmed: boolean;
  authorityDecision: BreachDoc['decision']['authority'];
  notifiedAuthority: boolean;
  clocks: ReadonlyArray<BreachClock>;
  /** Art. 33(2): client controllers not yet informed (with or without a contractual delay). */
  controllersToInform: number;
  stepsDone: number;
  stepsTotal: number;
  updatedAt: string;
  deletedAt: string | null;
}>;

export type BreachEntry = Readonly<{
  id: string;
  ref: string;
  doc: BreachDoc;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  templateVersion: number;
  /** Role "both": the processor checklist's version, beside the controller's (templateVersion). */
  processorTemplateVersion: number | null;
  steps: ReadonlyArray<BreachStep>;
  journal: ReadonlyArray<JournalEntry>;
  clocks: ReadonlyArray<BreachClock>;
  /** Art. 33(2): one clock per client controller, with or without a contractual delay. */
  controllerClocks: ReadonlyArray<ControllerClock>;
  suggestion: RiskSuggestion;
}>;

export const BREACH_SETTINGS_DEFAULTS = { telecom: false, zone: 'Europe/Paris', controllerHours: DEFAULT_CONTROLLER_NOTICE_HOURS, regimeFlags: {} } as const;
export const BreachSettingsSchema = z.object({
  /** The organisation provides publicly available electronic communications services (Regulation 611/2013). */
  telecom: z.boolean(),
  zone: z.string().refine(isValidZone, { error: msg('zone') }),
  controllerHours: z
    .number({ error: msg('number') })
    .int({ error: msg('integer') })
    .min(1, { error: msg('min', { min: 1 }) })
    .max(720, { error: msg('max', { max: 720 }) }),
  /** The answers that make other regimes apply ("nis2Entity" → "essential"; resources/reference/regimes.json). */
  regimeFlags: RegimeFlagsSchema,
});
export type BreachSettings = z.infer<typeof BreachSettingsSchema>;

/** The shared steps of the shipped checklists (issue 4; EDPB Guidelines 9/2022 and CNIL's breach page). */
const STEP = {
  contain: { id: 'contain', labelFr: 'Contenir la violation (isoler, couper les accès, changer les secrets)', labelEn: 'Contain the breach (isolate, cut access, rotate secrets)' },
  evidence: { id: 'evidence', labelFr: 'Préserver les preuves (journaux, copies, chaîne de conservation)', labelEn: 'Preserve evidence (logs, copies, chain of custody)' },
  assess: { id: 'assess', labelFr: 'Évaluer le risque pour les personnes', labelEn: 'Assess the risk to individuals' },
  document: { id: 'document', labelFr: 'Documenter dans le registre des violations (art. 33.5)', labelEn: 'Document in the breach log (Art. 33(5))' },
  followUp: { id: 'followUp', labelFr: 'Suivre les mesures correctives et les notifications complémentaires', labelEn: 'Follow up remedial measures and complementary notifications' },
  lessons: { id: 'lessons', labelFr: 'Retour d’expérience (leçons tirées)', labelEn: 'Lessons learned' },
} as const satisfies Record<string, ChecklistStepDef>;

/**
 * The checklists the app ships, one per role (issue 12); the DPO edits each in Settings. The
 * controller notifies the authority and informs the data subjects (Art. 33(1), 34); the processor
 * informs each client controller (Art. 33(2)) and helps it meet its own duties (Art. 28(3)(f)).
 */
export const SHIPPED_CHECKLISTS: Readonly<Record<ChecklistRole, ReadonlyArray<ChecklistStepDef>>> = {
  controller: [
    STEP.contain,
    STEP.evidence,
    STEP.assess,
    STEP.document,
    { id: 'decide', labelFr: 'Décider des notifications et en consigner les motifs', labelEn: 'Decide on notifications and record the reasons' },
    { id: 'notifyAuthority', labelFr: 'Notifier l’autorité de contrôle (72 h)', labelEn: 'Notify the supervisory authority (72 hours)' },
    { id: 'informSubjects', labelFr: 'Informer les personnes concernées (art. 34)', labelEn: 'Inform the data subjects (Art. 34)' },
    STEP.followUp,
    STEP.lessons,
  ],
  processor: [
    STEP.contain,
    STEP.evidence,
    STEP.assess,
    STEP.document,
    { id: 'tellControllers', labelFr: 'Informer chaque responsable de traitement client dans les meilleurs délais (art. 33.2)', labelEn: 'Inform each client controller without undue delay (Art. 33(2))' },
    { id: 'assistControllers', labelFr: 'Aider les responsables de traitement à notifier (informations complémentaires, art. 28.3.f)', labelEn: 'Help the controllers notify (further information, Art. 28(3)(f))' },
    STEP.followUp,
    STEP.lessons,
  ],
};

/** The controller's checklist, the one the app shipped alone before issue 12. */
export const DEFAULT_CHECKLIST: ReadonlyArray<ChecklistStepDef> = SHIPPED_CHECKLISTS.controller;
