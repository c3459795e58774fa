import { describe, expect, it } from 'vitest';
import { dateInputPlaceholder, formatDateInput, parseDateInput } from '../../shared/date-input';

describe('date fields in the app language’s format (issue 16: the same date format on every screen)', () => {
  it('shows an ISO value day first, with the time in 24 hours', () => {
    expect(formatDateInput('2026-11-24', false)).toBe('24/11/2026');
    expect(formatDateInput('2026-03-05T09:05', true)).toBe('05/03/2026 09:05');
    expect(formatDateInput('2026-03-05T09:05:00', true)).toBe('05/03/2026 09:05');
    expect(formatDateInput('', false)).toBe('');
    expect(formatDateInput('31/02', false)).toBe('31/02'); // what the user is typing stays as typed
  });

  it('reads a day-first date and gives the ISO value kept in the form', () => {
    expect(parseDateInput('24/11/2026', false)).toEqual({ ok: true, value: '2026-11-24' });
    expect(parseDateInput(' 1.2.2026 ', false)).toEqual({ ok: true, value: '2026-02-01' });
    expect(parseDateInput('01-02-2026', false)).toEqual({ ok: true, value: '2026-02-01' });
    expect(parseDateInput('05/03/2026 9:05', true)).toEqual({ ok: true, value: '2026-03-05T09:05' });
    expect(parseDateInput('05/03/2026 14h30', true)).toEqual({ ok: true, value: '2026-03-05T14:30' });
    expect(parseDateInput('', true)).toEqual({ ok: true, value: '' });
  });

  it('reads an ISO date typed or pasted (it cannot be taken for a day-first one)', () => {
    expect(parseDateInput('2026-11-24', false)).toEqual({ ok: true, value: '2026-11-24' });
    expect(parseDateInput('2026-11-24T08:00', true)).toEqual({ ok: true, value: '2026-11-24T08:00' });
  });

  it('refuses what is not a date, never rolling an impossible day over to the next month', () => {
    for (const bad of ['31/02/2026', '24/13/2026', '24/11/26', '11/24', 'demain', '24/11/2026 25:00', '24/11/2026 10:61']) {
      expect(parseDateInput(bad, bad.includes(' ')), bad).toEqual({ ok: false });
    }
    expect(parseDateInput('24/11/2026', true)).toEqual({ ok: false }); // a time is asked for
    expect(parseDateInput('24/11/2026 10:00', false)).toEqual({ ok: false }); // a day is asked for
  });

  it('says the format in the user’s words', () => {
    expect(dateInputPlaceholder('fr', false)).toBe('jj/mm/aaaa');
    expect(dateInputPlaceholder('en', true)).toBe('dd/mm/yyyy hh:mm');
  });
});
