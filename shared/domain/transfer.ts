import { z } from 'zod';
import { code, msg, optionalDate, requiredText, text } from './validation';
import { countryName } from './countries';

/**
 * Transfers of personal data outside the EEA (GDPR Chapter V; shared/domain.md 4): who exports
 * to whom, where, on which ground, with the transfer impact assessment of EDPB Recommendations
 * 01/2020, and the warnings a DPO must see. The reference (EEA, adequacy decisions, SCC modules,
 * invalidated mechanisms) is data, dated, in resources/reference/transfers.json.
 */

export const MECHANISMS = [
  'ADEQUACY',
  'DPF',
  'SCC_2021',
  'UK_IDTA',
  'UK_ADDENDUM',
  'BCR',
  'CODE_CERTIFICATION',
  'AD_HOC',
  'DEROGATION_49',
  'LEGACY_SAFE_HARBOR',
  'LEGACY_PRIVACY_SHIELD',
  'LEGACY_SCC',
] as const;
export type Mechanism = (typeof MECHANISMS)[number];
export const LEGACY_MECHANISMS: ReadonlyArray<Mechanism> = ['LEGACY_SAFE_HARBOR', 'LEGACY_PRIVACY_SHIELD', 'LEGACY_SCC'];
/** Art. 46 tools that rest on the importer's country's law and practice, hence a TIA (Clause 14 of the SCCs). */
export const NEEDS_TIA: ReadonlyArray<Mechanism> = ['SCC_2021', 'UK_IDTA', 'UK_ADDENDUM', 'BCR', 'CODE_CERTIFICATION', 'AD_HOC'];
export const ROLES = ['controller', 'processor'] as const;
export const IMPORTER_TYPES = ['organisation', 'internationalOrganisation'] as const;
export const EXPORTER_LAWS = ['GDPR', 'UK_GDPR'] as const;
export type Role = (typeof ROLES)[number];
export const FREQUENCIES = ['continuous', 'oneOff', 'remoteAccess'] as const;
/** Art. 49(1)(a)-(g) and the residual compelling legitimate interests (second subparagraph). */
export const DEROGATIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'compelling'] as const;
export const SUPPLEMENTARY_MEASURES = ['ENCRYPTION_EEA_KEYS', 'PSEUDONYMISATION', 'SPLIT_PROCESSING', 'CONTRACTUAL', 'ORGANISATIONAL', 'TRANSPARENCY'] as const;
export const TIA_CONCLUSIONS = ['effective', 'effectiveWithMeasures', 'notEffective'] as const;
export const TIA_STEPS = ['know', 'tool', 'law', 'measures', 'procedural', 'reevaluation'] as const;

const LONG = 20_000;
const country = z.string({ error: msg('country') }).regex(/^[A-Z]{2}$/, { error: msg('country') });

