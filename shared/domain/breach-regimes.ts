import { DateTime } from 'luxon';
import { z } from 'zod';
import { deadline, isValidZone, toInstant, type Fold } from './breach-clock';
import { foldOf, type Folds } from './breach-trail';
import type { BreachClock } from './breach';
import { msg, text } from './validation';

/**
 * Incident-reporting regimes that run beside the GDPR ones (issue 12): NIS2 (Directive (EU)
 * 2022/2555, Art. 23) ships; DORA or a national regime is added as data in
 * resources/reference/regimes.json, without code. A regime says whom it applies to (a choice
 * in Settings), what triggers it, and its steps, each due so many hours or months after an
 * event of the incident (awareness, detection) or after an earlier step was sent. An incident
 * says, for each regime, whether it is a significant incident; only then do the clocks run.
 */

const ID_RE = /^[a-z][A-Za-z0-9]{0,39}$/;
const id = z.string().regex(ID_RE, { message: 'an identifier: a lower-case letter, then letters or digits (at most 40)' });
const label = z.string().trim().min(1).max(500);
const longLabel = z.string().trim().min(1).max(2000);

/** Where a deadline counts from: the incident's awareness or detection time, or the sending of an earlier step ("step:notification"). */
const FROM_RE = /^(awareness|detection|step:[a-z][A-Za-z0-9]{0,39})$/;

/** The kinds of Word drafts a step can have; each lists what the step asks (NIS2 Art. 23(4)(a)-(e); DORA's initial, intermediate and final reports fit the same shapes). */
export const REGIME_DRAFT_KINDS = ['earlyWarning', 'notification', 'intermediate', 'final'] as const;
export type RegimeDraftKind = (typeof REGIME_DRAFT_KINDS)[number];

const RegimeStepDefSchema = z
  .object({
    id,
    nameFr: label,
    nameEn: label,
    /** The delay, in hours or calendar months; absent for a step made on request (no clock). */
    within: z.union([z.object({ hours: z.number().int().min(1).max(8760) }).strict(), z.object({ months: z.number().int().min(1).max(24) }).strict()]).optional(),
    onRequest: z.boolean().default(false),
    from: z.string().regex(FROM_RE, { message: 'awareness, detection or step:<id of an earlier step>' }),
    document: z.enum(REGIME_DRAFT_KINDS),
    sourceFr: longLabel.optional(),
    sourceEn: longLabel.optional(),
  })
  .strict();

const RegimeDefSchema = z
  .object({
    id,
    nameFr: label,
    nameEn: label,
    /** A short name for narrow places (the log's column): "NIS 2". Defaults to the name. */
    shortFr: label.optional(),
    shortEn: label.optional(),
    sourceFr: longLabel,
    sourceEn: longLabel,
    authorityFr: label,
    authorityEn: label,
    /** The Settings choice that makes the regime apply, and the answers that do. */
    appliesTo: z.object({ setting: id, values: z.array(id).min(1) }).strict(),
    triggerFr: longLabel,
    triggerEn: longLabel,
    steps: z.array(RegimeStepDefSchema).min(1).max(20),
  })
  .strict();

const RegimeSettingDefSchema = z
  .object({
    id,
    labelFr: label,
    labelEn: label,
    options: z.array(z.object({ id, labelFr: label, labelEn: label }).strict()).min(1).max(20),
  })
  .strict();

