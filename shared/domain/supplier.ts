import { z } from 'zod';
import { code, msg, optionalDate, requiredText, text } from './validation';

/**
 * A supplier that receives personal data (shared/domain.md 5.1-5.5): processor, sub-processor,
 * or, marked as such, a joint or independent controller; its contract check (Art. 28(3)(a)-(h),
 * 28(2), 28(4)), locations, own sub-processors, certifications. Documents and audits are kept
 * beside it; the register activities it serves are linked both ways.
 */

export const SUPPLIER_ROLES = ['processor', 'subProcessor', 'jointController', 'independentController'] as const;
export const SUPPLIER_STATUSES = ['active', 'ended'] as const;
export const RISK_TIERS = ['high', 'medium', 'low'] as const;
/** Months between audits for each tier (domain.md 5.4: high yearly, medium every 2 years, low every 3). */
export const AUDIT_INTERVAL_MONTHS: Readonly<Record<(typeof RISK_TIERS)[number], number>> = { high: 12, medium: 24, low: 36 };
export const CERTIFICATIONS = ['ISO27001', 'ISO27701', 'HDS', 'SOC2', 'PCIDSS', 'SECNUMCLOUD', 'OTHER'] as const;
/** Art. 28(3)(a)-(h), then 28(2) (authorisation of sub-processors) and 28(4) (obligations flowed down). */
export const DPA_CLAUSES = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'subAuthorisation', 'subFlowDown'] as const;
export type DpaClause = (typeof DPA_CLAUSES)[number];
export const CLAUSE_STATES = ['present', 'missing', 'na', ''] as const;
export const END_OF_CONTRACT = ['return', 'delete', 'returnThenDelete', ''] as const;
export const DOCUMENT_KINDS = ['contract', 'dpa', 'certificate', 'auditReport', 'other'] as const;

const SHORT = 500;
const LONG = 20_000;
const optionalInt = (max: number) =>
  z.number({ error: msg('number') }).int({ error: msg('integer') }).min(0, { error: msg('min', { min: 0 }) }).max(max, { error: msg('max', { max }) }).nullable();

export const SupplierDocSchema = z
  .object({
    name: requiredText(200),
    tradeName: text(200),
    role: z.enum(SUPPLIER_ROLES, { error: msg('choice') }),
    status: z.enum(SUPPLIER_STATUSES, { error: msg('choice') }),
    address: text(SHORT),
    country: text(100),
    contact: z.object({ name: text(200), email: text(200), phone: text(50) }),
    dpoContact: text(SHORT),
    services: requiredText(LONG),
    dataCategories: z.array(code).max(100, { error: msg('tooMany', { max: 100 }) }),
    activityIds: z.array(z.string().uuid({ error: msg('invalid') })).max(500),
    /** ISO 3166 codes, like the transfers', so that locations outside the EEA can be checked against the transfer register. */
    storageCountries: z.array(z.string().regex(/^[A-Z]{2}$/, { error: msg('country') })).max(50, { error: msg('tooMany', { max: 50 }) }),
    accessCountries: z.array(z.string().regex(/^[A-Z]{2}$/, { error: msg('country') })).max(50, { error: msg('tooMany', { max: 50 }) }),
    subProcessors: z.array(z.object({ name: requiredText(200), service: text(SHORT), country: text(100) })).max(200, { error: msg('tooMany', { max: 200 }) }),
    subProcessorsListDate: optionalDate,
    certifications: z
      .array(z.object({ type: z.enum(CERTIFICATIONS, { error: msg('choice') }), label: text(200), expires: optionalDate }))
      .max(30, { error: msg('tooMany', { max: 30 }) }),
    dpa: z.object({
      signed: z.boolean(),
      signedOn: optionalDate,
      version: text(200),
      clauses: z.partialRecord(z.enum(DPA_CLAUSES), z.enum(CLAUSE_STATES, { error: msg('choice') })),
      breachNoticeHours: optionalInt(720),
      auditNoticeDays: optionalInt(365),
      endOfContract: z.enum(END_OF_CONTRACT, { error: msg('choice') }),
    }),
    riskTier: z.enum(RISK_TIERS, { error: msg('choice') }),
    nextAuditOn: optionalDate,
    notes: text(LONG),
  })
  .superRefine((d, ctx) => {
    if (d.dpa.signed && d.dpa.signedOn === '') ctx.addIssue({ code: 'custom', message: msg('signedOnRequired'), path: ['dpa', 'signedOn'] });
    if (!d.dpa.signed && d.dpa.signedOn !== '') ctx.addIssue({ code: 'custom', message: msg('signedOnNotSigned'), path: ['dpa', 'signedOn'] });
    d.certifications.forEach((c, i) => {
      if (c.type === 'OTHER' && c.label.trim() === '') ctx.addIssue({ code: 'custom', message: msg('required'), path: ['certifications', i, 'label'] });
    });
  });