export const TransferDocSchema = z
  .object({
    title: requiredText(200),
    status: z.enum(['active', 'ended'], { error: msg('choice') }),
    /** The organisation, or a supplier for an onward transfer. */
    exporterSupplierId: z.union([z.literal(''), z.string().uuid({ error: msg('invalid') })]),
    importerSupplierId: z.union([z.literal(''), z.string().uuid({ error: msg('invalid') })]),
    importerName: text(200),
    /** A third-country organisation, or an international organisation (Art. 44-46 and 4(26) GDPR) wherever its seat. */
    importerType: z.enum(IMPORTER_TYPES, { error: msg('choice') }).default('organisation'),
    /** The international organisation's code in the reference (those with an adequacy decision), or '' for another one. */
    internationalOrganisation: text(50).default(''),
    /** Whether the importer's processing is itself subject to the GDPR (Art. 3(2)): then the 2021 SCCs are not the tool (recital 7, Art. 1 of Decision 2021/914). null: not known. */
    importerSubjectToGdpr: z.boolean().nullable().default(null),
    /** The law the exporter is subject to for this transfer: the GDPR, or the UK GDPR only (a UK exporter, for whom the IDTA and the Addendum are the tools). */
    exporterLaw: z.enum(EXPORTER_LAWS, { error: msg('choice') }).default('GDPR'),
    importerCountry: country,
    accessCountries: z.array(country).max(50, { error: msg('tooMany', { max: 50 }) }),
    exporterRole: z.enum(ROLES, { error: msg('choice') }),
    importerRole: z.enum(ROLES, { error: msg('choice') }),
    activityIds: z.array(z.string().uuid({ error: msg('invalid') })).max(200),
    dataCategories: z.array(code).max(100),
    frequency: z.enum(FREQUENCIES, { error: msg('choice') }),
    mechanism: z.union([z.enum(MECHANISMS, { error: msg('choice') }), z.literal('')], { error: msg('choice') }),
    /** Adequacy with a scope limit (Canada: commercial organisations; Japan: private sector): the DPO confirms the importer is in it. */
    adequacyScopeConfirmed: z.boolean(),
    dpf: z.object({ certified: z.boolean(), checkedOn: optionalDate, scope: text(500) }),
    scc: z.object({
      module: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.null()], { error: msg('choice') }),
      signedOn: optionalDate,
      docking: z.boolean(),
      clause9: z.enum(['', 'specific', 'general'], { error: msg('choice') }),
      noticeDays: z.number({ error: msg('number') }).int({ error: msg('integer') }).min(0).max(365, { error: msg('max', { max: 365 }) }).nullable(),
      clause11: z.boolean(),
      governingLaw: text(100),
    }),
    bcr: z.object({ group: text(200), authority: text(200), reference: text(200), approvedOn: optionalDate }),
    derogation: z.object({ ground: z.enum(['', ...DEROGATIONS], { error: msg('choice') }), justification: text(LONG), authorityInformedOn: optionalDate }),
    tia: z.object({
      done: z.boolean(),
      doneOn: optionalDate,
      steps: z.object({ know: text(LONG), tool: text(LONG), law: text(LONG), measures: text(LONG), procedural: text(LONG), reevaluation: text(LONG) }),
      measures: z.array(z.enum(SUPPLEMENTARY_MEASURES, { error: msg('choice') })).max(SUPPLEMENTARY_MEASURES.length),
      measuresDetail: text(LONG),
      conclusion: z.enum(['', ...TIA_CONCLUSIONS], { error: msg('choice') }),
      reviewOn: optionalDate,
    }),
    reviewOn: optionalDate,
    notes: text(LONG),
  })
  .superRefine((d, ctx) => {
    const issue = (path: Array<string | number>, key: string) => ctx.addIssue({ code: 'custom', message: msg(key), path });
    if (d.importerSupplierId === '' && d.importerName.trim() === '') issue(['importerName'], 'required');
    if (d.mechanism === 'SCC_2021' && d.scc.module === null) issue(['scc', 'module'], 'required');
    if (d.mechanism === 'DEROGATION_49' && d.derogation.ground === '') issue(['derogation', 'ground'], 'required');
    if (d.mechanism === 'DEROGATION_49' && d.derogation.justification.trim() === '') issue(['derogation', 'justification'], 'required');
    if (d.mechanism === 'BCR' && d.bcr.group.trim() === '') issue(['bcr', 'group'], 'required');
    if (d.tia.done && d.tia.doneOn === '') issue(['tia', 'doneOn'], 'required');
    if (d.tia.done && d.tia.conclusion === '') issue(['tia', 'conclusion'], 'required');
  });
export type TransferDoc = z.infer<typeof TransferDocSchema>;

export function emptyTransferDoc(): TransferDoc {
  return {
    title: '',
    status: 'active',
    exporterSupplierId: '',
    importerSupplierId: '',
    importerName: '',
    importerType: 'organisation',
    internationalOrganisation: '',
    importerSubjectToGdpr: null,
    exporterLaw: 'GDPR',
    importerCountry: 'US',
    accessCountries: [],
    exporterRole: 'controller',
    importerRole: 'processor',
    activityIds: [],
    dataCategories: [],
    frequency: 'continuous',
    mechanism: '',
    adequacyScopeConfirmed: false,
    dpf: { certified: false, checkedOn: '', scope: '' },
    scc: { module: null, signedOn: '', docking: false, clause9: '', noticeDays: null, clause11: false, governingLaw: '' },
    bcr: { group: '', authority: '', reference: '', approvedOn: '' },
    derogation: { ground: '', justification: '', authorityInformedOn: '' },
    tia: { done: false, doneOn: '', steps: { know: '', tool: '', law: '', measures: '', procedural: '', reevaluation: '' }, measures: [], measuresDetail: '', conclusion: '', reviewOn: '' },
    reviewOn: '',
    notes: '',
  };
}

// ---------------------------------------------------------------------------------------------
// The reference (resources/reference/transfers.json)

