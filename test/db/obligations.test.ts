import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { loadDemo } from '../../electron/core/services/demo.service';
import { listObligations, thisWeek } from '../../electron/core/services/obligations.service';
import { pendingReminders } from '../../electron/core/services/reminders';
import { call } from '../helpers';
import { prepareCalendar } from '../../electron/core/export/calendar.service';
import { listSummaries, getEntry, updateEntry } from '../../electron/core/services/register.service';
import { listTransfers, getTransfer } from '../../electron/core/services/transfer.service';
import { listBreaches } from '../../electron/core/services/breach.service';
import { dpfRecheckOn } from '../../shared/domain/transfer';
import { obligationTitle, thisWeekWindow, type Obligation } from '../../shared/domain/obligations';
import type { ControllerDoc } from '../../shared/domain/register';
import { testCore } from '../helpers';

let t: ReturnType<typeof testCore>;
beforeEach(() => {
  t = testCore();
  loadDemo(t.core);
});
afterEach(() => t.cleanup());

const today = () => t.core.now().toISOString().slice(0, 10);

/** The calendar parsed by a real iCalendar library (ical.js), not by matching strings. */
function parse(buffer: Buffer) {
  const cal = new ICAL.Component(ICAL.parse(buffer.toString('utf8')));
  return cal.getAllSubcomponents('vevent').map((v) => {
    const e = new ICAL.Event(v);
    return { uid: e.uid, summary: e.summary, description: e.description, start: e.startDate, sequence: e.sequence, alarms: v.getAllSubcomponents('valarm').length };
  });
}

