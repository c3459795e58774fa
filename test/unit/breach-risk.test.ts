import { describe, expect, it } from 'vitest';
import { obligationsFor, suggestRisk, type RiskInput } from '../../shared/domain/breach-risk';

const base: RiskInput = {
  sensitivity: 'basic',
  identifiability: 'maximum',
  confidentiality: 'none',
  integrity: 'none',
  availability: 'none',
  malicious: false,
  vulnerable: false,
  persons: 50,
};

/** Cases drawn from EDPB Guidelines 01/2021 on examples regarding personal data breach notification, with their conclusions. */
const cases: Array<[string, Partial<RiskInput>, 'none' | 'risk' | 'high']> = [
  ['Case 01 – ransomware, backup restored within hours, no exfiltration: document only', { availability: 'temporary', malicious: true, persons: 5000 }, 'risk'],
  ['Case 02 – ransomware without backup: notify the authority', { availability: 'permanent', malicious: true }, 'risk'],
  ['Case 03 – ransomware at a hospital, backup available: notify and inform', { sensitivity: 'special', availability: 'temporary', malicious: true, vulnerable: true, persons: 1500 }, 'high'],
  ['Case 04 – ransomware without backup, with exfiltration of financial data: notify and inform', { sensitivity: 'financial', confidentiality: 'unknown', availability: 'permanent', malicious: true, persons: 5000 }, 'high'],
  ['Case 06 – exfiltration of strongly hashed passwords only: document only', { identifiability: 'negligible', confidentiality: 'unknown', malicious: true, persons: 1200 }, 'none'],
  ['Case 13 – stolen laptop, full-disk encryption, key safe: document only', { sensitivity: 'special', identifiability: 'negligible', confidentiality: 'unknown', malicious: true }, 'none'],
  ['Case 16 – mispostal of a letter with basic data to one known recipient: document only', { confidentiality: 'known', persons: 1 }, 'none'],
  ['Case 17 – confidential data e-mailed to a wrong list of recipients', { sensitivity: 'financial', confidentiality: 'known', persons: 15 }, 'high'],
];

describe('risk suggestion from the EDPB criteria', () => {
  for (const [name, input, level] of cases) {
    it(name, () => {
      const s = suggestRisk({ ...base, ...input });
      expect(s.level, `score ${s.score}`).toBe(level);
      expect(s.reasons.length).toBeGreaterThan(1);
    });
  }

  it('gives its reasons with their weight, and raises the stakes for vulnerable people', () => {
    const ordinary = suggestRisk({ ...base, sensitivity: 'behavioural', confidentiality: 'unknown' });
    const vulnerable = suggestRisk({ ...base, sensitivity: 'behavioural', confidentiality: 'unknown', vulnerable: true });
    expect(ordinary).toEqual({
      level: 'risk',
      score: 2.5,
      reasons: [
        { key: 'risk.sensitivity.behavioural', points: 2 },
        { key: 'risk.identifiability.maximum', points: 1 },
        { key: 'risk.confidentiality.unknown', points: 0.5 },
      ],
    });
    expect(vulnerable.level).toBe('high');
    expect(vulnerable.reasons).toContainEqual({ key: 'risk.vulnerable', points: 1 });
  });

  it('says what each level calls for (Art. 33 and 34)', () => {
    expect(obligationsFor('none')).toEqual({ authority: false, dataSubjects: false });
    expect(obligationsFor('risk')).toEqual({ authority: true, dataSubjects: false });
    expect(obligationsFor('high')).toEqual({ authority: true, dataSubjects: true });
  });
});