export type Adequacy = Readonly<{ country: string; scope: 'full' | 'partial'; decision: string; decisionEn: string; date: string; validUntil?: string; scopeFr: string; scopeEn: string; dpf?: boolean; ojFr: string; ojEn: string }>;
export type OrganisationAdequacy = Readonly<{ code: string; nameFr: string; nameEn: string; decision: string; decisionEn: string; date: string; ojFr: string; ojEn: string }>;
export type Territory = Readonly<{ code: string; basisFr: string; basisEn: string }>;
export type ReferenceNote = Readonly<{ id: string; date: string; titleFr: string; titleEn: string; textFr: string; textEn: string }>;
export type InvalidatedNote = Readonly<{ mechanism: Mechanism; date: string; case: string; caseEn: string; titleFr: string; titleEn: string; meaningFr: string; meaningEn: string; todoFr: string; todoEn: string }>;
export type TransferReference = Readonly<{
  asOf: string;
  source: string;
  countries: ReadonlyArray<string>;
  eea: ReadonlyArray<string>;
  /** Territories with their own ISO code where the GDPR applies (TFEU Art. 349, 355(1) and (4)): not third countries. */
  eeaTerritories: ReadonlyArray<Territory>;
  /** Overseas countries and territories and other territories outside the EU (TFEU Art. 355(2) and Annex II, 355(5)): third countries. */
  nonEeaTerritories: ReadonlyArray<Territory>;
  adequacy: ReadonlyArray<Adequacy>;
  internationalOrganisations: ReadonlyArray<OrganisationAdequacy>;
  sccModules: ReadonlyArray<Readonly<{ module: 1 | 2 | 3 | 4; code: string; exporter: Role; importer: Role }>>;
  invalidated: ReadonlyArray<InvalidatedNote>;
  notes: ReadonlyArray<ReferenceNote>;
}>;

const territory = z.object({ code: z.string().regex(/^[A-Z]{2}$/), basisFr: z.string().min(1), basisEn: z.string().min(1) });
export const TransferReferenceSchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string(),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(200),
  eea: z.array(z.string().regex(/^[A-Z]{2}$/)).length(30),
  eeaTerritories: z.array(territory),
  nonEeaTerritories: z.array(territory),
  adequacy: z.array(
    z.object({ country: z.string().regex(/^[A-Z]{2}$/), scope: z.enum(['full', 'partial']), decision: z.string().min(1), decisionEn: z.string().min(1), date: z.string(), validUntil: z.string().optional(), scopeFr: z.string(), scopeEn: z.string(), dpf: z.boolean().optional(), ojFr: z.string().min(1), ojEn: z.string().min(1) }),
  ),
  internationalOrganisations: z.array(z.object({ code: z.string().min(1), nameFr: z.string().min(1), nameEn: z.string().min(1), decision: z.string().min(1), decisionEn: z.string().min(1), date: z.string(), ojFr: z.string().min(1), ojEn: z.string().min(1) })),
  sccModules: z.array(z.object({ module: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), code: z.string(), exporter: z.enum(ROLES), importer: z.enum(ROLES) })).length(4),
  invalidated: z.array(
    z.object({ mechanism: z.enum(MECHANISMS), date: z.string(), case: z.string(), caseEn: z.string(), titleFr: z.string(), titleEn: z.string(), meaningFr: z.string(), meaningEn: z.string(), todoFr: z.string(), todoEn: z.string() }),
  ),
  notes: z.array(z.object({ id: z.string(), date: z.string(), titleFr: z.string(), titleEn: z.string(), textFr: z.string(), textEn: z.string() })),
});

/** The SCC module the parties' roles call for (Decision 2021/914): C→C 1, C→P 2, P→P 3, P→C 4. */
export function moduleFor(exporter: Role, importer: Role): 1 | 2 | 3 | 4 {
  if (exporter === 'controller') return importer === 'controller' ? 1 : 2;
  return importer === 'processor' ? 3 : 4;
}

/** Where the GDPR applies: the 30 EEA states and their territories with an ISO code of their own (RE, GP, MQ, GF, YT, MF, AX). */
export function isEea(ref: TransferReference, code: string): boolean {
  return ref.eea.includes(code) || ref.eeaTerritories.some((t) => t.code === code);
}

export function adequacyOf(ref: TransferReference, countryCode: string, today: string): Adequacy | undefined {
  return ref.adequacy.find((a) => a.country === countryCode && (!a.validUntil || a.validUntil >= today));
}

