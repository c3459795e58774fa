/**
 * Dated obligations (issue 16): every date by which the DPO must do something, read from the
 * records where each date lives (one fact, one place): the register's review dates, the
 * suppliers' audits, questionnaires, certifications and corrective actions, the transfers' DPF
 * re-checks and impact-assessment re-evaluations, the incidents' running clocks. The "This week"
 * panel, the start-up reminders, the desktop notifications and the .ics calendar all read this list.
 */
import { translate } from '../i18n';
import type { Language } from './enums';

export const OBLIGATION_KINDS = [
  'breachClock',
  'review',
  'auditDue',
  'questionnaireDue',
  'actionDue',
  'certificationExpiry',
  'dpfRecheck',
  'tiaReview',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export type ObligationEntity = 'register_entry' | 'supplier' | 'transfer' | 'breach';

export type Obligation = Readonly<{
  /** Stable across exports, so that a calendar re-importing the file updates the event instead of adding one. */
  uid: string;
  kind: ObligationKind;
  entity: ObligationEntity;
  entityId: string;
  /** The register kind, for a register entry (to link to it). */
  registerKind?: 'controller' | 'processor';
  /** The item's reference as the DPO knows it: the record's or incident's reference, the supplier's name, the transfer's title. */
  ref: string;
  /** The item's name (record name, incident title, certification label, action title…). */
  name: string;
  /** YYYY-MM-DD for a day; an ISO UTC instant for a breach clock. */
  due: string;
  allDay: boolean;
  /** Translation parameters of the title (party, hours, regime step). */
  params: Readonly<Record<string, string | number>>;
  /** Changes when the item changes (its version), so that calendars take the update. */
  sequence: number;
}>;

/** One stable identifier per obligation: its kind, the item, and the sub-item (certification, action, clock). */
export function obligationUid(kind: ObligationKind, entityId: string, key = ''): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, (c) => `_${c.charCodeAt(0).toString(16)}`);
  return `${kind}-${safe(entityId)}${key ? `-${safe(key)}` : ''}@dpo-desk`;
}

/** The day (YYYY-MM-DD, UTC) of an obligation, for windows and sorting. */
export function dueDay(o: Pick<Obligation, 'due' | 'allDay'>): string {
  return o.allDay ? o.due : o.due.slice(0, 10);
}

/** Whether an obligation falls between `from` and `to` (days, inclusive; '' = open-ended). */
export function inWindow(o: Pick<Obligation, 'due' | 'allDay'>, from: string, to: string): boolean {
  const day = dueDay(o);
  return (from === '' || day >= from) && (to === '' || day <= to);
}

/** The most urgent first: the earliest due, clocks (which carry a time) before whole days on the same day. */
export function byUrgency(a: Obligation, b: Obligation): number {
  return dueDay(a).localeCompare(dueDay(b)) || Number(a.allDay) - Number(b.allDay) || a.due.localeCompare(b.due) || a.uid.localeCompare(b.uid);
}

const DAY = 86_400_000;
const plusDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** "This week": what is late or due within the next 7 days (issue 16). Late items stay until they are dealt with. */
export const THIS_WEEK_DAYS = 7;
export function thisWeekWindow(today: string): Readonly<{ from: string; to: string }> {
  return { from: '', to: plusDays(today, THIS_WEEK_DAYS) };
}

/** A running breach clock due within 6 hours (issue 16: a desktop notification then), or already past. */
export const CLOCK_ALERT_HOURS = 6;
export function clockNeedsAlert(o: Pick<Obligation, 'kind' | 'due'>, nowUtc: string): boolean {
  return o.kind === 'breachClock' && Date.parse(o.due) - Date.parse(nowUtc) <= CLOCK_ALERT_HOURS * 3_600_000;
}

/** An item due today or late (issue 16: a desktop notification for items due today). */
export function dueByToday(o: Pick<Obligation, 'due' | 'allDay'>, today: string): boolean {
  return dueDay(o) <= today;
}

