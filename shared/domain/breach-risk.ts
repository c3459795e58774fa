/**
 * The suggested risk level of a breach, from the EDPB criteria (Guidelines 9/2022, WP250 IV.B):
 * type of breach, nature/sensitivity/volume of the data, ease of identification, severity and
 * permanence of consequences, vulnerable individuals, number of individuals. Scored with the
 * ENISA method the guidelines refer to (severity SE = DPC × EI + CB):
 * SE < 2: no likely risk; 2 ≤ SE < 3: risk; SE ≥ 3: high risk. The DPO confirms or overrides.
 */

export type DataSensitivity = 'basic' | 'behavioural' | 'financial' | 'special';
export type Identifiability = 'negligible' | 'limited' | 'significant' | 'maximum';
export type Exposure = 'none' | 'known' | 'unknown';
export type Loss = 'none' | 'temporary' | 'permanent';
export type RiskLevel = 'none' | 'risk' | 'high';

export type RiskInput = Readonly<{
  sensitivity: DataSensitivity;
  identifiability: Identifiability;
  /** Confidentiality: disclosed to no one, to known recipients (a misdirected letter), or to unknown ones (published, stolen). */
  confidentiality: Exposure;
  integrity: Loss;
  availability: Loss;
  malicious: boolean;
  vulnerable: boolean;
  persons: number;
}>;

export type RiskReason = Readonly<{ key: string; points: number }>;

export type RiskSuggestion = Readonly<{ level: RiskLevel; score: number; reasons: ReadonlyArray<RiskReason> }>;

/** Data processing context (DPC): how sensitive the data are, raised for vulnerable people. */
const DPC: Readonly<Record<DataSensitivity, number>> = { basic: 1, behavioural: 2, financial: 3, special: 4 };
/** Ease of identification (EI): a multiplier. */
const EI: Readonly<Record<Identifiability, number>> = { negligible: 0.25, limited: 0.5, significant: 0.75, maximum: 1 };
const CONFIDENTIALITY: Readonly<Record<Exposure, number>> = { none: 0, known: 0.25, unknown: 0.5 };
const LOSS: Readonly<Record<Loss, number>> = { none: 0, temporary: 0.25, permanent: 0.5 };

export function suggestRisk(input: RiskInput): RiskSuggestion {
  const reasons: RiskReason[] = [];
  let dpc = DPC[input.sensitivity];
  reasons.push({ key: `risk.sensitivity.${input.sensitivity}`, points: dpc });
  if (input.vulnerable && dpc < 4) {
    dpc += 1;
    reasons.push({ key: 'risk.vulnerable', points: 1 });
  }
  const ei = EI[input.identifiability];
  reasons.push({ key: `risk.identifiability.${input.identifiability}`, points: ei });
  // Data nobody can read (strong encryption, key safe; hashed secrets) lose no confidentiality
  // that matters, whoever holds them (WP250 IV.B, Art. 34(3)(a)).
  const unintelligible = input.identifiability === 'negligible' && input.confidentiality !== 'none';
  if (unintelligible) reasons.push({ key: 'risk.unintelligible', points: 0 });
  const cb: RiskReason[] = [
    { key: `risk.confidentiality.${input.confidentiality}`, points: unintelligible ? 0 : CONFIDENTIALITY[input.confidentiality] },
    { key: `risk.integrity.${input.integrity}`, points: LOSS[input.integrity] },
    { key: `risk.availability.${input.availability}`, points: LOSS[input.availability] },
    { key: 'risk.malicious', points: input.malicious ? 0.5 : 0 },
    { key: 'risk.volume', points: input.persons >= 10_000 ? 0.5 : input.persons >= 100 ? 0.25 : 0 },
  ].filter((r) => r.points > 0);
  reasons.push(...cb);
  const score = Math.round((dpc * ei + cb.reduce((sum, r) => sum + r.points, 0)) * 100) / 100;
  const level: RiskLevel = score >= 3 ? 'high' : score >= 2 ? 'risk' : 'none';
  return { level, score, reasons };
}

/** What each level calls for (shared/domain.md 3.4). */
export function obligationsFor(level: RiskLevel): Readonly<{ authority: boolean; dataSubjects: boolean }> {
  return { authority: level !== 'none', dataSubjects: level === 'high' };
}
