import { describe, expect, it } from 'vitest';
import { BreachDocSchema, breachClocks, type BreachDoc, type BreachNotification } from '../../shared/domain/breach';
import { telecomAdverseEffect, telecomComplementaryStart, telecomExemptionAllowed, telecomIssues } from '../../shared/domain/breach-telecom';
import { fullBreachDoc } from '../helpers';

/** A telecom incident (Regulation 611/2013): detected 28 March 2026 21:15 Paris time. */
const telecom = (overrides: Partial<BreachDoc> = {}) => fullBreachDoc({ telecom: true, ...overrides });
const initial = (completeness: BreachNotification['completeness']): BreachNotification => ({
  to: 'authority',
  party: '',
  phase: 'initial',
  sentAt: '2026-03-29T18:00',
  reference: 'CNIL-42',
  means: 'téléservice',
  delayReason: '',
  ...(completeness !== undefined ? { completeness } : {}),
});
const issueKeys = (doc: BreachDoc) => {
  const r = BreachDocSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('Regulation 611/2013 (telecom)', () => {
  it('Art. 2(3): only an initial notification "to be completed" starts the complementary clock (3 days)', () => {
    const complete = breachClocks(telecom({ notifications: [initial('complete')] }));
    expect(complete.map((c) => c.kind)).toEqual(['authority', 'telecomInitial']);
    expect(telecomComplementaryStart(telecom({ notifications: [initial('complete')] }))).toBeNull();

    const partial = breachClocks(telecom({ notifications: [initial('toComplete')] }));
    // 18:00 summer time = 16:00 UTC; three days later.
    expect(partial.find((c) => c.kind === 'telecomComplementary')).toMatchObject({ startUtc: '2026-03-29T16:00:00Z', dueUtc: '2026-04-01T16:00:00Z', stoppedUtc: null });
    // Not a telecom breach: no complementary clock, whatever the notification says.
    expect(telecomComplementaryStart(fullBreachDoc({ notifications: [initial('toComplete')] }))).toBeNull();
  });

  it('Art. 2(3): the initial notification of a telecom breach says whether it is complete or to be completed', () => {
    expect(issueKeys(telecom({ notifications: [initial(undefined)] }))).toContain('notifications.0.completeness:completenessRequired');
    expect(issueKeys(telecom({ notifications: [initial('complete')] }))).not.toContain('notifications.0.completeness:completenessRequired');
    // The GDPR notification (no telecom) does not need it.
    expect(issueKeys(fullBreachDoc({ notifications: [initial(undefined)] }))).not.toContain('notifications.0.completeness:completenessRequired');
  });

  it('Art. 3(1)-(2): subscribers are told when the breach is likely to adversely affect their data or privacy, not only on high risk', () => {
    // Behavioural (traffic, location) data disclosed to known recipients, no harm recorded: a GDPR "risk" at most, yet adverse under Art. 3(2)(a).
    const doc = telecom({
      risk: { ...fullBreachDoc().risk, sensitivity: 'behavioural', confidentiality: 'known', availability: 'none', level: 'risk', justification: 'x' },
      nature: ['CONFIDENTIALITY'],
      harms: [],
      decision: { authority: 'notify', authorityReason: 'r', subjects: 'noInform', subjectsException: '', subjectsReason: 'Pas de risque élevé' },
    });
    expect(telecomAdverseEffect(doc)).toEqual({ likely: true, reasons: ['telecom.adverse.data'] });
    expect(issueKeys(doc)).toContain('decision.subjectsException:telecomExemptionRequired');
    // The GDPR rule would not have asked for anything: the level retained is not high.
    expect(issueKeys({ ...doc, telecom: false })).not.toContain('decision.subjectsException:exceptionRequired');
    // Ordinary data, no harm, disclosed to a known recipient: none of the factors.
    expect(telecomAdverseEffect({ ...doc, risk: { ...doc.risk, sensitivity: 'basic' } }).likely).toBe(false);
    // Stolen data (unknown recipients) and fraud: circumstances and consequences.
    expect(telecomAdverseEffect({ ...doc, risk: { ...doc.risk, sensitivity: 'basic', confidentiality: 'unknown' }, harms: ['FRAUD'] }).reasons).toEqual(['telecom.adverse.consequences', 'telecom.adverse.circumstances']);
  });

  it('Art. 4: the only exemption is data made unintelligible, demonstrated to the authority; Art. 34(3)(b) and (c) are not offered', () => {
    expect(['', 'UNINTELLIGIBLE', 'RISK_REMOVED', 'DISPROPORTIONATE'].map(telecomExemptionAllowed)).toEqual([true, true, false, false]);
    const decision = (subjectsException: BreachDoc['decision']['subjectsException']) => ({ authority: 'notify' as const, authorityReason: 'r', subjects: 'noInform' as const, subjectsException, subjectsReason: 'x' });
    expect(telecomIssues(telecom({ decision: decision('DISPROPORTIONATE') }))).toContainEqual({ path: ['decision', 'subjectsException'], key: 'telecomExceptionNotOffered' });
    expect(telecomIssues(telecom({ decision: decision('RISK_REMOVED') }))).toContainEqual({ path: ['decision', 'subjectsException'], key: 'telecomExceptionNotOffered' });
    expect(telecomIssues(telecom({ decision: decision('UNINTELLIGIBLE') }))).toEqual([]);
    // Outside the telecom regime, the GDPR exceptions stay available.
    expect(telecomIssues(fullBreachDoc({ decision: decision('DISPROPORTIONATE') }))).toEqual([]);
  });
});