/** What to do, in the user's language: "Revoir le traitement T-001 – Paie", "INC-2026-003 – Notification à l’autorité (72 h) : …". */
export function obligationTitle(lang: Language, o: Pick<Obligation, 'kind' | 'ref' | 'name' | 'params'>): string {
  const p = o.params;
  const clock =
    o.kind !== 'breachClock' ? '' : p.clock === 'regime' ? String(lang === 'fr' ? p.labelFr : p.labelEn) : translate(lang, `breach.clock.${String(p.clock)}`, { party: p.party ?? '', hours: p.hours ?? '' });
  return translate(lang, `obligation.title.${o.kind}`, { ref: o.ref, name: o.name, clock });
}

export type WeekSummary = Readonly<{
  today: string;
  to: string;
  total: number;
  late: number;
  dueToday: number;
  byKind: Readonly<Partial<Record<ObligationKind, Readonly<{ total: number; late: number }>>>>;
  /** The reviews by register (a review chip opens one register, so one chip per register concerned). */
  reviewsIn: Readonly<Record<'controller' | 'processor', Readonly<{ total: number; late: number }>>>;
  /** The most urgent items, at most `top` of them. */
  top: ReadonlyArray<Obligation>;
}>;

/** "This week" counted by kind, with the most urgent items first (a summary, not thousands of rows: issue 15). */
/**
 * Reviews counted by the database rather than listed (thousands of records may be due at once):
 * by register, all of them, those late (before today) and those due today; the list then holds
 * only the most urgent reviews (at least `top` of them, in the order byUrgency gives).
 */
export type CountedReviews = Readonly<Record<'controller' | 'processor', Readonly<{ total: number; late: number; today: number }>>>;

export function summariseWeek(obligations: ReadonlyArray<Obligation>, today: string, nowUtc: string, top = 10, counted?: CountedReviews): WeekSummary {
  const { to } = thisWeekWindow(today);
  const inWeek = obligations.filter((o) => inWindow(o, '', to)).slice().sort(byUrgency);
  const isLate = (o: Obligation) => (o.allDay ? o.due < today : o.due < nowUtc);
  const byKind: Partial<Record<ObligationKind, { total: number; late: number }>> = {};
  const reviewsIn = { controller: { total: 0, late: 0 }, processor: { total: 0, late: 0 } };
  let total = 0;
  let late = 0;
  let dueToday = 0;
  for (const o of inWeek) {
    if (counted && o.kind === 'review') continue; // counted below
    const k = (byKind[o.kind] ??= { total: 0, late: 0 });
    total++;
    k.total++;
    if (isLate(o)) {
      late++;
      k.late++;
    } else if (dueDay(o) === today) dueToday++;
    if (o.kind === 'review') {
      const r = reviewsIn[o.registerKind ?? 'controller'];
      r.total++;
      if (isLate(o)) r.late++;
    }
  }
  if (counted) {
    for (const kind of ['controller', 'processor'] as const) {
      const c = counted[kind];
      if (c.total === 0) continue;
      const k = (byKind.review ??= { total: 0, late: 0 });
      k.total += c.total;
      k.late += c.late;
      reviewsIn[kind] = { total: c.total, late: c.late };
      total += c.total;
      late += c.late;
      dueToday += c.today;
    }
  }
  return { today, to, total, late, dueToday, byKind, reviewsIn, top: inWeek.slice(0, top) };
}

/** A desktop notification to show: one per breach clock, or one for the day's items together. */
export type DueNotification = Readonly<{ key: string; kind: 'clock' | 'day'; items: ReadonlyArray<Obligation> }>;

/**
 * What the desktop app notifies (issue 16), each once: a running breach clock within
 * CLOCK_ALERT_HOURS (one notification per clock), and the items due today or late (one
 * notification a day for all of them together: a register with hundreds of overdue reviews must
 * not raise hundreds of notifications). `sent` holds the keys already shown.
 */
export function dueNotifications(obligations: ReadonlyArray<Obligation>, today: string, nowUtc: string, sent: ReadonlySet<string>): DueNotification[] {
  const out: DueNotification[] = [];
  for (const o of obligations) {
    if (o.kind === 'breachClock' && clockNeedsAlert(o, nowUtc) && !sent.has(`clock:${o.uid}`)) out.push({ key: `clock:${o.uid}`, kind: 'clock', items: [o] });
  }
  const day = obligations.filter((o) => o.allDay && dueByToday(o, today)).sort(byUrgency);
  if (day.length && !sent.has(`day:${today}`)) out.push({ key: `day:${today}`, kind: 'day', items: day });
  return out;
}
