import { z } from 'zod';
import { FOLDS, toInstant, type Fold } from './breach-clock';
import { msg, text } from './validation';

/**
 * Issue 12, "a trail that tells the truth" and "documents": what an incident records beside its
 * facts so that its times mean one instant each, its letter to the data subjects is written for
 * them, and its notification to the authority ends with the CNIL form's cross-border block.
 * Incidents stored before these fields existed read them with the defaults below (withTrailDefaults).
 */

const LONG = 20_000;
const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localTime = z.string({ error: msg('dateTime') }).refine((v) => v === '' || LOCAL_RE.test(v), { error: msg('dateTime') });

/** The incident's times that may fall in the hour repeated when clocks go back. */
export const FOLDABLE_TIMES = ['occurredAt', 'endedAt', 'discoveredAt', 'awareAt'] as const;
export type FoldableTime = (typeof FOLDABLE_TIMES)[number];

/** Which of the two instants a repeated local time means, per time; absent = the first. */
export const FoldsSchema = z.object({
  occurredAt: z.enum(FOLDS, { error: msg('choice') }).optional(),
  endedAt: z.enum(FOLDS, { error: msg('choice') }).optional(),
  discoveredAt: z.enum(FOLDS, { error: msg('choice') }).optional(),
  awareAt: z.enum(FOLDS, { error: msg('choice') }).optional(),
});
export type Folds = z.infer<typeof FoldsSchema>;

/**
 * The letter to the data subjects (Art. 34(2)): in clear and plain language, the nature of the
 * breach, the contact point, the likely consequences, the measures taken or proposed (Art.
 * 33(3)(b)-(d)). Written for the people, apart from the internal description; null until the
 * DPO first opens it (the form then offers a draft, see breach-letter.ts).
 */
export const LetterSchema = z.object({
  whatHappened: text(LONG),
  meaning: text(LONG),
  done: text(LONG),
  advice: text(LONG),
  contact: text(2000),
});
export type BreachLetter = z.infer<typeof LetterSchema>;

/** The 30 EEA states (the same as resources/reference/transfers.json "eea"), whose authorities may be concerned. */
export const EEA_STATES = ['AT', 'BE', 'BG', 'HR', 'CY', 'CZ', 'DK', 'EE', 'FI', 'FR', 'DE', 'GR', 'HU', 'IE', 'IT', 'LV', 'LT', 'LU', 'MT', 'NL', 'PL', 'PT', 'RO', 'SK', 'SI', 'ES', 'SE', 'IS', 'LI', 'NO'] as const;

/** CNIL form, "Notifications transfrontalières / autres": NIS2 (ANSSI / CSIRT), the telecom regime, a complaint to the police, other. */
export const OTHER_NOTIFICATION_KINDS = ['NIS2', 'TELECOM', 'POLICE', 'OTHER'] as const;

export const OtherNotificationSchema = z.object({
  kind: z.enum(OTHER_NOTIFICATION_KINDS, { error: msg('choice') }),
  /** Who was told: "ANSSI", "Commissariat de Lyon 3e"… */
  body: text(200),
  sentAt: localTime,
  reference: text(200),
});
export type OtherNotification = z.infer<typeof OtherNotificationSchema>;

/** Art. 56 and 60 GDPR: a breach of cross-border processing concerns other authorities, one of which leads. */
export const CrossBorderSchema = z.object({
  /** The EEA states whose residents are affected (their authorities are concerned). */
  otherAuthorities: z.array(z.enum(EEA_STATES, { error: msg('choice') })).max(EEA_STATES.length),
  /** The state of the lead supervisory authority, empty when there is none (not cross-border). */
  lead: z.union([z.enum(EEA_STATES, { error: msg('choice') }), z.literal('')], { error: msg('choice') }),
  otherNotifications: z.array(OtherNotificationSchema).max(20, { error: msg('tooMany', { max: 20 }) }),
});
export type CrossBorder = z.infer<typeof CrossBorderSchema>;

export const emptyCrossBorder = (): CrossBorder => ({ otherAuthorities: [], lead: '', otherNotifications: [] });

/** The fields of issue 12 with their defaults, for BreachDocBase (an incident stored before them reads these). */
export const trailFields = {
  folds: FoldsSchema.default({}),
  letter: LetterSchema.nullable().default(null),
  crossBorder: CrossBorderSchema.default(emptyCrossBorder),
};

export type TrailFields = Readonly<{ folds: Folds; letter: BreachLetter | null; crossBorder: CrossBorder }>;

export const emptyTrailFields = (): TrailFields => ({ folds: {}, letter: null, crossBorder: emptyCrossBorder() });

/** An incident as stored, with the fields of issue 12 filled in when it was stored before them. */
export function withTrailDefaults<T extends object>(doc: T): Omit<T, keyof TrailFields> & TrailFields {
  const d = doc as Partial<TrailFields>;
  return { ...doc, folds: d.folds ?? {}, letter: d.letter ?? null, crossBorder: d.crossBorder ?? emptyCrossBorder() };
}

export function foldOf(doc: Readonly<{ folds?: Folds }>, key: FoldableTime): Fold {
  return doc.folds?.[key] ?? 'first';
}

export type PerformedResult = Readonly<{ ok: true; utc: string }> | Readonly<{ ok: false; error: 'dateTime' | 'nonexistentTime' | 'performedInFuture' }>;

/**
 * When a checklist step was done or a journal entry's event happened, as the DPO gives it after
 * the fact: a local time in the incident's zone (at the chosen occurrence of a repeated hour),
 * never later than now by the core's clock (a little drift allowed): the trail tells when things
 * were done, and the time of recording is kept beside it (Art. 5(2) accountability, Art. 33(5)).
 */
export function performedInstant(local: string, zone: string, nowMs: number, toleranceMs: number, fold: Fold = 'first'): PerformedResult {
  const r = toInstant({ local, zone, fold });
  if (!r.ok) return { ok: false, error: r.error === 'nonexistent' ? 'nonexistentTime' : 'dateTime' };
  if (Date.parse(r.utc) > nowMs + toleranceMs) return { ok: false, error: 'performedInFuture' };
  return { ok: true, utc: r.utc };
}
