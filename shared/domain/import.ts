import { z } from 'zod';
import { requiredText } from './validation';

/**
 * Bringing an existing register in (issue 13): what crosses the boundary between the import
 * wizard (or the CLI) and the core. The file is read and interpreted in the core
 * (electron/core/import); the UI sees the file's columns, the suggestions, a preview and the
 * dry-run report, and sends back the DPO's mapping and choices.
 */

/** The record fields a column of a one-row-per-processing spreadsheet can fill (controller register). */
export const IMPORT_FIELDS = [
  'ref',
  'name',
  'department',
  'software',
  'purpose',
  'subPurposes',
  'legalBasis',
  'legalBasisDetail',
  'dataSubjects',
  'dataCategories',
  'specialCategories',
  'retention',
  'recipients',
  'sources',
  'securityMeasures',
  'transferRecipient',
  'transferCountry',
  'transferSafeguard',
  'transferDocument',
  'dpiaNeeded',
  'nextReview',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Fields whose cells are codes of the app (legal bases, reference lists, countries…): their values are mapped one by one. */
export const CODED_FIELDS = [
  'department',
  'legalBasis',
  'dataSubjects',
  'dataCategories',
  'specialCategories',
  'recipients',
  'securityMeasures',
  'transferCountry',
  'transferSafeguard',
  'dpiaNeeded',
] as const satisfies ReadonlyArray<ImportField>;
export type CodedField = (typeof CODED_FIELDS)[number];

/** Value kept as text (reported), not mapped to a code. */
export const KEEP_AS_TEXT = '';

const header = z.string().max(300);
const codeValue = z.string().max(64).regex(/^[A-Za-z0-9_.-]*$/);

/**
 * A mapping: which column (by its header, so that it still applies when next year's file has
 * its columns in another order) fills which field, and for coded fields which code each
 * value (folded: case and accents aside) stands for; '' keeps the value as text.
 */
export const ImportMappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(IMPORT_FIELDS), header),
    values: z.partialRecord(z.enum(CODED_FIELDS), z.record(z.string().max(2000), codeValue)),
  })
  .strict();
export type ImportMapping = z.infer<typeof ImportMappingSchema>;

export const MappingNameSchema = requiredText(100);

/**
 * A cell the import cannot read, or a value it reads in its own way: a full i18n key of
 * shared/i18n ("importNotes.unknownValue", "importReport.duplicateRef"…) with its parameters.
 */
export type ImportProblem = Readonly<{
  /** The spreadsheet's row (1-based, as the spreadsheet shows it); 0 for the file as a whole. */
  row: number;
  sheet?: string;
  /** The column's header (generic spreadsheet) or the label in column A (CNIL sheet). */
  column?: string;
  /** The cell's address ("B12") where known. */
  cell?: string;
  /** error: the row is not imported; warning: imported, but look at it; info: how a value was read. */
  level: 'error' | 'warning' | 'info';
  key: string;
  params?: Readonly<Record<string, string | number>>;
}>;

export type ImportRowAction = 'create' | 'update' | 'skip';

/** One row of the dry-run report. */
export type ImportReportRow = Readonly<{
  row: number;
  sheet?: string;
  ref: string;
  name: string;
  action: ImportRowAction;
  /** The record an update would change. */
  recordId?: string;
  problems: ReadonlyArray<ImportProblem>;
  /** The completeness badge of the imported draft: the keys of the missing fields (shared/i18n "fields"). */
  missing: ReadonlyArray<string>;
  /** Transfers the row adds to the transfer register, and those kept on the record to convert. */
  transfers: number;
  toConvert: number;
}>;

/** 'register': a flat workbook DPO Desk exported (read back field for field, no mapping). */
export type ImportSource = 'cnil' | 'table' | 'register';

export type ImportPlan = Readonly<{
  token: string;
  fileName: string;
  sha256: string;
  format: string;
  source: ImportSource;
  rows: ReadonlyArray<ImportReportRow>;
  /** Problems of the file as a whole (a sheet not read, formulas…). */
  fileProblems: ReadonlyArray<ImportProblem>;
  counts: Readonly<{ create: number; update: number; skip: number; transfers: number; problems: number }>;
  /** The file carries an organisation profile: whether one exists already, and whether this import replaces it. */
  organisation: Readonly<{ inFile: boolean; exists: boolean; replace: boolean }>;
}>;

export type ImportColumn = Readonly<{ index: number; header: string; samples: ReadonlyArray<string> }>;

/** What the wizard learns from a file just chosen. */
export type ImportOpened = Readonly<{
  token: string;
  fileName: string;
  sha256: string;
  format: string;
  source: ImportSource;
  /** Generic spreadsheet: its sheet, columns and row count, the suggested mapping. */
  table?: Readonly<{ sheet: string; columns: ReadonlyArray<ImportColumn>; rowCount: number; suggested: ImportMapping }>;
  /** CNIL model: the record sheets found, whether the CNIL's example is there, the organisation header. */
  cnil?: Readonly<{ sheets: ReadonlyArray<string>; hasExample: boolean; hasOrganisation: boolean; organisationExists: boolean }>;
  /** A flat workbook DPO Desk exported: how many records of each register it holds, the organisation sheet. */
  register?: Readonly<{ controller: number; processor: number; hasOrganisation: boolean; organisationExists: boolean }>;
  fileProblems: ReadonlyArray<ImportProblem>;
}>;

/** A value of a coded column and what it maps to. */
export type ImportValue = Readonly<{ value: string; folded: string; count: number; suggested: string; mapped: string }>;

/** The mapping screen's preview: the first rows as they would be imported, and the values of coded columns. */
export type ImportPreview = Readonly<{
  rows: ReadonlyArray<Readonly<{ row: number; fields: Readonly<Partial<Record<ImportField, string>>>; problems: ReadonlyArray<ImportProblem> }>>;
  values: Readonly<Partial<Record<CodedField, ReadonlyArray<ImportValue>>>>;
  /** The codes each coded field may take, with their labels (FR, EN). */
  choices: Readonly<Record<CodedField, ReadonlyArray<Readonly<{ code: string; labelFr: string; labelEn: string }>>>>;
}>;

export const ImportOptionsSchema = z
  .object({
    /** CNIL model: import the CNIL's own example sheet and row too. */
    includeExample: z.boolean().default(false),
    /** Replace the organisation profile with the file's header (asked when one exists). */
    replaceOrganisation: z.boolean().default(false),
    mapping: ImportMappingSchema.optional(),
    /** The saved mapping used, recorded with the import. */
    mappingName: z.string().max(100).optional(),
  })
  .strict();
export type ImportOptions = z.input<typeof ImportOptionsSchema>;

export type ImportBatch = Readonly<{
  id: string;
  at: string;
  actor: string;
  fileName: string;
  sha256: string;
  format: string;
  source: ImportSource;
  mappingName: string | null;
  created: number;
  updated: number;
  skipped: number;
  organisationReplaced: boolean;
  undoneAt: string | null;
}>;

/** What "undo this import" did: created records and transfers to the trash, updated records back to their version before the import. */
export type ImportUndo = Readonly<{
  batch: ImportBatch;
  trashed: number;
  transfersTrashed: number;
  restored: number;
  /** Records changed since the import, left as they are (their reference). */
  keptChanged: ReadonlyArray<string>;
  organisationRestored: boolean;
}>;

export type SavedMapping = Readonly<{ name: string; mapping: ImportMapping; updatedAt: string }>;