export type SupplierDoc = z.infer<typeof SupplierDocSchema>;

export function emptySupplierDoc(): SupplierDoc {
  return {
    name: '',
    tradeName: '',
    role: 'processor',
    status: 'active',
    address: '',
    country: '',
    contact: { name: '', email: '', phone: '' },
    dpoContact: '',
    services: '',
    dataCategories: [],
    activityIds: [],
    storageCountries: [],
    accessCountries: [],
    subProcessors: [],
    subProcessorsListDate: '',
    certifications: [],
    dpa: { signed: false, signedOn: '', version: '', clauses: {}, breachNoticeHours: null, auditNoticeDays: null, endOfContract: '' },
    riskTier: 'medium',
    nextAuditOn: '',
    notes: '',
  };
}

/** Whether the supplier processes on our behalf (the Art. 28 contract applies) rather than as a controller. */
export const isProcessorRole = (role: SupplierDoc['role']) => role === 'processor' || role === 'subProcessor';

/** The contract check's findings: each Art. 28 clause missing or not yet checked, an unsigned agreement. */
export function contractFindings(d: SupplierDoc): Array<{ key: string; clause?: DpaClause }> {
  if (!isProcessorRole(d.role)) return [];
  const out: Array<{ key: string; clause?: DpaClause }> = [];
  if (!d.dpa.signed) out.push({ key: 'unsigned' });
  for (const clause of DPA_CLAUSES) {
    const state = d.dpa.clauses[clause] ?? '';
    if (state === 'missing') out.push({ key: 'missing', clause });
    else if (state === '') out.push({ key: 'unchecked', clause });
  }
  if (d.dpa.endOfContract === '') out.push({ key: 'endOfContract' });
  return out;
}

/** Certifications expiring between `today` and `today + days` (or already expired). */
export function expiringCertifications(d: SupplierDoc, today: string, days = 60): SupplierDoc['certifications'] {
  const limit = new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  return d.certifications.filter((c) => c.expires !== '' && c.expires <= limit);
}

export type SupplierSummary = Readonly<{
  id: string;
  name: string;
  tradeName: string;
  role: SupplierDoc['role'];
  status: SupplierDoc['status'];
  /** Storage and access countries, ISO codes. */
  countries: ReadonlyArray<string>;
  /** Countries outside the EEA, without full adequacy, with no transfer recorded. */
  transferGaps: ReadonlyArray<string>;
  activities: number;
  dpaSigned: boolean;
  missingClauses: number;
  nextAuditOn: string;
  lastScore: number | null;
  lastVerdict: string | null;
  updatedAt: string;
  deletedAt: string | null;
}>;

export type SupplierDocument = Readonly<{ id: string; supplierId: string; kind: (typeof DOCUMENT_KINDS)[number]; name: string; sha256: string; size: number; addedAt: string; actor: string }>;

export type SupplierEntry = Readonly<{
  id: string;
  doc: SupplierDoc;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  documents: ReadonlyArray<SupplierDocument>;
  findings: ReturnType<typeof contractFindings>;
  transferGaps: ReadonlyArray<string>;
}>;
