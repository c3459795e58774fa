import { describe, expect, it } from 'vitest';
import raw from '../../resources/reference/regimes.json';
import { BreachDocSchema, nextClock, type BreachDoc } from '../../shared/domain/breach';
import {
  applicableRegimes,
  parseRegimes,
  regimeAnswerIssues,
  regimeClocks,
  regimeFileIssues,
  regimeNotifications,
  regimesForIncident,
  type RegimeAnswer,
} from '../../shared/domain/breach-regimes';
import { fullBreachDoc } from '../helpers';

const file = parseRegimes(raw);
const nis2 = file.regimes.filter((r) => r.id === 'nis2');
/** Aware 28 March 2026 22:30 Paris time (21:30 UTC), the eve of the change to summer time. */
const withNis2 = (answer: Partial<RegimeAnswer>, overrides: Partial<BreachDoc> = {}) =>
  fullBreachDoc({ regimes: { nis2: { significant: 'yes', reason: '', steps: {}, ...answer } }, ...overrides });

describe('other reporting regimes as data (resources/reference/regimes.json)', () => {
  it('ships NIS2 (Directive 2022/2555 Art. 23) with ANSSI as authority in France and its four steps', () => {
    expect(nis2).toHaveLength(1);
    const r = nis2[0]!;
    expect(r.authorityFr).toContain('ANSSI');
    expect(r.steps.map((s) => [s.id, s.within ?? 'onRequest', s.from])).toEqual([
      ['earlyWarning', { hours: 24 }, 'awareness'],
      ['notification', { hours: 72 }, 'awareness'],
      ['intermediate', 'onRequest', 'step:notification'],
      ['finalReport', { months: 1 }, 'step:notification'],
    ]);
  });

  it('NIS2 Art. 23(4)(a)-(b): early warning within 24 hours and incident notification within 72 hours of becoming aware', () => {
    const clocks = regimeClocks(withNis2({}), nis2);
    expect(clocks.map((c) => [c.step, c.startUtc, c.dueUtc, c.dueLocal])).toEqual([
      ['earlyWarning', '2026-03-28T21:30:00Z', '2026-03-29T21:30:00Z', '2026-03-29T23:30'],
      ['notification', '2026-03-28T21:30:00Z', '2026-03-31T21:30:00Z', '2026-03-31T23:30'],
    ]);
    expect(clocks[0]).toMatchObject({ kind: 'regime', regime: 'nis2', labelFr: 'NIS 2 – incident important : Alerte précoce', labelEn: 'NIS2 – significant incident: Early warning', stoppedUtc: null, waived: false });
  });

  it('NIS2 Art. 23(4)(d): the final report is due one calendar month after the incident notification is sent', () => {
    const doc = withNis2({ steps: { earlyWarning: { sentAt: '2026-03-29T10:00', reference: 'A' }, notification: { sentAt: '2026-03-30T18:00', reference: 'B' } } });
    const clocks = regimeClocks(doc, nis2);
    const final = clocks.find((c) => c.step === 'finalReport')!;
    // 30 March 18:00 summer time → 30 April 18:00 summer time, 744 elapsed hours.
    expect(final).toMatchObject({ startUtc: '2026-03-30T16:00:00Z', dueLocal: '2026-04-30T18:00', dueUtc: '2026-04-30T16:00:00Z', months: 1, hours: 744, stoppedUtc: null });
    expect(clocks.find((c) => c.step === 'earlyWarning')!.stoppedUtc).toBe('2026-03-29T08:00:00Z');
    // The next clock to watch is the final report, the other two being answered.
    expect(nextClock(clocks)).toMatchObject({ step: 'finalReport' });
  });

  it('NIS2 Art. 23(4)(c): the intermediate report is made on request, with no clock; the final report has none until the notification is sent', () => {
    const steps = regimeClocks(withNis2({}), nis2).map((c) => c.step);
    expect(steps).not.toContain('intermediate');
    expect(steps).not.toContain('finalReport');
  });

  it('the clocks run only for an incident said to be significant under the regime', () => {
    expect(regimeClocks(withNis2({ significant: '' }), nis2)).toEqual([]);
    expect(regimeClocks(withNis2({ significant: 'no', reason: 'Pas de perturbation' }), nis2)).toEqual([]);
    expect(regimeClocks(fullBreachDoc(), nis2)).toEqual([]);
  });

  it('a regime applies where Settings say the organisation is an essential or important entity, and stays on an incident that answered it', () => {
    expect(applicableRegimes(file, {}).map((r) => r.id)).toEqual([]);
    expect(applicableRegimes(file, { nis2Entity: 'essential' }).map((r) => r.id)).toEqual(['nis2']);
    expect(applicableRegimes(file, { nis2Entity: 'important' }).map((r) => r.id)).toEqual(['nis2']);
    expect(regimesForIncident(file, {}, { nis2: { significant: 'yes', reason: '', steps: {} } }).map((r) => r.id)).toEqual(['nis2']);
    expect(regimesForIncident(file, {}, undefined)).toEqual([]);
  });

  it('lists the steps sent under each regime, oldest first, for the other documents', () => {
    const doc = withNis2({ steps: { notification: { sentAt: '2026-03-30T18:00', reference: 'CERT-2' }, earlyWarning: { sentAt: '2026-03-29T10:00', reference: 'CERT-1' } } });
    expect(regimeNotifications(doc, nis2).map((n) => [n.step, n.sentAt, n.reference, n.authorityEn])).toEqual([
      ['earlyWarning', '2026-03-29T10:00', 'CERT-1', 'ANSSI (CERT-FR), the national CSIRT'],
      ['notification', '2026-03-30T18:00', 'CERT-2', 'ANSSI (CERT-FR), the national CSIRT'],
    ]);
  });

  it('checks the answers: a "no" says why, a step is sent only when significant, after detection, and after the step it follows', () => {
    expect(regimeAnswerIssues(withNis2({ significant: 'no' }))).toContainEqual({ path: ['regimes', 'nis2', 'reason'], key: 'decisionReason' });
    expect(regimeAnswerIssues(withNis2({ significant: '', steps: { earlyWarning: { sentAt: '2026-03-29T10:00', reference: '' } } }))).toContainEqual({
      path: ['regimes', 'nis2', 'steps', 'earlyWarning', 'sentAt'],
      key: 'regimeNotSignificant',
    });
    expect(regimeAnswerIssues(withNis2({ steps: { earlyWarning: { sentAt: '2026-03-28T20:00', reference: '' } } }))).toContainEqual({
      path: ['regimes', 'nis2', 'steps', 'earlyWarning', 'sentAt'],
      key: 'sentBeforeDetected',
    });
    expect(regimeFileIssues(withNis2({ steps: { finalReport: { sentAt: '2026-03-30T10:00', reference: '' } } }), file)).toContainEqual({
      path: ['regimes', 'nis2', 'steps', 'finalReport', 'sentAt'],
      key: 'regimeStepOrder',
    });
    expect(regimeFileIssues(fullBreachDoc({ regimes: { dora: { significant: 'yes', reason: '', steps: {} } } }), file)).toContainEqual({ path: ['regimes', 'dora'], key: 'unknownCode' });
    // Through the schema, with the message on the field.
    const r = BreachDocSchema.safeParse(withNis2({ significant: 'no' }));
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['regimes.nis2.reason', 'decisionReason']);
  });

  it('refuses a regimes file with a mistake, naming the entry at fault', () => {
    const bad = structuredClone(raw) as { regimes: Array<{ steps: Array<Record<string, unknown>>; appliesTo: { values: string[] } }> };
    bad.regimes[0]!.steps[3]!.from = 'step:report';
    bad.regimes[0]!.appliesTo.values.push('critical');
    bad.regimes[0]!.steps[0]!.within = { days: 1 };
    let message = '';
    try {
      parseRegimes(bad);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('resources/reference/regimes.json is not a valid regimes file');
    expect(message).toContain('regimes.0.steps.0.within');
    // A file with the shape right but the references wrong says which.
    const wrongRefs = structuredClone(raw) as typeof bad;
    wrongRefs.regimes[0]!.steps[3]!.from = 'step:report';
    wrongRefs.regimes[0]!.appliesTo.values.push('critical');
    expect(() => parseRegimes(wrongRefs)).toThrow(/regimes\.0\.steps\.3\.from: "step:report" must name an earlier step/);
    expect(() => parseRegimes(wrongRefs)).toThrow(/regimes\.0\.appliesTo\.values\.2: setting "nis2Entity" has no option "critical"/);
  });
});
