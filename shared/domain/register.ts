import { z } from 'zod';
import {
  ART9_CONDITIONS,
  DPIA_NEEDED,
  LEGAL_BASES,
  RECIPIENT_TYPES,
  RETENTION_UNITS,
  SPECIAL_CATEGORIES,
  STATUSES,
} from './enums';
import { code, msg, optionalDate, requiredCode, requiredText, text } from './validation';
import { TransferToConvertSchema } from './record-transfers';
import { controllerMissing, processorMissing, type MissingField } from './completeness';

const SHORT = 500;
const LONG = 20_000;
/** Free notes take long texts (procedures pasted from elsewhere); 200,000 characters. */
export const NOTES_MAX = 200_000;

const orEmpty = <T extends readonly [string, ...string[]]>(values: T) =>
  z.union([z.enum(values, { error: msg('choice') }), z.literal('')], { error: msg('choice') });

export const PartySchema = z.object({
  name: requiredText(200),
  address: text(SHORT),
  email: text(200),
  phone: text(50),
  details: text(2000),
});
export type Party = z.infer<typeof PartySchema>;

/** Retention: a duration (number + unit) and/or the event or criterion it runs from. */
export const RetentionSchema = z.object({
  duration: z
    .number({ error: msg('number') })
    .int({ error: msg('integer') })
    .min(1, { error: msg('min', { min: 1 }) })
    .max(1000, { error: msg('max', { max: 1000 }) })
    .nullable(),
  unit: z.enum(RETENTION_UNITS, { error: msg('choice') }),
  criterion: text(SHORT),
});
export type Retention = z.infer<typeof RetentionSchema>;

export const SecurityMeasureSchema = z.object({ type: requiredCode, details: text(LONG) });

const noDuplicate =
  <T>(key: (item: T) => string, at: string) =>
  (items: ReadonlyArray<T>, ctx: z.RefinementCtx) => {
    const seen = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (k === '') return;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: msg('duplicate'), path: [i, at] });
      seen.set(k, i);
    });
  };

const ControllerDocBase = z.object({
  ref: requiredText(40),
  name: requiredText(200),
  status: z.enum(STATUSES, { error: msg('choice') }),
  department: code,
  software: text(200),
  jointControllers: z.array(PartySchema).max(20, { error: msg('tooMany', { max: 20 }) }),
  mainPurpose: text(LONG),
  subPurposes: z
    .array(z.object({ text: requiredText(SHORT) }))
    .max(5, { error: msg('tooMany', { max: 5 }) }),
  legalBasis: orEmpty(LEGAL_BASES),
  legalBasisDetail: text(LONG),
  dataSubjects: z
    .array(z.object({ category: requiredCode, details: text(2000) }))
    .max(50, { error: msg('tooMany', { max: 50 }) })
    .superRefine(noDuplicate((d) => d.category, 'category')),
  dataCategories: z
    .array(z.object({ category: requiredCode, description: text(LONG), retention: RetentionSchema }))
    .max(50, { error: msg('tooMany', { max: 50 }) })
    .superRefine(noDuplicate((d) => d.category, 'category')),
  specialCategories: z
    .array(
      z.object({
        category: z.enum(SPECIAL_CATEGORIES, { error: msg('choice') }),
        description: text(LONG),
        retention: RetentionSchema,
      }),
    )
    .max(10)
    .superRefine(noDuplicate((d) => d.category, 'category')),
  art9Condition: orEmpty(ART9_CONDITIONS),
  art9Detail: text(LONG),
  art10Basis: text(LONG),
  sources: text(LONG),
  recipients: z
    .array(
      z.object({
        type: z.enum(RECIPIENT_TYPES, { error: msg('choice') }),
        category: code,
        name: text(200),
        details: text(2000),
      }),
    )
    .max(50, { error: msg('tooMany', { max: 50 }) }),
  /** Transfers live in the transfer register; this keeps what an older record listed that could not be converted (migration 0080). */
  transfersToConvert: z.array(TransferToConvertSchema).max(50, { error: msg('tooMany', { max: 50 }) }).default([]),
  securityMeasures: z
    .array(SecurityMeasureSchema)
    .max(30)
    .superRefine(noDuplicate((d) => d.type, 'type')),
  dpia: z.object({
    needed: z.enum(DPIA_NEEDED, { error: msg('choice') }),
    done: z.boolean(),
    date: optionalDate,
    reason: text(LONG),
  }),
  nextReview: optionalDate,
  notes: text(NOTES_MAX),
});
export type ControllerDoc = z.infer<typeof ControllerDocBase>;

