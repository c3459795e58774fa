import { describe, expect, it } from 'vitest';
import { levelOf, noSecurityLoss, obligationsFor, restoredOutageOnly, suggestRisk, volumePoints, type RiskInput } from '../../shared/domain/breach-risk';

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
  // Issue 12: this case expected 'risk' while its own conclusion (and the EDPB's) is "document only".
  ['Case 01 – ransomware, backup restored within hours, no exfiltration: document only', { availability: 'temporary', malicious: true, persons: 5000 }, 'none'],
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
      conclusion: 'risk.level.risk',
    });
    expect(vulnerable.level).toBe('high');
    expect(vulnerable.reasons).toContainEqual({ key: 'risk.vulnerable', points: 1 });
  });

  it('says what each level calls for (Art. 33 and 34)', () => {
    expect(obligationsFor('none')).toEqual({ authority: false, dataSubjects: false });
    expect(obligationsFor('risk')).toEqual({ authority: true, dataSubjects: false });
    expect(obligationsFor('high')).toEqual({ authority: true, dataSubjects: true });
  });

  it('Art. 4(12): no loss of confidentiality, integrity or availability – no risk to score, and it says so', () => {
    expect(noSecurityLoss(base)).toBe(true);
    const s = suggestRisk({ ...base, sensitivity: 'special', vulnerable: true, malicious: true, persons: 1_000_000 });
    expect(s).toEqual({ level: 'none', score: 0, reasons: [{ key: 'risk.noLoss', points: 0 }], conclusion: 'risk.level.noLoss' });
    expect(noSecurityLoss({ ...base, integrity: 'temporary' })).toBe(false);
  });

  it('EDPB 01/2021 case 1: sensitive data with a short outage that was restored is not high on its own', () => {
    const input = { ...base, sensitivity: 'special' as const, availability: 'temporary' as const, malicious: true, persons: 20_000 };
    expect(restoredOutageOnly(input)).toBe(true);
    const s = suggestRisk(input);
    expect(s.level).not.toBe('high');
    expect(s.reasons).toContainEqual({ key: 'risk.outageRestored', points: 0 });
    expect(s.reasons.map((r) => r.key)).not.toContain('risk.malicious');
    // The same outage with a loss of confidentiality (exfiltration, case 4) scores in full.
    expect(restoredOutageOnly({ ...input, confidentiality: 'unknown' })).toBe(false);
    expect(suggestRisk({ ...input, confidentiality: 'unknown' }).level).toBe('high');
  });

  it('EDPB 01/2021 case 3: where vulnerable people depend on the data (hospital), the sensitivity of a restored outage counts in full', () => {
    const s = suggestRisk({ ...base, sensitivity: 'special', availability: 'temporary', vulnerable: true, persons: 1500 });
    expect(s.level).toBe('high');
    expect(s.reasons).toContainEqual({ key: 'risk.outageDependent', points: 0 });
    expect(s.reasons).toContainEqual({ key: 'risk.sensitivity.special', points: 4 });
  });

  it('WP250 IV.B: the number of individuals adds to the score where it applies, and says which band', () => {
    expect(volumePoints(99)).toBeNull();
    expect(volumePoints(100)).toEqual({ key: 'risk.volume.some', points: 0.25 });
    expect(volumePoints(10_000)).toEqual({ key: 'risk.volume.large', points: 0.5 });
    expect(suggestRisk({ ...base, confidentiality: 'known', persons: 10 }).reasons.map((r) => r.key)).not.toContain('risk.volume.some');
    expect(suggestRisk({ ...base, confidentiality: 'known', persons: 500 }).reasons).toContainEqual({ key: 'risk.volume.some', points: 0.25 });
  });

  it('ENISA thresholds: each level states its conclusion in the guidelines’ words', () => {
    expect([levelOf(1.99), levelOf(2), levelOf(2.99), levelOf(3)]).toEqual(['none', 'risk', 'risk', 'high']);
    for (const [input, key] of [
      [{ confidentiality: 'known' as const, persons: 1 }, 'risk.level.none'],
      [{ availability: 'permanent' as const, malicious: true }, 'risk.level.risk'],
      [{ sensitivity: 'financial' as const, confidentiality: 'unknown' as const }, 'risk.level.high'],
    ] as const)
      expect(suggestRisk({ ...base, ...input }).conclusion).toBe(key);
  });
});
