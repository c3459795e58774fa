import { z } from 'zod';
import {
  ART9_CONDITIONS,
  CLIENT_SCOPES,
  DPIA_NEEDED,
  LEGAL_BASES,
  RECIPIENT_TYPES,
  RETENTION_ENDS,
  RETENTION_UNITS,
  SPECIAL_CATEGORIES,
  STATUSES,
} from './enums';
import { END_OF_CONTRACT } from './supplier';
import { code, msg, optionalDate, requiredCode, requiredText, text } from './validation';
import { TransferToConvertSchema } from './record-transfers';
import { controllerMissing, processorMissing, repeatedCategoryWithoutDescription, type MissingField } from './completeness';

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

const duration = z
  .number({ error: msg('number') })
  .int({ error: msg('integer') })
  .min(1, { error: msg('min', { min: 1 }) })
  .max(1000, { error: msg('max', { max: 1000 }) })
  .nullable();

/**
 * Retention as the CNIL guide describes its life cycle (shared/domain.md 6.2): the active-use
 * phase (`duration` + `unit` and/or the event it runs from, `criterion`: the fields a retention
 * always had), then the intermediate archive (`archive`: a duration and/or its starting event,
 * with its reason, such as the limitation period), then deletion or anonymisation (`end`), and
 * a free note for what fits no box ("90 days, 6 months with the storage option").
 */
export const RetentionSchema = z.object({
  duration,
  unit: z.enum(RETENTION_UNITS, { error: msg('choice') }),
  criterion: text(SHORT),
  archive: z.object({
    duration,
    unit: z.enum(RETENTION_UNITS, { error: msg('choice') }),
    criterion: text(SHORT),
    reason: text(SHORT),
  }),
  end: orEmpty(RETENTION_ENDS),
  note: text(SHORT),
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

/** One Art. 6(1) basis of a purpose, with its detail (the interest pursued, the law, how consent is collected…). */
export const PurposeBasisSchema = z.object({ basis: orEmpty(LEGAL_BASES), detail: text(LONG) });
export type PurposeBasis = z.infer<typeof PurposeBasisSchema>;

/**
 * A purpose of the processing (Art. 30(1)(b)) with the legal bases it rests on (Art. 6(1)); the
 * first purpose of a record is its main purpose (CNIL: finalité principale, then sous-finalités).
 * `review`: the bases were copied from the main purpose by the update to separate purposes
 * (migration 0070) and still need the DPO's look.
 */
export const PurposeSchema = z.object({
  text: text(LONG),
  bases: z
    .array(PurposeBasisSchema)
    .max(LEGAL_BASES.length, { error: msg('tooMany', { max: LEGAL_BASES.length }) })
    .superRefine(noDuplicate((b) => b.basis, 'basis')),
  review: z.boolean(),
});
export type Purpose = z.infer<typeof PurposeSchema>;

export const MAX_PURPOSES = 20;

const DataCategoryRowSchema = z.object({ category: requiredCode, description: text(LONG), retention: RetentionSchema });
export type DataCategoryRow = z.infer<typeof DataCategoryRowSchema>;

/** Several rows may use one category (traffic data, usage logs, technical data under "connection data"). */
const dataCategoryRows = <T extends z.ZodType<{ category: string; description: string }>>(row: T, max: number) =>
  z
    .array(row)
    .max(max, { error: msg('tooMany', { max }) })
    .superRefine((rows, ctx) => {
      for (const i of repeatedCategoryWithoutDescription(rows)) {
        ctx.addIssue({ code: 'custom', message: msg('describeRepeatedCategory'), path: [i, 'description'] });
      }
    });

const ControllerDocBase = z.object({
  ref: requiredText(40),
  name: requiredText(200),
  status: z.enum(STATUSES, { error: msg('choice') }),
  department: code,
  software: text(200),
  jointControllers: z.array(PartySchema).max(20, { error: msg('tooMany', { max: 20 }) }),
  purposes: z.array(PurposeSchema).max(MAX_PURPOSES, { error: msg('tooMany', { max: MAX_PURPOSES }) }),
  dataSubjects: z
    .array(z.object({ category: requiredCode, details: text(2000) }))
    .max(50, { error: msg('tooMany', { max: 50 }) })
    .superRefine(noDuplicate((d) => d.category, 'category')),
  dataCategories: dataCategoryRows(DataCategoryRowSchema, 50),
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
  /** One client, or every client under the organisation's standard data processing agreement. */
  clientScope: z.enum(CLIENT_SCOPES, { error: msg('choice') }),
  /** With `standardDpa`: the agreement (title, version) that binds those clients. */
  standardDpa: text(SHORT),
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
  /** Optional in Art. 30(2), expected by DPOs: what the processing handles and for how long. */
  dataCategories: dataCategoryRows(z.object({ category: requiredCode, description: text(LONG) }), 50),
  dataSubjects: z
    .array(z.object({ category: requiredCode, details: text(2000) }))
    .max(50, { error: msg('tooMany', { max: 50 }) })
    .superRefine(noDuplicate((d) => d.category, 'category')),
  specialCategories: z
    .array(z.object({ category: z.enum(SPECIAL_CATEGORIES, { error: msg('choice') }), description: text(LONG) }))
    .max(10)
    .superRefine(noDuplicate((d) => d.category, 'category')),
  /** How long the data are kept while the contract runs (as agreed with the client). */
  retention: text(LONG),
  /** The fate of the data at the end of the contract (Art. 28(3)(g)). */
  endOfContract: z.enum(END_OF_CONTRACT, { error: msg('choice') }),
  /** The breach notice delay committed to the clients (Art. 33(2): "without undue delay"), in hours. */
  breachNoticeHours: z
    .number({ error: msg('number') })
    .int({ error: msg('integer') })
    .min(1, { error: msg('min', { min: 1 }) })
    .max(720, { error: msg('max', { max: 720 }) })
    .nullable(),
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
  return { duration: null, unit: 'months', criterion: '', archive: { duration: null, unit: 'years', criterion: '', reason: '' }, end: '', note: '' };
}

export function emptyPurpose(): Purpose {
  return { text: '', bases: [{ basis: '', detail: '' }], review: false };
}

export function emptyControllerDoc(): ControllerDoc {
  return {
    ref: '',
    name: '',
    status: 'draft',
    department: '',
    software: '',
    jointControllers: [],
    purposes: [emptyPurpose()],
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
    clientScope: 'one',
    standardDpa: '',
    client: { name: '', address: '', contactName: '', email: '', phone: '', dpo: '' },
    representative: '',
    processingCategories: [],
    dataCategories: [],
    dataSubjects: [],
    specialCategories: [],
    retention: '',
    endOfContract: '',
    breachNoticeHours: null,
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
  /** Every Art. 6(1) basis of every purpose, in order, each once. */
  legalBases: ReadonlyArray<string>;
  purpose: string;
  client: string;
  /** A processor record kept for every client under the standard data processing agreement (`client` names the agreement). */
  allClients: boolean;
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
