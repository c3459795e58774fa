import { describe, expect, it } from 'vitest';
import grid from '../../resources/reference/audit-grid.json';
import demo from '../../resources/demo/demo-register.json';
import { AuditSettingsSchema, COVERAGE_DEFAULT, TemplateDocSchema, answerCoverage, answerPoints, auditVerdict, hoursPoints, scoreAudit, unansweredThemes, validAnswer, type Answer, type TemplateDoc } from '../../shared/domain/audit';

const template: TemplateDoc = {
  name: 'T',
  themes: [
    { id: 'A', labelFr: 'A', labelEn: 'A' },
    { id: 'B', labelFr: 'B', labelEn: 'B' },
  ],
  questions: [
    { id: 'A1', theme: 'A', textFr: 'q', textEn: 'q', type: 'scale', weight: 3, critical: true, expected: 'yes', ref: '' },
    { id: 'A2', theme: 'A', textFr: 'q', textEn: 'q', type: 'scale', weight: 1, critical: false, expected: 'no', ref: '' },
    { id: 'A3', theme: 'A', textFr: 'q', textEn: 'q', type: 'text', weight: 0, critical: false, expected: '', ref: '' },
    { id: 'B1', theme: 'B', textFr: 'q', textEn: 'q', type: 'number', weight: 2, critical: false, expected: '48', ref: '' },
    { id: 'B2', theme: 'B', textFr: 'q', textEn: 'q', type: 'document', weight: 2, critical: false, expected: 'yes', ref: '' },
  ],
};
const a = (value: string): Answer => ({ value, comment: '' });

