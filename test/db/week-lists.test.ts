import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/core/services/demo.service';
import { listSummaries, updateEntry, getEntry } from '../../electron/core/services/register.service';
import { OBLIGATION_KINDS } from '../../shared/domain/obligations';
import { isReviewDueBy } from '../../shared/domain/review';
import type { ControllerDoc } from '../../shared/domain/register';
import { call, testCore } from '../helpers';

let t: ReturnType<typeof testCore>;
beforeEach(() => {
  t = testCore();
  loadDemo(t.core);
});
afterEach(() => t.cleanup());

const windowTotal = async (kind: 'controller' | 'processor', dueBy: string) =>
  (await call(t.core, 'register:window', { kind, scope: 'live', offset: 0, limit: 500, filter: { quick: 'reviewDue', dueBy } })).total;

describe('This week: each chip counts what its list shows (issue 16)', () => {
  it('the review chip of each register equals the register filtered by "review due by" the week’s last day', async () => {
    const week = await call(t.core, 'obligations:week', {});
    let checked = 0;
    for (const kind of ['controller', 'processor'] as const) {
      const expected = listSummaries(t.core, kind, 'live').filter((s) => isReviewDueBy(s, week.to)).length;
      expect(week.reviewsIn[kind].total).toBe(expected);
      expect(await windowTotal(kind, week.to)).toBe(week.reviewsIn[kind].total);
      checked += week.reviewsIn[kind].total;
    }
    expect(checked).toBe(week.byKind.review?.total ?? 0);
    expect(checked).toBeGreaterThan(0); // the demo has reviews due this week
  });

  it('the last day of the week counts; the day after, an archived record or no date count neither in the chip nor in the list', async () => {
    const week = await call(t.core, 'obligations:week', {});
    const open = listSummaries(t.core, 'controller', 'live').filter((s) => s.status !== 'archived');
    expect(open.length).toBeGreaterThan(3);
    const dayAfter = new Date(Date.parse(`${week.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const move = (id: string, change: Partial<ControllerDoc>) => {
      const e = getEntry(t.core, id);
      updateEntry(t.core, id, 'controller', e.version, { ...(e.doc as ControllerDoc), ...change });
    };
    move(open[0]!.id, { nextReview: week.to });
    move(open[1]!.id, { nextReview: dayAfter });
    move(open[2]!.id, { nextReview: week.to, status: 'archived' });
    move(open[3]!.id, { nextReview: '' });
    const after = await call(t.core, 'obligations:week', {});
    const expected = listSummaries(t.core, 'controller', 'live').filter((s) => isReviewDueBy(s, after.to));
    expect(expected.map((s) => s.id)).toContain(open[0]!.id);
    expect(expected.map((s) => s.id)).not.toContain(open[1]!.id);
    expect(expected.map((s) => s.id)).not.toContain(open[2]!.id);
    expect(after.reviewsIn.controller.total).toBe(expected.length);
    expect(await windowTotal('controller', after.to)).toBe(expected.length);
    const rows = (await call(t.core, 'register:window', { kind: 'controller', scope: 'live', offset: 0, limit: 500, filter: { quick: 'reviewDue', dueBy: after.to } })).rows;
    expect(rows.map((r) => r.id).sort()).toEqual(expected.map((s) => s.id).sort());
  });

  it('every other chip equals the rows of its own list (#/week/<kind>)', async () => {
    const week = await call(t.core, 'obligations:week', {});
    const kinds = OBLIGATION_KINDS.filter((k) => k !== 'review' && week.byKind[k]);
    expect(kinds.length).toBeGreaterThan(1); // the demo has clocks and supplier or transfer items this week
    for (const kind of kinds) {
      const items = await call(t.core, 'obligations:items', { kind });
      expect(items.length, kind).toBe(week.byKind[kind]!.total);
      expect(items.every((o) => o.kind === kind && (o.allDay ? o.due : o.due.slice(0, 10)) <= week.to)).toBe(true);
    }
    const chips = OBLIGATION_KINDS.reduce((n, k) => n + (week.byKind[k]?.total ?? 0), 0);
    expect(chips).toBe(week.total);
  });
});

describe('This week at scale (issue 15): reviews counted by the database', () => {
  it('gives exactly the summary of the whole list (counts by kind and register, late, due today, the ten most urgent), with reviews late, due today, this week and later', async () => {
    const { listObligations } = await import('../../electron/core/services/obligations.service');
    const { summariseWeek, thisWeekWindow } = await import('../../shared/domain/obligations');
    const { todayIso } = await import('../../shared/domain/validation');
    const today = todayIso(t.core.now());
    const day = (n: number) => new Date(Date.parse(`${today}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // Spread the demo's open records over late, today, this week and later, with ties on a day.
    const open = [...listSummaries(t.core, 'controller', 'live'), ...listSummaries(t.core, 'processor', 'live')].filter((s) => s.status !== 'archived');
    expect(open.length).toBeGreaterThan(12);
    open.forEach((s, i) => {
      const e = getEntry(t.core, s.id);
      updateEntry(t.core, s.id, s.kind, e.version, { ...e.doc, nextReview: day([-40, -3, -3, 0, 0, 2, 7, 8, 30][i % 9]!) } as never);
    });
    const week = await call(t.core, 'obligations:week', {});
    const plain = summariseWeek(listObligations(t.core, thisWeekWindow(today)), today, t.core.now().toISOString());
    expect(week).toEqual(plain);
    expect(week.byKind.review!.late).toBeGreaterThan(0);
    expect(week.dueToday).toBeGreaterThan(0);
    expect(week.top).toHaveLength(10);
  });
});