const ProcessorDocBase = z.object({
  ref: requiredText(40),
  name: requiredText(200),
  status: z.enum(STATUSES, { error: msg('choice') }),
  client: z.object({
    name: text(200),
    address: text(SHORT),
    contactName: text(200),
    email: text(200),
    phone: text(50),
    dpo: text(SHORT),
  }),
  representative: text(SHORT),
  processingCategories: z
    .array(z.object({ text: requiredText(SHORT) }))
    .max(30, { error: msg('tooMany', { max: 30 }) }),
  subProcessors: z
    .array(z.object({ name: requiredText(200), service: text(SHORT), country: text(100) }))
    .max(50, { error: msg('tooMany', { max: 50 }) }),
  /** Transfers live in the transfer register; this keeps what an older record listed that could not be converted (migration 0080). */
  transfersToConvert: z.array(TransferToConvertSchema).max(50, { error: msg('tooMany', { max: 50 }) }).default([]),
  securityMeasures: z
    .array(SecurityMeasureSchema)
    .max(30)
    .superRefine(noDuplicate((d) => d.type, 'type')),
  nextReview: optionalDate,
  notes: text(NOTES_MAX),
});
export type ProcessorDoc = z.infer<typeof ProcessorDocBase>;

/** An active record must be complete: every mandatory Art. 30 field filled (drafts may not be). */
function activeMustBeComplete(missing: ReadonlyArray<MissingField>, ctx: z.RefinementCtx) {
  for (const m of missing) {
    ctx.addIssue({ code: 'custom', message: msg('requiredForActive'), path: m.path.split('.') });
  }
}

export const ControllerDocSchema = ControllerDocBase.superRefine((doc, ctx) => {
  if (doc.dpia.done && doc.dpia.date === '') {
    ctx.addIssue({ code: 'custom', message: msg('dpiaDateRequired'), path: ['dpia', 'date'] });
  }
  if (doc.status === 'active') activeMustBeComplete(controllerMissing(doc), ctx);
});

export const ProcessorDocSchema = ProcessorDocBase.superRefine((doc, ctx) => {
  if (doc.status === 'active') activeMustBeComplete(processorMissing(doc), ctx);
});

export type RegisterDoc = ControllerDoc | ProcessorDoc;
export type DocOf<K extends 'controller' | 'processor'> = K extends 'controller' ? ControllerDoc : ProcessorDoc;

export function emptyRetention(): Retention {
  return { duration: null, unit: 'months', criterion: '' };
}

export function emptyControllerDoc(): ControllerDoc {
  return {
    ref: '',
    name: '',
    status: 'draft',
    department: '',
    software: '',
    jointControllers: [],
    mainPurpose: '',
    subPurposes: [],
    legalBasis: '',
    legalBasisDetail: '',
    dataSubjects: [],
    dataCategories: [],
    specialCategories: [],
    art9Condition: '',
    art9Detail: '',
    art10Basis: '',
    sources: '',
    recipients: [],
    transfersToConvert: [],
    securityMeasures: [],
    dpia: { needed: 'unknown', done: false, date: '', reason: '' },
    nextReview: '',
    notes: '',
  };
}

export function emptyProcessorDoc(): ProcessorDoc {
  return {
    ref: '',
    name: '',
    status: 'draft',
    client: { name: '', address: '', contactName: '', email: '', phone: '', dpo: '' },
    representative: '',
    processingCategories: [],
    subProcessors: [],
    transfersToConvert: [],
    securityMeasures: [],
    nextReview: '',
    notes: '',
  };
}

/** What the register table shows for one record; computed when the record is written. */
export type RegisterSummary = Readonly<{
  id: string;
  kind: 'controller' | 'processor';
  ref: string;
  name: string;
  status: ControllerDoc['status'];
  department: string;
  legalBasis: string;
  purpose: string;
  client: string;
  hasSpecial: boolean;
  /** From the transfer register (linked entries) and the record's transfers still to convert. */
  hasTransfers: boolean;
  /** ISO codes of the linked transfers' countries. */
  transferCountries: ReadonlyArray<string>;
  transfersToConvert: number;
  nextReview: string;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  missing: ReadonlyArray<string>;
}>;

export type RegisterEntry<K extends 'controller' | 'processor' = 'controller' | 'processor'> = Readonly<{
  id: string;
  kind: K;
  doc: DocOf<K>;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  missing: ReadonlyArray<MissingField>;
}>;