export const RegimesFileSchema = z
  .object({
    about: z.string().optional(),
    settings: z.array(RegimeSettingDefSchema).max(50),
    regimes: z.array(RegimeDefSchema).max(50),
  })
  .strict()
  .superRefine((file, ctx) => {
    const issue = (path: Array<string | number>, message: string) => ctx.addIssue({ code: 'custom', message, path });
    const settings = new Map(file.settings.map((s) => [s.id, s]));
    if (settings.size !== file.settings.length) issue(['settings'], 'two settings have the same id');
    const ids = new Set<string>();
    file.regimes.forEach((r, i) => {
      if (ids.has(r.id)) issue(['regimes', i, 'id'], `two regimes have the id "${r.id}"`);
      ids.add(r.id);
      const setting = settings.get(r.appliesTo.setting);
      if (!setting) issue(['regimes', i, 'appliesTo', 'setting'], `no setting "${r.appliesTo.setting}" in "settings"`);
      else
        r.appliesTo.values.forEach((v, j) => {
          if (!setting.options.some((o) => o.id === v)) issue(['regimes', i, 'appliesTo', 'values', j], `setting "${setting.id}" has no option "${v}"`);
        });
      const seen = new Set<string>();
      r.steps.forEach((s, j) => {
        if (seen.has(s.id)) issue(['regimes', i, 'steps', j, 'id'], `two steps have the id "${s.id}"`);
        if (s.from.startsWith('step:') && !seen.has(s.from.slice(5))) issue(['regimes', i, 'steps', j, 'from'], `"${s.from}" must name an earlier step of the regime`);
        if (!s.within && !s.onRequest) issue(['regimes', i, 'steps', j, 'within'], 'a step without a delay must say "onRequest": true');
        seen.add(s.id);
      });
    });
  });

export type RegimesFile = z.infer<typeof RegimesFileSchema>;
export type RegimeDef = RegimesFile['regimes'][number];
export type RegimeStepDef = RegimeDef['steps'][number];
export type RegimeSettingDef = RegimesFile['settings'][number];
/** What the UI reads: the regimes and the ids of those the organisation's Settings make apply. */
export type RegimesInfo = Readonly<{ file: RegimesFile; applicable: ReadonlyArray<string> }>;

/**
 * Reads the regimes file, or throws an error that says which entry is wrong and why
 * ("resources/reference/regimes.json: regimes.0.steps.1.from: …"), so that a mistake in an
 * added regime is found at start, not at the worst moment of an incident.
 */
