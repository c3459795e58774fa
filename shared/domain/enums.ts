/**
 * Closed vocabularies fixed by the law (GDPR articles) or by the app's own workflow.
 * Open vocabularies the DPO edits (data categories, departments…) are reference lists,
 * see reference-lists.ts. Labels live in shared/i18n, keyed by these codes.
 */

export const REGISTER_KINDS = ['controller', 'processor'] as const;
export type RegisterKind = (typeof REGISTER_KINDS)[number];

export const STATUSES = ['draft', 'active', 'archived'] as const;
export type Status = (typeof STATUSES)[number];

/** Art. 6(1)(a)-(f). */
export const LEGAL_BASES = [
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'VITAL_INTEREST',
  'PUBLIC_TASK',
  'LEGITIMATE_INTEREST',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/**
 * Bases whose detail must be written down: how consent is collected (Art. 7(1): the controller
 * must be able to demonstrate it), the contract, the law that imposes the obligation or the task
 * (Art. 6(3)), the legitimate interest pursued (Art. 6(1)(f), recital 47; Art. 13(1)(d)).
 */
export const LEGAL_BASES_NEEDING_DETAIL: ReadonlyArray<LegalBasis> = [
  'CONSENT',
  'CONTRACT',
  'LEGAL_OBLIGATION',
  'PUBLIC_TASK',
  'LEGITIMATE_INTEREST',
];

/** Art. 9(1) special categories, plus Art. 10 criminal data and the French NIR (distinct regimes). */
export const SPECIAL_CATEGORIES = [
  'RACIAL_ETHNIC',
  'POLITICAL',
  'RELIGIOUS',
  'TRADE_UNION',
  'GENETIC',
  'BIOMETRIC',
  'HEALTH',
  'SEX_LIFE',
  'CRIMINAL',
  'NIR',
] as const;
export type SpecialCategory = (typeof SPECIAL_CATEGORIES)[number];
export const ART9_CATEGORIES: ReadonlyArray<SpecialCategory> = SPECIAL_CATEGORIES.filter(
  (c) => c !== 'CRIMINAL' && c !== 'NIR',
);

/** Art. 9(2)(a)-(j). */
export const ART9_CONDITIONS = [
  'A_EXPLICIT_CONSENT',
  'B_EMPLOYMENT_SOCIAL',
  'C_VITAL_INTEREST',
  'D_NOT_FOR_PROFIT',
  'E_MADE_PUBLIC',
  'F_LEGAL_CLAIMS',
  'G_PUBLIC_INTEREST',
  'H_HEALTH_CARE',
  'I_PUBLIC_HEALTH',
  'J_ARCHIVING_RESEARCH',
] as const;
export type Art9Condition = (typeof ART9_CONDITIONS)[number];

/** CNIL recipient types (fiche, section "Destinataires"). */
export const RECIPIENT_TYPES = ['INTERNAL', 'EXTERNAL_BODY', 'PROCESSOR'] as const;
export type RecipientType = (typeof RECIPIENT_TYPES)[number];

/** Transfer safeguards (Chapter V). Issue 6 deepens transfers; these are the register-level grounds. */
export const SAFEGUARDS = [
  'ADEQUACY',
  'DPF',
  'SCC_2021',
  'BCR',
  'UK_IDTA',
  'DEROGATION_49',
  'OTHER',
  'LEGACY_PRIVACY_SHIELD',
  'LEGACY_SAFE_HARBOR',
  'LEGACY_SCC',
] as const;
export type Safeguard = (typeof SAFEGUARDS)[number];
export const INVALID_SAFEGUARDS: ReadonlyArray<Safeguard> = [
  'LEGACY_PRIVACY_SHIELD',
  'LEGACY_SAFE_HARBOR',
  'LEGACY_SCC',
];

export const RETENTION_UNITS = ['days', 'months', 'years'] as const;
export type RetentionUnit = (typeof RETENTION_UNITS)[number];

/** What happens at the end of the retention cycle (CNIL guide « Les durées de conservation », shared/domain.md 6.2). */
export const RETENTION_ENDS = ['delete', 'anonymise'] as const;
export type RetentionEnd = (typeof RETENTION_ENDS)[number];

/**
 * A data-category row may stand for every category of the record ("Toutes" in seed 002: authority
 * requests, incident handling). Reserved code, accepted beside the reference list's codes.
 */
export const ALL_DATA_CATEGORIES = 'ALL';

/** Whom a processor record serves: one client, or every client under the standard data processing agreement. */
export const CLIENT_SCOPES = ['one', 'standardDpa'] as const;
export type ClientScope = (typeof CLIENT_SCOPES)[number];

export const DPIA_NEEDED = ['unknown', 'yes', 'no'] as const;
export type DpiaNeeded = (typeof DPIA_NEEDED)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