describe('audit scoring', () => {
  it('weights the answers, counts a partial answer half, leaves not-applicable and text out', () => {
    expect(answerPoints(template.questions[0]!, 'partly')).toBe(0.5);
    expect(answerPoints(template.questions[1]!, 'no')).toBe(1); // the expected answer is "no"
    expect(answerPoints(template.questions[1]!, 'yes')).toBe(0);
    expect(answerPoints(template.questions[2]!, 'anything')).toBeNull();
    expect(answerPoints(template.questions[3]!, '24')).toBe(1);
    expect(answerPoints(template.questions[3]!, '72')).toBe(0);
    const s = scoreAudit(template, { A1: a('partly'), A2: a('no'), A3: a('Dublin'), B1: a('72'), B2: a('na') }, COVERAGE_DEFAULT);
    // A: (3×0.5 + 1×1) / (3 + 1) = 62.5 %; B: 0 / 2 (B2 not applicable) = 0 %; overall 2.5 / 6.
    expect(s.themes.map((t) => t.score)).toEqual([62.5, 0]);
    expect(s.overall).toBe(41.7);
    expect(s.unanswered).toEqual([]);
    expect(s.criticalPartial).toEqual(['A1']);
    expect(s.verdict).toBe('nonCompliant'); // under 50 %
  });

  it('lists unanswered questions and scores over the answered ones; a critical "no" is a knock-out', () => {
    const partial = scoreAudit(template, { A1: a('yes'), A2: a('no') }, COVERAGE_DEFAULT);
    expect(partial.overall).toBe(100);
    expect(partial.unanswered).toEqual(['B1', 'B2']);
    expect(partial.verdict).toBe('incomplete'); // 100 % of half the grid says nothing of the rest
    const knockOut = scoreAudit(template, { A1: a('no'), A2: a('no'), B1: a('24'), B2: a('yes') }, COVERAGE_DEFAULT);
    expect(knockOut.overall).toBe(62.5);
    expect(knockOut.criticalFailed).toEqual(['A1']);
    expect(knockOut.verdict).toBe('nonCompliant');
    const reserves = scoreAudit(template, { A1: a('partly'), A2: a('no'), B1: a('24'), B2: a('yes') }, COVERAGE_DEFAULT);
    expect(reserves.verdict).toBe('reserves'); // 81 %, but a critical question only partly met
    expect(scoreAudit(template, {}, COVERAGE_DEFAULT).overall).toBeNull();
  });

  it('the built-in grid is valid: 55 questions in 15 themes, 13 of them critical, FR and EN', () => {
    const doc = TemplateDocSchema.parse({ name: grid.name.fr, themes: grid.themes, questions: grid.questions });
    expect(doc.questions).toHaveLength(55);
    expect(doc.themes).toHaveLength(15);
    expect(doc.questions.filter((q) => q.critical).map((q) => q.id)).toEqual(['B1', 'B2', 'C1', 'C2', 'C3', 'D1', 'D2', 'E1', 'F2', 'G1', 'L2', 'N2', 'O1']);
    expect(doc.questions.filter((q) => q.critical).every((q) => q.weight === 3)).toBe(true);
    expect(doc.questions.every((q) => q.textFr && q.textEn && q.textFr !== q.textEn)).toBe(true);
  });

  it('a template refuses duplicate ids, unknown themes and expected answers its type cannot have', () => {
    const bad = TemplateDocSchema.safeParse({
      ...template,
      questions: [...template.questions, { ...template.questions[0]!, theme: 'Z' }, { ...template.questions[3]!, id: 'B9', expected: 'beaucoup' }],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(messages).toEqual(expect.arrayContaining(['questions.5.id:duplicate', 'questions.5.theme:unknownTheme', 'questions.6.expected:number']));
  });
});

const builtIn = TemplateDocSchema.parse({ name: grid.name.fr, themes: grid.themes, questions: grid.questions });
const q = (id: string) => builtIn.questions.find((x) => x.id === id)!;
/** Every scored question of the built-in grid answered as expected, but those listed. */
const allExpected = (over: Record<string, string> = {}): Record<string, Answer> =>
  Object.fromEntries(builtIn.questions.filter((x) => x.type !== 'text').map((x) => [x.id, a(over[x.id] ?? (x.type === 'hours' ? '24' : x.expected))]));

describe('audit rules', () => {
  it('a verdict below the coverage threshold is incomplete', () => {
    // A1 (3) and A2 (1) answered as expected: 100 %, but only 4 of 8 of the weight answered.
    expect(answerCoverage(template, { A1: a('yes'), A2: a('no') })).toBe(0.5);
    const s = scoreAudit(template, { A1: a('yes'), A2: a('no'), B1: a('24') }, 0.9);
    expect(s.coverage).toBe(75);
    expect(s.overall).toBe(100);
    expect(s.verdict).toBe('incomplete');
    // The same answers pass a threshold the DPO lowered to 70 %.
    expect(scoreAudit(template, { A1: a('yes'), A2: a('no'), B1: a('24') }, 0.7).verdict).toBe('compliant');
    expect(auditVerdict({ overall: 85, coverage: 0.899, emptyThemes: [], criticalFailed: [], criticalPartial: [] }, 0.9)).toBe('incomplete');
    expect(auditVerdict({ overall: 85, coverage: 0.9, emptyThemes: [], criticalFailed: [], criticalPartial: [] }, 0.9)).toBe('compliant');
  });

  it('a verdict with a whole theme unanswered is incomplete', () => {
    const answers = allExpected();
    for (const x of builtIn.questions.filter((y) => y.theme === 'K')) delete answers[x.id];
    expect(unansweredThemes(builtIn, answers)).toEqual(['K']);
    const s = scoreAudit(builtIn, answers, 0.9);
    expect(s.coverage).toBeGreaterThan(95); // K weighs 2 of the grid's weight
    expect(s.emptyThemes).toEqual(['K']);
    expect(s.verdict).toBe('incomplete');
  });

  it('not applicable counts as answered in the coverage, an invalid value does not', () => {
    expect(answerCoverage(template, { A1: a('na'), A2: a('na'), B1: a('na'), B2: a('na') })).toBe(1);
    expect(answerCoverage(template, { A1: a('yes'), A2: a('no'), B1: a('soon'), B2: a('yes') })).toBe(0.75);
    expect(unansweredThemes(template, { A1: a('yes'), B1: a('soon') })).toEqual(['B']);
  });

  it('a knock-out question failed is not compliant, even when the audit is incomplete', () => {
    const s = scoreAudit(template, { A1: a('no') }, 0.9);
    expect(s.criticalFailed).toEqual(['A1']);
    expect(s.verdict).toBe('nonCompliant');
  });

  it('the coverage threshold is set between 50 % and 100 %, 90 % by default', () => {
    expect(COVERAGE_DEFAULT).toBe(0.9);
    expect(AuditSettingsSchema.safeParse({ coverageThreshold: 0.5 }).success).toBe(true);
    expect(AuditSettingsSchema.safeParse({ coverageThreshold: 1 }).success).toBe(true);
    expect(AuditSettingsSchema.safeParse({ coverageThreshold: 0.4 }).success).toBe(false);
    expect(AuditSettingsSchema.safeParse({ coverageThreshold: 1.1 }).success).toBe(false);
  });

  it('L2 is answered in hours or "without undue delay" (Art. 33(2)): within 48 h met, beyond failed, without undue delay partly met', () => {
    const l2 = q('L2');
    expect(l2.type).toBe('hours');
    expect(l2.critical).toBe(true);
    expect(['24', '48', 'undue', 'na', ''].every((v) => validAnswer(l2, v))).toBe(true);
    expect(validAnswer(l2, 'soon')).toBe(false);
    expect(hoursPoints('48', '24')).toBe(1);
    expect(hoursPoints('48', '72')).toBe(0);
    expect(answerPoints(l2, 'undue')).toBe(0.5);
    // A complete audit whose only gap is L2 "without undue delay": a knock-out only partly met → reservations.
    const undue = scoreAudit(builtIn, allExpected({ L2: 'undue' }), 0.9);
    expect(undue.criticalPartial).toEqual(['L2']);
    expect(undue.verdict).toBe('reserves');
    expect(scoreAudit(builtIn, allExpected({ L2: '72' }), 0.9).verdict).toBe('nonCompliant');
    expect(scoreAudit(builtIn, allExpected(), 0.9).verdict).toBe('compliant');
  });

  it('D2 (prior authorisation of sub-processors, Art. 28(2)) is a knock-out', () => {
    expect(q('D2')).toMatchObject({ critical: true, weight: 3, ref: '28(2)' });
    const s = scoreAudit(builtIn, allExpected({ D2: 'no' }), 0.9);
    expect(s.criticalFailed).toEqual(['D2']);
    expect(s.verdict).toBe('nonCompliant');
  });

  it("the demo's Twilio audit (17 of 55 questions unanswered) is incomplete, not compliant with reservations", () => {
    const twilio = demo.suppliers.find((x) => x.doc.tradeName === 'Twilio')!;
    const answers = Object.fromEntries(Object.entries(twilio.audit!.answers).map(([k, v]) => [k, a(v as string)]));
    const s = scoreAudit(builtIn, answers, COVERAGE_DEFAULT);
    expect(s.unanswered).toHaveLength(17);
    expect(s.overall).toBeGreaterThanOrEqual(80); // 88.8 % before D2 weighed 3; would be "compliant with reservations" by the score alone
    expect(s.coverage).toBeLessThan(90);
    expect(s.verdict).toBe('incomplete');
  });
});