describe('dated obligations', () => {
  it('lists every review date of a record not archived, on the date stored in the record', () => {
    const records = [...listSummaries(t.core, 'controller', 'live'), ...listSummaries(t.core, 'processor', 'live')].filter((s) => s.status !== 'archived' && s.nextReview !== '');
    const reviews = listObligations(t.core).filter((o) => o.kind === 'review');
    expect(reviews.length).toBe(records.length);
    for (const r of records) expect(reviews.find((o) => o.entityId === r.id)).toMatchObject({ due: r.nextReview, ref: r.ref, allDay: true });
  });

  it('DPF re-check: 12 months after the last check of the List (Decision (EU) 2023/1795, annual re-certification)', () => {
    expect(dpfRecheckOn('2026-03-15')).toBe('2027-03-15');
    const dpf = listTransfers(t.core, 'live').map((s) => getTransfer(t.core, s.id)).filter((e) => e.doc.mechanism === 'DPF' && e.doc.dpf.certified && e.doc.dpf.checkedOn);
    expect(dpf.length).toBeGreaterThan(0); // the demo has a DPF transfer
    const found = listObligations(t.core).filter((o) => o.kind === 'dpfRecheck');
    expect(found.map((o) => [o.entityId, o.due]).sort()).toEqual(dpf.map((e) => [e.id, dpfRecheckOn(e.doc.dpf.checkedOn)]).sort());
  });

  it('lists the running clocks of open incidents as instants, and none of a closed incident', () => {
    const open = listBreaches(t.core, 'live').filter((b) => b.status !== 'closed');
    const running = open.flatMap((b) => b.clocks.filter((c) => !c.stoppedUtc && !c.waived).map((c) => c.dueUtc));
    const clocks = listObligations(t.core).filter((o) => o.kind === 'breachClock');
    expect(running.length).toBeGreaterThan(0); // the demo's open incident has its clock running
    expect(clocks.map((o) => o.due).sort()).toEqual(running.sort());
    expect(clocks.every((o) => !o.allDay && open.some((b) => b.id === o.entityId))).toBe(true);
  });

  it('orders the most urgent first and keeps the window asked for', () => {
    const all = listObligations(t.core);
    const days = all.map((o) => (o.allDay ? o.due : o.due.slice(0, 10)));
    expect(days).toEqual([...days].sort());
    const week = listObligations(t.core, thisWeekWindow(today()));
    expect(week.length).toBeLessThan(all.length);
    expect(week.every((o) => (o.allDay ? o.due : o.due.slice(0, 10)) <= thisWeekWindow(today()).to)).toBe(true);
  });

  it('gives each obligation its own stable identifier', () => {
    const uids = listObligations(t.core).map((o) => o.uid);
    expect(new Set(uids).size).toBe(uids.length);
    expect(listObligations(t.core).map((o) => o.uid)).toEqual(uids);
  });

  it('titles each obligation in French and English with its reference', () => {
    const review = listObligations(t.core).find((o) => o.kind === 'review')!;
    expect(obligationTitle('fr', review)).toBe(`Revoir le traitement ${review.ref} – ${review.name}`);
    expect(obligationTitle('en', review)).toBe(`Review processing ${review.ref} – ${review.name}`);
    const clock = listObligations(t.core).find((o) => o.kind === 'breachClock')!;
    expect(obligationTitle('fr', clock)).toMatch(new RegExp(`^${clock.ref} – .+ : ${clock.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect(obligationTitle('en', clock)).not.toContain(' :');
  });
});

describe('the .ics calendar', () => {
  it('holds one event per obligation, parsed by ical.js, with its date, reference and a reminder', () => {
    const obligations = listObligations(t.core);
    const { buffer, events } = prepareCalendar(t.core, { language: 'fr', from: '', to: '' });
    const parsed = parse(buffer);
    expect(events).toBe(obligations.length);
    expect(parsed.map((e) => e.uid)).toEqual(obligations.map((o) => o.uid));
    for (const [i, o] of obligations.entries()) {
      const e = parsed[i]!;
      expect(e.summary).toBe(obligationTitle('fr', o));
      expect(e.description).toContain(`Référence : ${o.ref}`);
      expect(e.alarms).toBeGreaterThan(0);
      if (o.allDay) {
        expect(e.start.isDate).toBe(true);
        expect(e.start.toString()).toBe(o.due);
      } else {
        expect(e.start.toJSDate().toISOString()).toBe(new Date(o.due).toISOString());
      }
    }
  });

  it('keeps the same UID when exported again and raises SEQUENCE when the item changed, so a calendar updates instead of duplicating', () => {
    const before = parse(prepareCalendar(t.core, { language: 'en', from: '', to: '' }).buffer);
    const s = listSummaries(t.core, 'controller', 'live').find((x) => x.status !== 'archived' && x.nextReview)!;
    const entry = getEntry(t.core, s.id);
    updateEntry(t.core, s.id, 'controller', entry.version, { ...(entry.doc as ControllerDoc), nextReview: '2027-06-30' });
    const after = parse(prepareCalendar(t.core, { language: 'en', from: '', to: '' }).buffer);
    expect(new Set(after.map((e) => e.uid))).toEqual(new Set(before.map((e) => e.uid)));
    const uid = listObligations(t.core).find((o) => o.kind === 'review' && o.entityId === s.id)!.uid;
    const old = before.find((e) => e.uid === uid)!;
    const now = after.find((e) => e.uid === uid)!;
    expect(now.start.toString()).toBe('2027-06-30');
    expect(now.sequence).toBeGreaterThan(old.sequence);
  });

  it('keeps only the window asked for', () => {
    const from = today();
    const to = thisWeekWindow(from).to;
    const parsed = parse(prepareCalendar(t.core, { language: 'fr', from, to }).buffer);
    const expected = listObligations(t.core, { from, to });
    expect(parsed.map((e) => e.uid)).toEqual(expected.map((o: Obligation) => o.uid));
  });
});

describe('This week and the desktop reminders on the demo register', () => {
  it('answers the panel through the contract: counts by kind that add up, the most urgent first, at most ten', async () => {
    const week = await call(t.core, 'obligations:week', {});
    expect(week.today).toBe(today());
    const sum = Object.values(week.byKind).reduce((n, k) => n + k!.total, 0);
    expect(sum).toBe(week.total);
    expect(week.top.length).toBe(Math.min(10, week.total));
    expect(week.top.map((o) => o.uid)).toEqual(listObligations(t.core, { from: '', to: week.to }).slice(0, 10).map((o) => o.uid));
    expect(week.byKind.breachClock?.total).toBeGreaterThan(0); // the demo's open incident
  });

  it('notifies the running breach clock within 6 hours once, and the items of the day once', () => {
    const sent = new Set<string>();
    const first = pendingReminders(t.core, 'fr', sent);
    const clocks = listObligations(t.core).filter((o) => o.kind === 'breachClock' && Date.parse(o.due) - t.core.now().getTime() <= 6 * 3_600_000);
    expect(first.filter((r) => r.key.startsWith('clock:')).length).toBe(clocks.length);
    for (const r of first) {
      expect(r.title).not.toMatch(/obligation\./); // translated, not a key
      sent.add(r.key);
    }
    expect(pendingReminders(t.core, 'fr', sent)).toEqual([]);
  });

  it('calendar export through the contract refuses an end before the start, next to the field', async () => {
    const { callResult } = await import('../helpers');
    const r = await callResult(t.core, 'obligations:calendar', { language: 'fr', from: '2026-12-02', to: '2026-12-01' });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'to', message: 'dateOrder' }] } });
    const ok = await call(t.core, 'obligations:calendar', { language: 'en', from: '', to: '' });
    expect(ok.fileName).toMatch(/^dpo-deadlines-2026-11-\d\d\.ics$/);
    expect(Buffer.from(ok.base64!, 'base64').toString('utf8')).toContain('BEGIN:VCALENDAR');
  });
});
