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

/** `conclusion`: what the level means, in the guidelines' words (an i18n key, "risk.level.high"). */
export type RiskSuggestion = Readonly<{ level: RiskLevel; score: number; reasons: ReadonlyArray<RiskReason>; conclusion: string }>;

/** Data processing context (DPC): how sensitive the data are, raised for vulnerable people. */
const DPC: Readonly<Record<DataSensitivity, number>> = { basic: 1, behavioural: 2, financial: 3, special: 4 };
/** Ease of identification (EI): a multiplier. */
const EI: Readonly<Record<Identifiability, number>> = { negligible: 0.25, limited: 0.5, significant: 0.75, maximum: 1 };
const CONFIDENTIALITY: Readonly<Record<Exposure, number>> = { none: 0, known: 0.25, unknown: 0.5 };
const LOSS: Readonly<Record<Loss, number>> = { none: 0, temporary: 0.25, permanent: 0.5 };

/**
 * Art. 4(12) GDPR and Guidelines 9/2022 (types of breach): a breach is a loss of
 * confidentiality, integrity or availability. Without any, there is no risk to score.
 */
export function noSecurityLoss(input: Pick<RiskInput, 'confidentiality' | 'integrity' | 'availability'>): boolean {
  return input.confidentiality === 'none' && input.integrity === 'none' && input.availability === 'none';
}

/**
 * EDPB Guidelines 01/2021, case 1 (ransomware with a proper backup, no exfiltration): data
 * unavailable for a short time and restored, with no loss of confidentiality or integrity, is
 * unlikely to result in a risk: the data's sensitivity and the attacker's intent bear on what
 * could be done with data that were never taken. Where the people depend on the data being
 * there (case 3, a hospital: patients' care delayed), the sensitivity counts in full.
 */
export function restoredOutageOnly(input: Pick<RiskInput, 'confidentiality' | 'integrity' | 'availability'>): boolean {
  return input.confidentiality === 'none' && input.integrity === 'none' && input.availability === 'temporary';
}

/**
 * WP250 IV.B / Guidelines 9/2022, "number of affected individuals": generally, the higher the
 * number of individuals affected, the greater the impact a breach can have. A small breach can
 * still be severe; the number adds to the score, it does not make it.
 */
export function volumePoints(persons: number): RiskReason | null {
  if (persons >= 10_000) return { key: 'risk.volume.large', points: 0.5 };
  if (persons >= 100) return { key: 'risk.volume.some', points: 0.25 };
  return null;
}

/** The ENISA thresholds the guidelines refer to: below 2 no likely risk, from 3 high risk. */
export function levelOf(score: number): RiskLevel {
  return score >= 3 ? 'high' : score >= 2 ? 'risk' : 'none';
}

export function suggestRisk(input: RiskInput): RiskSuggestion {
  if (noSecurityLoss(input)) return { level: 'none', score: 0, reasons: [{ key: 'risk.noLoss', points: 0 }], conclusion: 'risk.level.noLoss' };
  const reasons: RiskReason[] = [];
  const outageOnly = restoredOutageOnly(input);
  // A restored outage weighs by its own consequences, unless vulnerable people depend on the data.
  const sensitivityCounts = !outageOnly || input.vulnerable;
  let dpc = sensitivityCounts ? DPC[input.sensitivity] : DPC.basic;
  reasons.push({ key: `risk.sensitivity.${input.sensitivity}`, points: dpc });
  if (outageOnly) reasons.push({ key: input.vulnerable ? 'risk.outageDependent' : 'risk.outageRestored', points: 0 });
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
  const volume = volumePoints(input.persons);
  const cb: RiskReason[] = [
    { key: `risk.confidentiality.${input.confidentiality}`, points: unintelligible ? 0 : CONFIDENTIALITY[input.confidentiality] },
    { key: `risk.integrity.${input.integrity}`, points: LOSS[input.integrity] },
    { key: `risk.availability.${input.availability}`, points: LOSS[input.availability] },
    { key: 'risk.malicious', points: input.malicious && !outageOnly ? 0.5 : 0 },
    ...(volume ? [volume] : []),
  ].filter((r) => r.points > 0);
  reasons.push(...cb);
  const score = Math.round((dpc * ei + cb.reduce((sum, r) => sum + r.points, 0)) * 100) / 100;
  const level = levelOf(score);
  return { level, score, reasons, conclusion: `risk.level.${level}` };
}

/** What each level calls for (shared/domain.md 3.4). */
export function obligationsFor(level: RiskLevel): Readonly<{ authority: boolean; dataSubjects: boolean }> {
  return { authority: level !== 'none', dataSubjects: level === 'high' };
}