export type WarningSeverity = 'critical' | 'warning';
export type TransferWarning = Readonly<{ key: string; params?: Readonly<Record<string, string | number>>; severity?: WarningSeverity }>;

const monthsBefore = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

/** Rows stored before the importer type and the GDPR flags existed: their defaults. */
const importerType = (d: TransferDoc) => d.importerType ?? 'organisation';
const isOrganisationImporter = (d: TransferDoc) => importerType(d) === 'internationalOrganisation';

/** The destinations outside the EEA: the countries (importer's and access), and an international organisation importer as 'IO:<code or name>'. */
function destinations(d: TransferDoc, ref: TransferReference): string[] {
  const access = d.accessCountries.filter((c) => !isEea(ref, c));
  if (isOrganisationImporter(d)) return [`IO:${d.internationalOrganisation || d.importerName}`, ...access.filter((c) => c !== d.importerCountry)];
  return [d.importerCountry, ...access].filter((c) => !isEea(ref, c)).filter((c, i, all) => all.indexOf(c) === i);
}

type Rule = (d: TransferDoc, ref: TransferReference, today: string, outside: ReadonlyArray<string>) => TransferWarning[];

/** Is a destination covered by adequacy for this transfer? (DPF: only a certified importer; partial scope: only once confirmed.) */
function adequateFor(d: TransferDoc, ref: TransferReference, today: string, dest: string): boolean {
  if (dest.startsWith('IO:')) return ref.internationalOrganisations.some((o) => o.code === d.internationalOrganisation);
  const a = adequacyOf(ref, dest, today);
  if (!a) return false;
  if (a.dpf) return d.mechanism === 'DPF' && d.dpf.certified && dest === 'US';
  return a.scope === 'full' || d.adequacyScopeConfirmed;
}

const label = (dest: string) => (dest.startsWith('IO:') ? dest.slice(3) : dest);

/** A mechanism invalidated by the Court of Justice or repealed (Safe Harbor, Privacy Shield, old SCCs), with its date. */
export const invalidMechanismRule: Rule = (d, ref) => {
  if (d.mechanism === '' || !LEGACY_MECHANISMS.includes(d.mechanism)) return [];
  const note = ref.invalidated.find((n) => n.mechanism === d.mechanism);
  return [{ key: 'invalidMechanism', params: { since: note?.date ?? '' } }];
};

/**
 * No ground chosen (or only an invalid one) and no adequacy for every destination. The United
 * States has an adequacy decision for DPF-certified organisations only: there the warning says
 * "no adequacy for this importer (not DPF-certified)", not "no adequacy decision", which the
 * reference page would contradict.
 */
export const noGroundRule: Rule = (d, ref, today, outside) => {
  if (d.mechanism !== '' && !LEGACY_MECHANISMS.includes(d.mechanism)) return [];
  const missing = outside.filter((c) => !adequateFor(d, ref, today, c));
  const dpfOnly = missing.filter((c) => !c.startsWith('IO:') && adequacyOf(ref, c, today)?.dpf);
  const others = missing.filter((c) => !dpfOnly.includes(c));
  return [
    ...(others.length ? [{ key: 'noGround', params: { countries: others.map(label).join(', ') } }] : []),
    ...(dpfOnly.length ? [{ key: 'noGroundNotDpf', params: { countries: dpfOnly.join(', ') } }] : []),
  ];
};

/**
 * Adequacy chosen where it does not apply, one warning per destination saying why: no decision;
 * a decision with a partial scope not confirmed (which decision, what to confirm: Canada PIPEDA,
 * Japan APPI, Korea PIPA, Israel automated transfers); the United States, where only
 * DPF-certified organisations are adequate (Decision 2023/1795).
 */
export const adequacyRule: Rule = (d, ref, today, outside) => {
  if (d.mechanism !== 'ADEQUACY') return [];
  const out: TransferWarning[] = [];
  const none: string[] = [];
  for (const dest of outside) {
    if (adequateFor(d, ref, today, dest)) continue;
    const a = dest.startsWith('IO:') ? undefined : adequacyOf(ref, dest, today);
    if (a?.dpf) out.push({ key: 'adequacyUsNotDpf', params: { decision: a.decisionEn } });
    else if (a) out.push({ key: 'adequacyScopeUnconfirmed', params: { country: dest, decision: a.decisionEn, decisionFr: a.decision, scope: a.scopeEn, scopeFr: a.scopeFr } });
    else none.push(label(dest));
  }
  if (none.length) out.unshift({ key: 'noAdequacy', params: { countries: none.join(', ') } });
  return out;
};

