import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { breachClocks, BreachDocSchema, emptyBreachDoc, instantOf, type BreachDoc } from '../../shared/domain/breach';
import { isValidZone, localOf, repeatedOffsets, toInstant } from '../../shared/domain/breach-clock';
import { draftLetter } from '../../shared/domain/breach-letter';
import { EEA_STATES, performedInstant, withTrailDefaults } from '../../shared/domain/breach-trail';
import { currentZoneName, zoneChoices } from '../../shared/domain/time-zones';
import { formatZonedTime } from '../../shared/domain/zoned-time';

const doc = (over: Partial<BreachDoc> = {}): BreachDoc => ({
  ...emptyBreachDoc(),
  title: 'Test',
  nature: ['CONFIDENTIALITY'],
  description: 'Export CSV laissé sur un partage public',
  contact: { name: 'Claire Martin', role: 'DPO', email: 'dpo@example.test', phone: '' },
  discoveredAt: '2026-10-25T02:10',
  awareAt: '2026-10-25T02:30',
  ...over,
});

describe('the repeated hour (clocks go back: 02:00-03:00 happens twice in Paris on 2026-10-25)', () => {
  it('a local time in the repeated hour designates two instants; the DPO says which, the first by default', () => {
    expect(repeatedOffsets('2026-10-25T02:30', 'Europe/Paris')).toEqual(['+02:00', '+01:00']);
    expect(repeatedOffsets('2026-10-25T03:30', 'Europe/Paris')).toBeNull();
    expect(repeatedOffsets('2026-03-29T02:30', 'Europe/Paris')).toBeNull(); // skipped, not repeated
    expect(toInstant({ local: '2026-10-25T02:30', zone: 'Europe/Paris' })).toMatchObject({ utc: '2026-10-25T00:30:00Z', offset: '+02:00' });
    expect(toInstant({ local: '2026-10-25T02:30', zone: 'Europe/Paris', fold: 'first' })).toMatchObject({ utc: '2026-10-25T00:30:00Z' });
    expect(toInstant({ local: '2026-10-25T02:30', zone: 'Europe/Paris', fold: 'second' })).toMatchObject({ utc: '2026-10-25T01:30:00Z', offset: '+01:00' });
    // Outside the repeated hour the choice changes nothing.
    expect(toInstant({ local: '2026-10-25T04:00', zone: 'Europe/Paris', fold: 'second' })).toMatchObject({ utc: '2026-10-25T03:00:00Z' });
  });

  it('Art. 33(1): the 72 hours count from the instant of awareness meant, the second 02:30 when the DPO chose it', () => {
    const first = breachClocks(doc()).find((c) => c.kind === 'authority')!;
    const second = breachClocks(doc({ folds: { awareAt: 'second' } })).find((c) => c.kind === 'authority')!;
    expect(first.dueUtc).toBe('2026-10-28T00:30:00Z');
    expect(second.dueUtc).toBe('2026-10-28T01:30:00Z');
    expect(instantOf(doc({ folds: { awareAt: 'second' } }), 'awareAt')).toMatchObject({ utc: '2026-10-25T01:30:00Z' });
  });

  it('the order of the times is checked at the occurrences chosen (aware at the second 02:30 may follow a discovery at the first 02:50)', () => {
    const d = doc({ discoveredAt: '2026-10-25T02:50', awareAt: '2026-10-25T02:30' });
    expect(BreachDocSchema.safeParse(d).error?.issues.map((i) => i.message)).toContain('awareBeforeDiscovered');
    expect(BreachDocSchema.safeParse({ ...d, folds: { awareAt: 'second' } }).success).toBe(true);
  });

  it('a deadline falling in the repeated hour says which one: "(UTC+02:00, first)" or "(UTC+01:00, second)"', () => {
    expect(localOf('2026-10-25T00:30:00Z', 'Europe/Paris')).toEqual({ local: '2026-10-25T02:30', offset: '+02:00', fold: 'first' });
    expect(localOf('2026-10-25T01:30:00Z', 'Europe/Paris')).toEqual({ local: '2026-10-25T02:30', offset: '+01:00', fold: 'second' });
    expect(localOf('2026-10-25T03:30:00Z', 'Europe/Paris')?.fold).toBeNull();
    expect(formatZonedTime('en', '2026-10-25T00:30:00Z', 'Europe/Paris')).toBe('25 Oct 2026, 02:30 (UTC+02:00, first)');
    expect(formatZonedTime('en', '2026-10-25T01:30:00Z', 'Europe/Paris')).toBe('25 Oct 2026, 02:30 (UTC+01:00, second)');
    expect(formatZonedTime('fr', '2026-10-25T01:30:00Z', 'Europe/Paris', { style: 'long', zoneName: true })).toBe('25 octobre 2026 à 02:30 (Europe/Paris, UTC+01:00, second passage)');
  });
});

describe('times in the incident’s zone, in the reader’s format', () => {
  it('one formatter for the screen (medium, like the app’s other dates) and the documents (long), always with the offset', () => {
    expect(formatZonedTime('fr', '2026-10-28T15:30:00Z', 'Europe/Paris')).toBe('28 oct. 2026, 16:30 (UTC+01:00)');
    expect(formatZonedTime('en', '2026-10-28T15:30:00Z', 'Europe/Paris', { style: 'long' })).toBe('28 October 2026 at 16:30 (UTC+01:00)');
    expect(formatZonedTime('fr', '2027-03-01T09:00:00Z', 'Asia/Kolkata', { style: 'long' })).toBe('1er mars 2027 à 14:30 (UTC+05:30)');
    expect(formatZonedTime('en', '2026-07-01T12:00:00Z', 'UTC', { zoneName: true })).toBe('1 Jul 2026, 12:00 (UTC, UTC+00:00)');
    expect(formatZonedTime('en', 'not a time', 'Europe/Paris')).toBe('not a time');
  });
});

