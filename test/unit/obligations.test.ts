import { describe, expect, it } from 'vitest';
import { isReviewDueBy } from '../../shared/domain/review';
import { clockNeedsAlert, dueNotifications, obligationUid, summariseWeek, thisWeekWindow, type Obligation } from '../../shared/domain/obligations';

const day = (kind: Obligation['kind'], id: string, due: string): Obligation => ({ uid: obligationUid(kind, id), kind, entity: 'register_entry', entityId: id, ref: id, name: `Item ${id}`, due, allDay: true, params: {}, sequence: 1 });
const clock = (id: string, due: string): Obligation => ({ ...day('breachClock', id, due), entity: 'breach', allDay: false, params: { clock: 'authority', hours: 72, party: '' } });

const today = '2026-11-24';
const now = '2026-11-24T09:00:00.000Z';

describe('This week and reminders (issue 16)', () => {
  it('Art. 24(1): a review is due by a day when its date is on or before it (late included), the record not archived', () => {
    const by = '2026-12-01';
    expect(isReviewDueBy({ nextReview: '2026-10-01', status: 'active' }, by)).toBe(true); // late
    expect(isReviewDueBy({ nextReview: by, status: 'draft' }, by)).toBe(true); // the last day counts
    expect(isReviewDueBy({ nextReview: '2026-12-02', status: 'active' }, by)).toBe(false);
    expect(isReviewDueBy({ nextReview: '', status: 'active' }, by)).toBe(false);
    expect(isReviewDueBy({ nextReview: '2026-10-01', status: 'archived' }, by)).toBe(false);
  });

  it('This week counts the reviews by register (a chip opens one register)', () => {
    const review = (id: string, registerKind: 'controller' | 'processor', due: string): Obligation => ({ ...day('review', id, due), registerKind });
    const w = summariseWeek([review('a', 'controller', '2026-10-01'), review('b', 'processor', '2026-11-30'), review('c', 'processor', '2026-12-05')], today, now);
    expect(w.reviewsIn).toEqual({ controller: { total: 1, late: 1 }, processor: { total: 1, late: 0 } });
  });

  it('This week: late items and items due within 7 days, counted by kind, the most urgent first', () => {
    expect(thisWeekWindow(today)).toEqual({ from: '', to: '2026-12-01' });
    const items = [day('review', 'a', '2026-10-01'), day('review', 'b', '2026-11-24'), day('auditDue', 'c', '2026-12-01'), day('auditDue', 'd', '2026-12-02'), clock('e', '2026-11-24T20:00:00.000Z')];
    const w = summariseWeek(items, today, now, 3);
    expect(w.total).toBe(4); // d is due after the week
    expect(w.late).toBe(1);
    expect(w.dueToday).toBe(2); // b and the clock due tonight
    expect(w.byKind).toEqual({ review: { total: 2, late: 1 }, auditDue: { total: 1, late: 0 }, breachClock: { total: 1, late: 0 } });
    expect(w.top.map((o) => o.entityId)).toEqual(['a', 'e', 'b']); // on the same day, the clock (a time) before the whole day
  });

  it('a breach clock is notified once it is within 6 hours, once per clock', () => {
    expect(clockNeedsAlert(clock('x', '2026-11-24T15:00:00.000Z'), now)).toBe(true);
    expect(clockNeedsAlert(clock('x', '2026-11-24T15:00:01.000Z'), now)).toBe(false);
    const c = clock('x', '2026-11-24T14:00:00.000Z');
    const first = dueNotifications([c], today, now, new Set());
    expect(first.map((n) => n.kind)).toEqual(['clock']);
    expect(dueNotifications([c], today, now, new Set(first.map((n) => n.key)))).toEqual([]);
  });

  it('the items due today or late make one notification a day, not one each', () => {
    const many = Array.from({ length: 300 }, (_, i) => day('review', `r${i}`, i % 2 ? '2026-11-24' : '2026-09-01'));
    const later = day('review', 'later', '2026-11-25');
    const n = dueNotifications([...many, later], today, now, new Set());
    expect(n).toHaveLength(1);
    expect(n[0]!.items).toHaveLength(300);
    expect(dueNotifications(many, today, now, new Set([n[0]!.key]))).toEqual([]);
    expect(dueNotifications(many, '2026-11-25', '2026-11-25T09:00:00.000Z', new Set([n[0]!.key]))).toHaveLength(1); // the next day, again
  });
});