/** SCCs (or another Art. 46 tool resting on the importer's country's law) without a TIA (Clause 14). */
export const tiaMissingRule: Rule = (d) => (NEEDS_TIA.includes(d.mechanism as Mechanism) && !d.tia.done ? [{ key: 'noTia' }] : []);

/** A TIA concluding the tool is not effective on an active transfer: suspend, or notify (SCC Clauses 14(f), 16(b)). The most serious warning. */
export const tiaNotEffectiveRule: Rule = (d) => (d.tia.done && d.tia.conclusion === 'notEffective' ? [{ key: 'tiaNotEffective', severity: 'critical' }] : []);

/**
 * When a DPF certification checked on `checkedOn` is to be checked again: 12 months later.
 * Adequacy decision (EU) 2023/1795, Annex I, Section I.3 and III.11: an organisation re-certifies
 * every year and one that fails to is removed from the Data Privacy Framework List, after which
 * the decision no longer covers transfers to it; the exporter re-checks the List.
 */
export const DPF_RECHECK_MONTHS = 12;
export function dpfRecheckOn(checkedOn: string): string {
  return monthsBefore(checkedOn, -DPF_RECHECK_MONTHS);
}

/** A DPF certification not checked, or checked more than 12 months ago (dpfRecheckOn has passed). */
export const dpfCheckRule: Rule = (d, _ref, today) => {
  if (d.mechanism !== 'DPF') return [];
  if (!d.dpf.certified || d.dpf.checkedOn === '') return [{ key: 'dpfNotChecked' }];
  if (dpfRecheckOn(d.dpf.checkedOn) < today) return [{ key: 'dpfStale', params: { checkedOn: d.dpf.checkedOn } }];
  return [];
};

/** The DPF covers self-certified organisations in the United States only: an importer elsewhere, or access from another third country, is not covered. */
export const dpfOutsideUsRule: Rule = (d, _ref, _today, outside) => {
  if (d.mechanism !== 'DPF') return [];
  const elsewhere = outside.filter((c) => c !== 'US');
  return elsewhere.length ? [{ key: 'dpfOutsideUs', params: { countries: elsewhere.map(label).join(', ') } }] : [];
};

/** The UK IDTA and Addendum are UK GDPR instruments (s.119A DPA 2018), not Art. 46 GDPR safeguards: no ground for an exporter subject to the GDPR. */
export const ukInstrumentRule: Rule = (d) => ((d.mechanism === 'UK_IDTA' || d.mechanism === 'UK_ADDENDUM') && (d.exporterLaw ?? 'GDPR') === 'GDPR' ? [{ key: 'ukInstrumentForGdprExporter' }] : []);

/**
 * The 2021 SCCs are for an importer outside the EEA whose processing is not subject to the GDPR
 * (Art. 1 and recital 7 of Decision 2021/914): not for an importer in the EEA (the transfer is
 * the access from the third country, by whoever accesses), nor for an importer under Art. 3(2).
 */
export const sccImporterInEeaRule: Rule = (d, ref) => (d.mechanism === 'SCC_2021' && !isOrganisationImporter(d) && isEea(ref, d.importerCountry) ? [{ key: 'sccImporterInEea' }] : []);
export const sccImporterSubjectToGdprRule: Rule = (d) => (d.mechanism === 'SCC_2021' && d.importerSubjectToGdpr === true ? [{ key: 'sccImporterSubjectToGdpr' }] : []);

/** Compelling legitimate interests (Art. 49(1), second subparagraph): the supervisory authority must be informed. */
export const compellingNotInformedRule: Rule = (d) => (d.mechanism === 'DEROGATION_49' && d.derogation.ground === 'compelling' && d.derogation.authorityInformedOn === '' ? [{ key: 'compellingNotInformed' }] : []);

/** Art. 49 derogations are for occasional transfers (EDPB Guidelines 2/2018, 2.1): not for a continuous transfer or a standing remote access. */
export const derogationRepeatedRule: Rule = (d) => (d.mechanism === 'DEROGATION_49' && d.frequency !== 'oneOff' ? [{ key: 'derogationRepeated' }] : []);

