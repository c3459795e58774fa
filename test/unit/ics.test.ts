import { describe, expect, it } from 'vitest';
import ICAL from 'ical.js';
import { escapeText, foldLine, writeCalendar } from '../../electron/core/export/ics';
import type { Obligation } from '../../shared/domain/obligations';

const review: Obligation = {
  uid: 'review-abc@dpo-desk',
  kind: 'review',
  entity: 'register_entry',
  entityId: 'abc',
  registerKind: 'controller',
  ref: 'T-001',
  name: 'Gestion de la paie, des congés; et des absences — établissement de Châtillon-sur-Chalaronne (Ain), service « Ressources humaines »',
  due: '2026-12-31',
  allDay: true,
  params: {},
  sequence: 1795000000,
};

describe('iCalendar writing (RFC 5545)', () => {
  it('§3.3.11: escapes backslash, semicolon, comma and newlines in text', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('§3.1: folds lines at 75 octets without cutting a UTF-8 character', () => {
    const line = `SUMMARY:${'é'.repeat(100)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(line);
  });

  it('writes a calendar a real parser reads back with the long French title intact', () => {
    const text = writeCalendar([review], 'fr', new Date('2026-11-24T09:00:00Z'));
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.split('\r\n').every((l) => Buffer.byteLength(l, 'utf8') <= 75)).toBe(true);
    const cal = new ICAL.Component(ICAL.parse(text));
    const event = new ICAL.Event(cal.getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(`Revoir le traitement T-001 – ${review.name}`);
    expect(event.startDate.toString()).toBe('2026-12-31');
    expect(event.endDate.toString()).toBe('2027-01-01');
    expect(event.uid).toBe('review-abc@dpo-desk');
    expect(event.sequence).toBe(1795000000);
    expect(cal.getFirstPropertyValue('x-wr-calname')).toBe('DPO Desk – échéances');
    expect(String(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('dtstamp'))).toBe('2026-11-24T09:00:00Z');
  });

  it('writes a breach clock as a UTC instant with reminders 6 hours and 1 hour before', () => {
    const clock: Obligation = { ...review, uid: 'breachClock-x-authority@dpo-desk', kind: 'breachClock', entity: 'breach', ref: 'INC-2026-001', name: 'Vol d’un ordinateur portable', due: '2026-11-26T15:30:00.000Z', allDay: false, params: { clock: 'authority', party: '', hours: 72 } };
    const cal = new ICAL.Component(ICAL.parse(writeCalendar([clock], 'en', new Date('2026-11-24T09:00:00Z'))));
    const v = cal.getFirstSubcomponent('vevent')!;
    const event = new ICAL.Event(v);
    expect(event.summary).toBe('INC-2026-001 – Notification to the authority (72 h): Vol d’un ordinateur portable');
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-11-26T15:30:00.000Z');
    expect(v.getAllSubcomponents('valarm').map((a) => String(a.getFirstPropertyValue('trigger')))).toEqual(['-PT6H', '-PT1H']);
  });
});
