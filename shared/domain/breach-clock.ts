import { DateTime, Duration, IANAZone } from 'luxon';

/**
 * Breach deadlines (shared/domain.md 3.2, 3.9, 3.11). Times are entered as a local date-time
 * in an IANA time zone ("2026-03-28T22:30" in "Europe/Paris"); deadlines are counted in
 * elapsed hours from the instant that designates, so they stay right across clock changes
 * (72 hours after 22:30 on the eve of the change to summer time is 23:30 local, not 22:30).
 * Luxon does the zone arithmetic.
 */

/**
 * A local date-time in its zone. `fold` says which of two instants is meant when the local time
 * occurs twice (the repeated hour when clocks go back): 'first' (the default) or 'second'.
 */
export type LocalTime = Readonly<{ local: string; zone: string; fold?: Fold }>;
export const FOLDS = ['first', 'second'] as const;
export type Fold = (typeof FOLDS)[number];

export type InstantResult =
  | Readonly<{ ok: true; utc: string; offset: string }>
  | Readonly<{ ok: false; error: 'format' | 'zone' | 'nonexistent' }>;

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/**
 * An IANA zone name the runtime knows: "Europe/Paris", "UTC", "Asia/Kolkata", and the older
 * names ("Asia/Calcutta") that incidents may have been stored with. Not Luxon's "local",
 * "system" or fixed offsets ("UTC+2"): an incident's times follow a place's clock changes.
 */
export function isValidZone(zone: string): boolean {
  // Luxon builds an Intl.DateTimeFormat at every call (about 1 ms): a list of 500 incidents with
  // their regime clocks asked it thousands of times (issue 15). The answer for a name never changes.
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validZones.size < 1000) validZones.set(zone, valid);
  }
  return valid;
}
const validZones = new Map<string, boolean>();

/**
 * The instant a local date-time designates in its zone. A time skipped by the change to summer
 * time (02:30 on the last Sunday of March in Paris) does not exist and is refused. A time that
 * occurs twice (02:30 on the last Sunday of October) designates two instants an hour apart: the
 * one the DPO chose (`fold`), the first by default, so that a deadline counts from the instant
 * meant (Art. 33(1): 72 hours from awareness, not from an hour earlier or later).
 */
export function toInstant(t: LocalTime): InstantResult {
  // Pure and asked again for the same few times of each incident (every clock, every list): kept
  // once computed, as Luxon's time-zone arithmetic costs about a millisecond a call (issue 15).
  const key = `${t.local}|${t.zone}|${t.fold ?? ''}`;
  let known = instants.get(key);
  if (!known) {
    if (instants.size >= MEMO_SIZE) instants.clear();
    known = computeInstant(t);
    instants.set(key, known);
  }
  return known;
}
const MEMO_SIZE = 20_000;
const instants = new Map<string, InstantResult>();

function computeInstant(t: LocalTime): InstantResult {
  if (!LOCAL_RE.test(t.local)) return { ok: false, error: 'format' };
  if (!isValidZone(t.zone)) return { ok: false, error: 'zone' };
  const dt = DateTime.fromISO(t.local, { zone: t.zone });
  if (!dt.isValid) return { ok: false, error: 'format' };
  // Luxon moves a skipped time forward; reading it back shows it moved.
  if (dt.toFormat("yyyy-MM-dd'T'HH:mm") !== t.local) return { ok: false, error: 'nonexistent' };
  const both = dt.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  const chosen = (t.fold === 'second' ? both[both.length - 1] : both[0]) ?? dt;
  return { ok: true, utc: chosen.toUTC().toISO({ suppressMilliseconds: true })!, offset: chosen.toFormat('ZZ') };
}

/**
 * The two offsets of a local time that occurs twice in its zone, first then second
 * (["+02:00", "+01:00"] for 2026-10-25T02:30 in Paris); null for any other time.
 */
export function repeatedOffsets(local: string, zone: string): readonly [string, string] | null {
  if (!LOCAL_RE.test(local) || !isValidZone(zone)) return null;
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid || dt.toFormat("yyyy-MM-dd'T'HH:mm") !== local) return null;
  const both = dt.getPossibleOffsets().sort((a, b) => a.toMillis() - b.toMillis());
  return both.length === 2 ? [both[0]!.toFormat('ZZ'), both[1]!.toFormat('ZZ')] : null;
}

/**
 * Where an instant falls in its zone: the local time, the offset, and, when that local time occurs
 * twice, which of the two it is (a deadline at 02:30 on the night clocks go back says which 02:30).
 */
