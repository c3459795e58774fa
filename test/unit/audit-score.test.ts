import { describe, expect, it } from 'vitest';
import grid from '../../resources/reference/audit-grid.json';
import { TemplateDocSchema, answerPoints, scoreAudit, type Answer, type TemplateDoc } from '../../shared/domain/audit';

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
    const s = scoreAudit(template, { A1: a('partly'), A2: a('no'), A3: a('Dublin'), B1: a('72'), B2: a('na') });
    // A: (3×0.5 + 1×1) / (3 + 1) = 62.5 %; B: 0 / 2 (B2 not applicable) = 0 %; overall 2.5 / 6.
    expect(s.themes.map((t) => t.score)).toEqual([62.5, 0]);
    expect(s.overall).toBe(41.7);
    expect(s.unanswered).toEqual([]);
    expect(s.criticalPartial).toEqual(['A1']);
    expect(s.verdict).toBe('nonCompliant'); // under 50 %
  });

  it('lists unanswered questions and scores over the answered ones; a critical "no" is a knock-out', () => {
    const partial = scoreAudit(template, { A1: a('yes'), A2: a('no') });
    expect(partial.overall).toBe(100);
    expect(partial.unanswered).toEqual(['B1', 'B2']);
    expect(partial.verdict).toBe('compliant');
    const knockOut = scoreAudit(template, { A1: a('no'), A2: a('no'), B1: a('24'), B2: a('yes') });
    expect(knockOut.overall).toBe(62.5);
    expect(knockOut.criticalFailed).toEqual(['A1']);
    expect(knockOut.verdict).toBe('nonCompliant');
    const reserves = scoreAudit(template, { A1: a('partly'), A2: a('no'), B1: a('24'), B2: a('yes') });
    expect(reserves.verdict).toBe('reserves'); // 81 %, but a critical question only partly met
    expect(scoreAudit(template, {}).overall).toBeNull();
  });

  it('the built-in grid is valid: 55 questions in 15 themes, 12 of them critical, FR and EN', () => {
    const doc = TemplateDocSchema.parse({ name: grid.name.fr, themes: grid.themes, questions: grid.questions });
    expect(doc.questions).toHaveLength(55);
    expect(doc.themes).toHaveLength(15);
    expect(doc.questions.filter((q) => q.critical).map((q) => q.id)).toEqual(['B1', 'B2', 'C1', 'C2', 'C3', 'D1', 'E1', 'F2', 'G1', 'L2', 'N2', 'O1']);
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