/** SCCs whose module is not known yet (a transfer taken over from a record by migration 0080), or does not match the roles. */
export const sccModuleRule: Rule = (d) => {
  if (d.mechanism !== 'SCC_2021') return [];
  const expected = moduleFor(d.exporterRole, d.importerRole);
  if (d.scc.module === null) return [{ key: 'moduleMissing', params: { expected } }];
  return d.scc.module !== expected ? [{ key: 'moduleMismatch', params: { module: d.scc.module, expected } }] : [];
};

/** A review date passed (the transfer's or the TIA's). */
export const reviewPassedRule: Rule = (d, _ref, today) => {
  const reviews = [d.reviewOn, d.tia.done ? d.tia.reviewOn : ''].filter((x) => x !== '' && x < today).sort();
  return reviews.length ? [{ key: 'reviewPassed', params: { date: reviews[0]! } }] : [];
};

const RULES: ReadonlyArray<Rule> = [
  tiaNotEffectiveRule,
  invalidMechanismRule,
  noGroundRule,
  adequacyRule,
  dpfOutsideUsRule,
  ukInstrumentRule,
  sccImporterInEeaRule,
  sccImporterSubjectToGdprRule,
  compellingNotInformedRule,
  derogationRepeatedRule,
  tiaMissingRule,
  dpfCheckRule,
  sccModuleRule,
  reviewPassedRule,
];

/** Critical first (a negative TIA on an active transfer), then the others in rule order. */
export const isCritical = (w: TransferWarning) => w.severity === 'critical';

/**
 * What is wrong with a transfer, for the DPO to act on: each rule above, for an active transfer
 * reaching outside the EEA (an importer outside it, access from outside it, or an international
 * organisation). Critical warnings come first.
 */
export function transferWarnings(d: TransferDoc, ref: TransferReference, today: string): TransferWarning[] {
  if (d.status === 'ended') return [];
  const outside = destinations(d, ref);
  if (outside.length === 0) return []; // inside the EEA: not a transfer
  return RULES.flatMap((rule) => rule(d, ref, today, outside));
}

/**
 * Where a supplier keeps or reaches data outside the EEA with no transfer recorded for it: the
 * countries (ISO codes) without a full-scope adequacy decision that no live transfer to this
 * supplier covers (as importer country or access country).
 */
export function supplierTransferGaps(
  supplier: Readonly<{ storageCountries: ReadonlyArray<string>; accessCountries: ReadonlyArray<string> }>,
  transfers: ReadonlyArray<Pick<TransferDoc, 'status' | 'importerCountry' | 'accessCountries'>>,
  ref: TransferReference,
  today: string,
): string[] {
  const covered = new Set(transfers.filter((t) => t.status !== 'ended').flatMap((t) => [t.importerCountry, ...t.accessCountries]));
  const places = [...new Set([...supplier.storageCountries, ...supplier.accessCountries])];
  return places.filter((c) => {
    if (isEea(ref, c) || covered.has(c)) return false;
    const a = adequacyOf(ref, c, today);
    return !a || a.scope !== 'full';
  });
}

export type TransferSummary = Readonly<{
  id: string;
  title: string;
  importer: string;
  importerCountry: string;
  mechanism: TransferDoc['mechanism'];
  module: number | null;
  tiaDone: boolean;
  status: TransferDoc['status'];
  warnings: ReadonlyArray<TransferWarning>;
  activityIds: ReadonlyArray<string>;
  supplierIds: ReadonlyArray<string>;
  updatedAt: string;
  deletedAt: string | null;
}>;

export type TransferEntry = Readonly<{ id: string; doc: TransferDoc; version: number; createdAt: string; updatedAt: string; deletedAt: string | null; warnings: ReadonlyArray<TransferWarning> }>;

/** A warning's parameters in the reader's language: `decisionFr`, `scopeFr`… replace `decision`, `scope` in French; country codes become names. */
export function localWarningParams(w: TransferWarning, lang: string): Record<string, string | number> {
  const p: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(w.params ?? {})) if (!k.endsWith('Fr')) p[k] = v;
  if (lang === 'fr') for (const [k, v] of Object.entries(w.params ?? {})) if (k.endsWith('Fr')) p[k.slice(0, -2)] = v;
  // Country codes as names in the reader's language (an international organisation keeps its name).
  for (const k of ['countries', 'country']) if (typeof p[k] === 'string') p[k] = String(p[k]).split(', ').map((c) => (/^[A-Z]{2}$/.test(c) ? countryName(lang, c) : c)).join(', ');
  return p;
}
