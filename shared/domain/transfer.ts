import { z } from 'zod';
import { code, msg, optionalDate, requiredText, text } from './validation';

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

export type Adequacy = Readonly<{ country: string; scope: 'full' | 'partial'; decision: string; decisionEn: string; date: string; validUntil?: string; scopeFr: string; scopeEn: string; dpf?: boolean }>;
export type InvalidatedNote = Readonly<{ mechanism: Mechanism; date: string; case: string; caseEn: string; titleFr: string; titleEn: string; meaningFr: string; meaningEn: string; todoFr: string; todoEn: string }>;
export type TransferReference = Readonly<{
  asOf: string;
  source: string;
  countries: ReadonlyArray<string>;
  eea: ReadonlyArray<string>;
  adequacy: ReadonlyArray<Adequacy>;
  sccModules: ReadonlyArray<Readonly<{ module: 1 | 2 | 3 | 4; code: string; exporter: Role; importer: Role }>>;
  invalidated: ReadonlyArray<InvalidatedNote>;
}>;

export const TransferReferenceSchema = z.object({
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.string(),
  countries: z.array(z.string().regex(/^[A-Z]{2}$/)).min(200),
  eea: z.array(z.string().regex(/^[A-Z]{2}$/)).length(30),
  adequacy: z.array(
    z.object({ country: z.string().regex(/^[A-Z]{2}$/), scope: z.enum(['full', 'partial']), decision: z.string().min(1), decisionEn: z.string().min(1), date: z.string(), validUntil: z.string().optional(), scopeFr: z.string(), scopeEn: z.string(), dpf: z.boolean().optional() }),
  ),
  sccModules: z.array(z.object({ module: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), code: z.string(), exporter: z.enum(ROLES), importer: z.enum(ROLES) })).length(4),
  invalidated: z.array(
    z.object({ mechanism: z.enum(MECHANISMS), date: z.string(), case: z.string(), caseEn: z.string(), titleFr: z.string(), titleEn: z.string(), meaningFr: z.string(), meaningEn: z.string(), todoFr: z.string(), todoEn: z.string() }),
  ),
});

/** The SCC module the parties' roles call for (Decision 2021/914): C→C 1, C→P 2, P→P 3, P→C 4. */
export function moduleFor(exporter: Role, importer: Role): 1 | 2 | 3 | 4 {
  if (exporter === 'controller') return importer === 'controller' ? 1 : 2;
  return importer === 'processor' ? 3 : 4;
}

export function adequacyOf(ref: TransferReference, countryCode: string, today: string): Adequacy | undefined {
  return ref.adequacy.find((a) => a.country === countryCode && (!a.validUntil || a.validUntil >= today));
}

export type TransferWarning = Readonly<{ key: string; params?: Readonly<Record<string, string | number>> }>;

const monthsBefore = (day: string, months: number) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d.toISOString().slice(0, 10);
};

/**
 * What is wrong with a transfer, for the DPO to act on: an invalid mechanism; a country outside
 * the EEA with neither adequacy nor safeguard; SCCs (or another Art. 46 tool) without a TIA; a DPF
 * certification not checked in the last 12 months; an SCC module that does not match the roles;
 * a review date passed.
 */
export function transferWarnings(d: TransferDoc, ref: TransferReference, today: string): TransferWarning[] {
  if (d.status === 'ended') return [];
  const out: TransferWarning[] = [];
  const countries = [d.importerCountry, ...d.accessCountries];
  const outside = countries.filter((c) => !ref.eea.includes(c));
  if (outside.length === 0) return out; // inside the EEA: not a transfer
  if (d.mechanism !== '' && LEGACY_MECHANISMS.includes(d.mechanism)) {
    const note = ref.invalidated.find((n) => n.mechanism === d.mechanism);
    out.push({ key: 'invalidMechanism', params: { since: note?.date ?? '' } });
  }
  const adequateEverywhere = outside.every((c) => {
    const a = adequacyOf(ref, c, today);
    if (!a) return false;
    if (a.dpf) return d.mechanism === 'DPF' && d.dpf.certified;
    return a.scope === 'full' || d.adequacyScopeConfirmed;
  });
  if (d.mechanism === '' || LEGACY_MECHANISMS.includes(d.mechanism as Mechanism)) {
    if (!adequateEverywhere) out.push({ key: 'noGround', params: { countries: outside.join(', ') } });
  } else if (d.mechanism === 'ADEQUACY' && !adequateEverywhere) {
    out.push({ key: 'noAdequacy', params: { countries: outside.filter((c) => !adequacyOf(ref, c, today) || adequacyOf(ref, c, today)!.dpf).join(', ') } });
  }
  if (NEEDS_TIA.includes(d.mechanism as Mechanism) && !d.tia.done) out.push({ key: 'noTia' });
  if (d.mechanism === 'DPF') {
    if (!d.dpf.certified || d.dpf.checkedOn === '') out.push({ key: 'dpfNotChecked' });
    else if (d.dpf.checkedOn < monthsBefore(today, 12)) out.push({ key: 'dpfStale', params: { checkedOn: d.dpf.checkedOn } });
  }
  // SCCs whose module is not known yet (a transfer taken over from a record by migration 0080).
  if (d.mechanism === 'SCC_2021' && d.scc.module === null) out.push({ key: 'moduleMissing', params: { expected: moduleFor(d.exporterRole, d.importerRole) } });
  if (d.mechanism === 'SCC_2021' && d.scc.module !== null) {
    const expected = moduleFor(d.exporterRole, d.importerRole);
    if (d.scc.module !== expected) out.push({ key: 'moduleMismatch', params: { module: d.scc.module, expected } });
  }
  const reviews = [d.reviewOn, d.tia.done ? d.tia.reviewOn : ''].filter((x) => x !== '' && x < today).sort();
  if (reviews.length) out.push({ key: 'reviewPassed', params: { date: reviews[0]! } });
  return out;
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
    if (ref.eea.includes(c) || covered.has(c)) return false;
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