describe('the zone list', () => {
  it('offers UTC and the current IANA names (Asia/Kolkata, Europe/Kyiv), not the CLDR spellings the runtimes list', () => {
    const runtime = Intl.supportedValuesOf('timeZone');
    const choices = zoneChoices(runtime);
    expect(choices[0]).toBe('UTC');
    for (const z of ['Asia/Kolkata', 'Europe/Kyiv', 'America/Nuuk', 'Asia/Ho_Chi_Minh', 'Pacific/Kanton', 'Europe/Paris']) expect(choices).toContain(z);
    for (const z of ['Asia/Calcutta', 'Europe/Kiev', 'America/Godthab']) expect(choices).not.toContain(z);
    expect(new Set(choices).size).toBe(choices.length);
    expect(choices.every(isValidZone)).toBe(true);
    // An incident stored under an old name keeps it, and it stays valid.
    expect(zoneChoices(runtime, 'Asia/Calcutta')[0]).toBe('Asia/Calcutta');
    expect(isValidZone('Asia/Calcutta')).toBe(true);
    expect(currentZoneName('Asia/Calcutta')).toBe('Asia/Kolkata');
  });

  it('a zone is a place’s IANA name: not "local", "system" nor a fixed offset', () => {
    for (const z of ['UTC', 'Asia/Kolkata', 'Europe/Kyiv', 'Etc/UTC']) expect(isValidZone(z), z).toBe(true);
    for (const z of ['local', 'system', 'UTC+2', 'Europe/Lutece', '']) expect(isValidZone(z), z).toBe(false);
  });
});

describe('performed at (a step or a journal entry given after the fact)', () => {
  const now = Date.parse('2026-11-24T09:00:00Z');
  it('a step done earlier is timed when it was done, read in the incident’s zone', () => {
    expect(performedInstant('2026-11-24T08:15', 'Europe/Paris', now, 300_000)).toEqual({ ok: true, utc: '2026-11-24T07:15:00Z' });
    expect(performedInstant('2026-10-25T02:30', 'Europe/Paris', now, 300_000, 'second')).toEqual({ ok: true, utc: '2026-10-25T01:30:00Z' });
  });
  it('is never in the future by the core’s clock (a few minutes of drift allowed)', () => {
    expect(performedInstant('2026-11-24T10:03', 'Europe/Paris', now, 300_000)).toEqual({ ok: true, utc: '2026-11-24T09:03:00Z' });
    expect(performedInstant('2026-11-24T10:30', 'Europe/Paris', now, 300_000)).toEqual({ ok: false, error: 'performedInFuture' });
    expect(performedInstant('2026-03-29T02:30', 'Europe/Paris', now, 300_000)).toEqual({ ok: false, error: 'nonexistentTime' });
    expect(performedInstant('24/11/2026', 'Europe/Paris', now, 300_000)).toEqual({ ok: false, error: 'dateTime' });
  });
});

describe('the letter to the data subjects (Art. 34(2))', () => {
  it('Art. 34(2): the draft is in plain language, from the incident, without the internal description nor list labels', () => {
    const d = doc({
      nature: ['CONFIDENTIALITY', 'INTEGRITY'],
      dataCategories: ['IDENTITY'],
      consequences: 'Risque de messages frauduleux',
      measuresTaken: 'Partage fermé',
      measuresProposed: 'Ignorez les courriels qui demandent vos codes',
    });
    const fr = draftLetter(d, 'fr');
    expect(fr.whatHappened).toBe(
      'Le 25 octobre 2026, nous avons constaté un incident de sécurité qui concerne vos données personnelles. Des personnes qui n’auraient pas dû y avoir accès ont pu voir certaines de vos données. Certaines de vos données ont pu être modifiées.',
    );
    expect(fr).toMatchObject({ meaning: 'Risque de messages frauduleux', done: 'Partage fermé', advice: 'Ignorez les courriels qui demandent vos codes' });
    expect(fr.contact).toContain('Claire Martin, dpo@example.test');
    const all = Object.values(fr).join(' ');
    for (const raw of ['Export CSV', 'CONFIDENTIALITY', 'IDENTITY', 'Perte de la confidentialité']) expect(all).not.toContain(raw);
    expect(draftLetter(d, 'en').whatHappened).toMatch(/^On 25 October 2026, we found a security incident/);
  });

  it('an incident stored before the letter and the cross-border block reads them empty', () => {
    const { folds, letter, crossBorder, ...old } = emptyBreachDoc();
    void folds, void letter, void crossBorder;
    expect(withTrailDefaults(old)).toMatchObject({ folds: {}, letter: null, crossBorder: { otherAuthorities: [], lead: '', otherNotifications: [] } });
    expect(BreachDocSchema.safeParse({ ...doc(), folds: undefined, letter: undefined, crossBorder: undefined }).data).toMatchObject({ folds: {}, letter: null });
  });

  it('the EEA states of the cross-border block are those of the transfer reference', () => {
    const ref = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../resources/reference/transfers.json'), 'utf8')) as { eea: string[] };
    expect([...EEA_STATES].sort()).toEqual([...ref.eea].sort());
  });
});
