import { describe, expect, it } from 'vitest';
import { clockState, deadline, deadlinesFor, toInstant } from '../../shared/domain/breach-clock';

const instant = (local: string, zone: string) => {
  const r = toInstant({ local, zone });
  if (!r.ok) throw new Error(r.error);
  return r.utc;
};

describe('breach deadlines across time zones and clock changes', () => {
  it('72 hours from 2026-03-28 22:30 in Paris ends at 23:30 local, after the change to summer time', () => {
    const start = instant('2026-03-28T22:30', 'Europe/Paris');
    expect(start).toBe('2026-03-28T21:30:00Z'); // CET, UTC+1
    const d = deadline('authority', start, 72, 'Europe/Paris');
    expect(d.dueUtc).toBe('2026-03-31T21:30:00Z');
    expect(d.dueLocal).toBe('2026-03-31T23:30'); // CEST, UTC+2
  });

  it('72 hours from 2026-10-24 23:00 in Paris ends at 22:00 local, after the change back', () => {
    const start = instant('2026-10-24T23:00', 'Europe/Paris');
    expect(start).toBe('2026-10-24T21:00:00Z'); // CEST, UTC+2
    const d = deadline('authority', start, 72, 'Europe/Paris');
    expect(d.dueUtc).toBe('2026-10-27T21:00:00Z');
    expect(d.dueLocal).toBe('2026-10-27T22:00'); // CET, UTC+1
  });

  it('works in another zone, with its own clock change (New York, second Sunday of March)', () => {
    const start = instant('2026-03-07T10:00', 'America/New_York'); // EST, UTC-5
    expect(start).toBe('2026-03-07T15:00:00Z');
    const d = deadline('authority', start, 72, 'America/New_York');
    expect(d.dueLocal).toBe('2026-03-10T11:00'); // EDT, UTC-4
    expect(deadline('authority', instant('2026-06-01T09:00', 'Asia/Tokyo'), 72, 'Asia/Tokyo').dueUtc).toBe('2026-06-04T00:00:00Z');
  });

  it('refuses a time that does not exist, a bad zone and a bad format; takes the first of a repeated time', () => {
    expect(toInstant({ local: '2026-03-29T02:30', zone: 'Europe/Paris' })).toEqual({ ok: false, error: 'nonexistent' });
    expect(toInstant({ local: '2026-03-28T22:30', zone: 'Europe/Lutece' })).toEqual({ ok: false, error: 'zone' });
    expect(toInstant({ local: '28/03/2026 22:30', zone: 'Europe/Paris' })).toEqual({ ok: false, error: 'format' });
    expect(toInstant({ local: '2026-02-30T10:00', zone: 'Europe/Paris' })).toEqual({ ok: false, error: 'format' });
    expect(toInstant({ local: '2026-10-25T02:30', zone: 'Europe/Paris' })).toEqual({ ok: true, utc: '2026-10-25T00:30:00Z', offset: '+02:00' });
  });
});

describe('time left and overdue', () => {
  const d = deadline('authority', '2026-03-28T21:30:00Z', 72, 'Europe/Paris'); // due 2026-03-31T21:30Z
  it('counts down, then counts how late', () => {
    expect(clockState(d, '2026-03-31T16:18:00Z')).toEqual({ remainingMs: (5 * 60 + 12) * 60_000, overdue: false, hours: 5, minutes: 12 });
    expect(clockState(d, '2026-04-01T23:00:00Z')).toMatchObject({ overdue: true, hours: 25, minutes: 30 });
    expect(clockState(d, '2026-03-31T21:30:00Z')).toMatchObject({ overdue: false, remainingMs: 0 });
  });
  it('stops when the notification is sent', () => {
    expect(clockState(d, '2026-04-05T00:00:00Z', '2026-03-30T09:00:00Z')).toMatchObject({ overdue: false, hours: 36, minutes: 30 });
    expect(clockState(d, '2026-04-05T00:00:00Z', '2026-04-01T09:30:00Z')).toMatchObject({ overdue: true, hours: 12, minutes: 0 });
  });
});

describe('which clocks run', () => {
  it('authority always; telecom 24 h from detection and the second notice 3 days after the first; each client controller its own delay', () => {
    const ds = deadlinesFor({
      awarenessUtc: '2026-05-04T08:00:00Z',
      detectionUtc: '2026-05-04T06:00:00Z',
      zone: 'Europe/Paris',
      telecom: true,
      initialNotificationUtc: '2026-05-04T20:00:00Z',
      controllers: [
        { name: 'Client A', hours: 48 },
        { name: 'Client B', hours: 24 },
      ],
    });
    expect(ds.map((d) => [d.kind, d.party ?? '', d.dueUtc])).toEqual([
      ['authority', '', '2026-05-07T08:00:00Z'],
      ['telecomInitial', '', '2026-05-05T06:00:00Z'],
      ['telecomComplementary', '', '2026-05-07T20:00:00Z'],
      ['controllerNotice', 'Client A', '2026-05-06T08:00:00Z'],
      ['controllerNotice', 'Client B', '2026-05-05T08:00:00Z'],
    ]);
  });
});