export function parseRegimes(raw: unknown, source = 'resources/reference/regimes.json'): RegimesFile {
  const r = RegimesFileSchema.safeParse(raw);
  if (r.success) return r.data;
  const lines = r.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`);
  throw new Error(`${source} is not a valid regimes file:\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------------------------
// What an incident records for each regime

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = z.string({ error: msg('dateTime') }).refine((v) => v === '' || LOCAL_RE.test(v), { error: msg('dateTime') });

export const RegimeStepSentSchema = z.object({
  /** When the step was sent, local time in the incident's zone; empty while not sent. */
  sentAt: localTime,
  /** The authority's reference (ticket, case number). */
  reference: text(200),
});

export const RegimeAnswerSchema = z.object({
  /** Is the incident a significant incident (or what the regime's trigger says) under this regime? */
  significant: z.union([z.enum(['yes', 'no'], { error: msg('choice') }), z.literal('')], { error: msg('choice') }),
  reason: text(20_000),
  steps: z.record(z.string().regex(ID_RE, { error: msg('invalid') }), RegimeStepSentSchema).default({}),
});
export type RegimeAnswer = z.infer<typeof RegimeAnswerSchema>;

/** The field of the breach record: regime id → answer. Incidents recorded before issue 12 have none. */
export const RegimeAnswersSchema = z.record(z.string().regex(ID_RE, { error: msg('invalid') }), RegimeAnswerSchema);
export type RegimeAnswers = z.infer<typeof RegimeAnswersSchema>;

/** The Settings answers ("nis2Entity" → "essential"). */
export const RegimeFlagsSchema = z.record(z.string().regex(ID_RE), z.string().max(40)).default({});
export type RegimeFlags = z.infer<typeof RegimeFlagsSchema>;

/** The regimes the organisation is subject to, from its Settings. */
export function applicableRegimes(file: RegimesFile, flags: Readonly<Record<string, string>>): RegimeDef[] {
  return file.regimes.filter((r) => r.appliesTo.values.includes(flags[r.appliesTo.setting] ?? ''));
}

/** The regimes an incident shows: those that apply, and any it recorded an answer for (kept if Settings change later). */
export function regimesForIncident(file: RegimesFile, flags: Readonly<Record<string, string>>, answers: RegimeAnswers | undefined): RegimeDef[] {
  const applicable = new Set(applicableRegimes(file, flags).map((r) => r.id));
  return file.regimes.filter((r) => applicable.has(r.id) || (answers?.[r.id]?.significant ?? '') !== '');
}

type DocTimes = Readonly<{ zone: string; awareAt: string; discoveredAt: string; regimes?: RegimeAnswers; folds?: Folds }>;

export type RegimeClock = BreachClock &
  Readonly<{
    kind: 'regime';
    regime: string;
    step: string;
    labelFr: string;
    labelEn: string;
    /** Calendar months, for a step due "one month after" (NIS2 final report). */
    months?: number;
  }>;

function instant(local: string | undefined, zone: string, fold?: Fold): string | null {
  if (!local) return null;
  const r = toInstant({ local, zone, fold });
  return r.ok ? r.utc : null;
}

/** When a step's deadline starts: the event it counts from, or the sending of the earlier step (null while that is not sent). */
export function regimeStepStart(doc: DocTimes, answer: RegimeAnswer | undefined, step: RegimeStepDef): string | null {
  // Awareness and detection at the occurrence of a repeated hour the DPO chose (breach-trail.ts).
  if (step.from === 'awareness') return instant(doc.awareAt, doc.zone, foldOf(doc, 'awareAt'));
  if (step.from === 'detection') return instant(doc.discoveredAt, doc.zone, foldOf(doc, 'discoveredAt'));
  return instant(answer?.steps[step.from.slice(5)]?.sentAt, doc.zone);
}

/** A deadline of `within` after `startUtc`; months are calendar months in the incident's zone. */
export function regimeDeadline(startUtc: string, within: NonNullable<RegimeStepDef['within']>, zone: string) {
  if ('hours' in within) return deadline('regime', startUtc, within.hours, zone);
  const start = DateTime.fromISO(startUtc, { zone: 'utc' });
  const due = start.setZone(zone).plus({ months: within.months });
  return {
    kind: 'regime' as const,
    startUtc,
    hours: Math.round(due.diff(start, 'hours').hours),
    dueUtc: due.toUTC().toISO({ suppressMilliseconds: true })!,
    dueLocal: due.toFormat("yyyy-MM-dd'T'HH:mm"),
    zone,
    months: within.months,
  };
}

/**
 * The clocks of each regime under which the incident is significant (NIS2 Art. 23(4): early
 * warning 24 hours and incident notification 72 hours after awareness, final report one month
 * after the notification). A step made on request has no clock; a step counted from an earlier
 * one starts when that one is sent. Each stops when the step is recorded as sent.
 */
export function regimeClocks(doc: DocTimes, regimes: ReadonlyArray<RegimeDef>): RegimeClock[] {
  if (!isValidZone(doc.zone)) return [];
  const out: RegimeClock[] = [];
  for (const r of regimes) {
    const answer = doc.regimes?.[r.id];
    if (answer?.significant !== 'yes') continue;
    for (const s of r.steps) {
      if (!s.within) continue;
      const start = regimeStepStart(doc, answer, s);
      if (!start) continue;
      out.push({
        ...regimeDeadline(start, s.within, doc.zone),
        kind: 'regime',
        regime: r.id,
        step: s.id,
        party: `${r.id}.${s.id}`,
        labelFr: `${r.nameFr} : ${s.nameFr}`,
        labelEn: `${r.nameEn}: ${s.nameEn}`,
        stoppedUtc: instant(answer.steps[s.id]?.sentAt, doc.zone),
        waived: false,
      });
    }
  }
  return out;
}

export function isRegimeClock(c: BreachClock): c is RegimeClock {
  return c.kind === 'regime';
}

/** One step sent under a regime, as the other documents list it. */
export type RegimeNotice = Readonly<{
  regime: string;
  regimeFr: string;
  regimeEn: string;
  authorityFr: string;
  authorityEn: string;
  step: string;
  stepFr: string;
  stepEn: string;
  /** Local time in the incident's zone, as recorded. */
  sentAt: string;
  reference: string;
}>;

/**
 * Every step sent under the regimes (NIS2 early warning, notification…), oldest first: what the
 * authority notification's "other notifications made" block and the breach log list.
 */
export function regimeNotifications(doc: Pick<DocTimes, 'regimes'>, regimes: ReadonlyArray<RegimeDef>): RegimeNotice[] {
  const out: RegimeNotice[] = [];
  for (const r of regimes) {
    const answer = doc.regimes?.[r.id];
    if (!answer) continue;
    for (const s of r.steps) {
      const sent = answer.steps[s.id];
      if (!sent?.sentAt) continue;
      out.push({ regime: r.id, regimeFr: r.nameFr, regimeEn: r.nameEn, authorityFr: r.authorityFr, authorityEn: r.authorityEn, step: s.id, stepFr: s.nameFr, stepEn: s.nameEn, sentAt: sent.sentAt, reference: sent.reference });
    }
  }
  return out.sort((a, b) => a.sentAt.localeCompare(b.sentAt));
}

type Issue = Readonly<{ path: Array<string | number>; key: string }>;

/**
 * The rules between an incident's regime answers and its times, which need no regime file:
 * a "no" says why; a step is recorded as sent only for a significant incident, never before the
 * incident was detected; a reference goes with a sending time.
 */
export function regimeAnswerIssues(doc: DocTimes): Issue[] {
  const issues: Issue[] = [];
  const detected = isValidZone(doc.zone) ? instant(doc.discoveredAt, doc.zone) : null;
  for (const [rid, a] of Object.entries(doc.regimes ?? {})) {
    if (a.significant === 'no' && a.reason.trim() === '') issues.push({ path: ['regimes', rid, 'reason'], key: 'decisionReason' });
    for (const [sid, s] of Object.entries(a.steps)) {
      const at = ['regimes', rid, 'steps', sid];
      if (!s.sentAt) {
        if (s.reference.trim()) issues.push({ path: [...at, 'sentAt'], key: 'sentAtRequired' });
        continue;
      }
      if (a.significant !== 'yes') issues.push({ path: [...at, 'sentAt'], key: 'regimeNotSignificant' });
      if (!isValidZone(doc.zone) || !LOCAL_RE.test(s.sentAt)) continue;
      const r = toInstant({ local: s.sentAt, zone: doc.zone });
      if (!r.ok) {
        if (r.error === 'nonexistent') issues.push({ path: [...at, 'sentAt'], key: 'nonexistentTime' });
      } else if (detected && r.utc < detected) issues.push({ path: [...at, 'sentAt'], key: 'sentBeforeDetected' });
    }
  }
  return issues;
}

/** The checks that need the regimes file: known regimes and steps, and a step sent after the one it follows. */
export function regimeFileIssues(doc: DocTimes, file: RegimesFile): Issue[] {
  const issues: Issue[] = [];
  for (const [rid, a] of Object.entries(doc.regimes ?? {})) {
    const def = file.regimes.find((r) => r.id === rid);
    if (!def) {
      issues.push({ path: ['regimes', rid], key: 'unknownCode' });
      continue;
    }
    for (const [sid, s] of Object.entries(a.steps)) {
      const step = def.steps.find((x) => x.id === sid);
      if (!step) {
        issues.push({ path: ['regimes', rid, 'steps', sid], key: 'unknownCode' });
        continue;
      }
      if (!s.sentAt || !step.from.startsWith('step:')) continue;
      const before = a.steps[step.from.slice(5)]?.sentAt ?? '';
      // Local times in one zone compare as text; a step cannot be sent before the one it follows.
      if (!before || s.sentAt < before) issues.push({ path: ['regimes', rid, 'steps', sid, 'sentAt'], key: 'regimeStepOrder' });
    }
  }
  return issues;
}