export function localOf(utc: string, zone: string): Readonly<{ local: string; offset: string; fold: Fold | null }> | null {
  const dt = DateTime.fromISO(utc, { zone: 'utc' }).setZone(zone);
  if (!dt.isValid) return null;
  const local = dt.toFormat("yyyy-MM-dd'T'HH:mm");
  const both = repeatedOffsets(local, zone);
  const offset = dt.toFormat('ZZ');
  return { local, offset, fold: both ? (offset === both[0] ? 'first' : 'second') : null };
}

export type DeadlineKind = 'authority' | 'telecomInitial' | 'telecomComplementary' | 'controllerNotice' | 'regime';

export type Deadline = Readonly<{
  kind: DeadlineKind;
  /** Who is told, for a controller notice (the client controller's name). */
  party?: string;
  startUtc: string;
  hours: number;
  dueUtc: string;
  /** The due time in the zone the clock was started in, as the DPO reads it. */
  dueLocal: string;
  zone: string;
}>;

export function deadline(kind: DeadlineKind, startUtc: string, hours: number, zone: string, party?: string): Deadline {
  // The due instant and its local reading depend only on (start, hours, zone): kept, as toInstant.
  const key = `${startUtc}|${hours}|${zone}`;
  let due = dues.get(key);
  if (!due) {
    if (dues.size >= MEMO_SIZE) dues.clear();
    const at = DateTime.fromISO(startUtc, { zone: 'utc' }).plus({ hours });
    due = { dueUtc: at.toISO({ suppressMilliseconds: true })!, dueLocal: at.setZone(zone).toFormat("yyyy-MM-dd'T'HH:mm") };
    dues.set(key, due);
  }
  return {
    kind,
    ...(party !== undefined ? { party } : {}),
    startUtc,
    hours,
    dueUtc: due.dueUtc,
    dueLocal: due.dueLocal,
    zone,
  };
}
const dues = new Map<string, Readonly<{ dueUtc: string; dueLocal: string }>>();

export type ClockState = Readonly<{
  /** Milliseconds left (positive) or overdue (negative). */
  remainingMs: number;
  overdue: boolean;
  /** Whole hours and minutes left, or late when overdue: { hours: 5, minutes: 12 }. */
  hours: number;
  minutes: number;
}>;

/** Where a deadline stands at `nowUtc`; `doneUtc` stops the clock (the notification was sent). */
export function clockState(d: Pick<Deadline, 'dueUtc'>, nowUtc: string, doneUtc?: string): ClockState {
  const end = DateTime.fromISO(doneUtc ?? nowUtc, { zone: 'utc' });
  const remainingMs = DateTime.fromISO(d.dueUtc, { zone: 'utc' }).toMillis() - end.toMillis();
  const abs = Duration.fromMillis(Math.abs(remainingMs)).shiftTo('hours', 'minutes');
  return { remainingMs, overdue: remainingMs < 0, hours: Math.floor(abs.hours), minutes: Math.floor(abs.minutes) };
}

/** GDPR Art. 33(1): 72 hours from awareness. */
export const AUTHORITY_HOURS = 72;
/** Regulation 611/2013: 24 hours from detection for telecom providers; the second notification within 3 days of the first. */
export const TELECOM_INITIAL_HOURS = 24;
export const TELECOM_COMPLEMENTARY_HOURS = 72;
/** Processor to controller: the contract's delay; 48 hours as in the seed contracts when the contract says nothing else. */
export const DEFAULT_CONTROLLER_NOTICE_HOURS = 48;

export type ClockInput = Readonly<{
  awarenessUtc: string;
  detectionUtc: string;
  zone: string;
  telecom: boolean;
  /** Present when the organisation acts as processor: each client controller and its contractual delay. */
  controllers: ReadonlyArray<Readonly<{ name: string; hours: number }>>;
  initialNotificationUtc?: string;
}>;

/** Every deadline that runs for an incident. */
export function deadlinesFor(input: ClockInput): Deadline[] {
  const out = [deadline('authority', input.awarenessUtc, AUTHORITY_HOURS, input.zone)];
  if (input.telecom) {
    out.push(deadline('telecomInitial', input.detectionUtc, TELECOM_INITIAL_HOURS, input.zone));
    if (input.initialNotificationUtc) out.push(deadline('telecomComplementary', input.initialNotificationUtc, TELECOM_COMPLEMENTARY_HOURS, input.zone));
  }
  for (const c of input.controllers) out.push(deadline('controllerNotice', input.awarenessUtc, c.hours, input.zone, c.name));
  return out;
}
