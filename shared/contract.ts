import type { RegimesInfo } from './domain/breach-regimes';
import { OBLIGATION_KINDS, type Obligation, type WeekSummary } from './domain/obligations';
import type { PaletteHit } from './domain/palette';
import { z } from 'zod';
import { LANGUAGES, REGISTER_KINDS, STATUSES } from './domain/enums';
import { ControllerDocSchema, ProcessorDocSchema, type RegisterDoc, type RegisterEntry, type RegisterSummary } from './domain/register';
import { AppSettingsSchema, type AppSettings } from './domain/settings';
import { ColumnWidthsSchema, TABLE_IDS, type AllColumnWidths } from './domain/table-widths';
import { BACKUP_FILE_RE, BackupSettingsSchema, NewPassphraseSchema, type BackupSettings } from './domain/backup';
import { OrganisationSchema, type Organisation } from './domain/organisation';
import { REFERENCE_LISTS, type ReferenceItem, type ReferenceLists } from './domain/reference-lists';
import type { FieldChange } from './domain/diff';
import type { AppErrorData } from './errors';
import { isIsoDate, msg, requiredText } from './domain/validation';
import { CHANNEL_NAMES, type ChannelName } from './channels';
import { RegisterWindowArgsSchema, type RegisterWindow } from './domain/register-list';
import { CHECKLIST_ROLES } from './domain/breach-role';
import {
  BreachDocSchema,
  BreachSettingsSchema,
  ChecklistTemplateSchema,
  type BreachDoc,
  type BreachEntry,
  type BreachSettings,
  type BreachSummary,
  type ChecklistTemplate,
} from './domain/breach';
import { FOLDS } from './domain/breach-clock';
import { DOCUMENT_KINDS, SupplierDocSchema, type SupplierEntry, type SupplierSummary } from './domain/supplier';
import type { RecordTransfer } from './domain/record-transfers';
import { TransferDocSchema, type TransferDoc, type TransferEntry, type TransferReference, type TransferSummary } from './domain/transfer';
import { ImportMappingSchema, ImportOptionsSchema, MappingNameSchema, type ImportBatch, type ImportOpened, type ImportPlan, type ImportPreview, type ImportUndo, type SavedMapping } from './domain/import';
import type { AwaitingSheet, SheetReview, SheetSummary } from './domain/record-sheet';
import { AuditDocSchema, AuditSettingsSchema, TemplateDocSchema, type AuditSettings, type AuditTemplate, type ImportProblem, type ImportReport, type SupplierAudit, type SupplierAuditSummary } from './domain/audit';

/**
 * The one API between the UI and the core. Every channel has an argument schema that the
 * core side runs before any service sees the call (the renderer is never trusted), and a
 * result type below. The Electron preload exposes exactly these channels; the web harness
 * carries the same names over HTTP; both end in electron/core/dispatch.ts.
 *
 * Adding a channel: add it here and to `Results`; TypeScript then requires its handler in
 * electron/core/handlers.ts; the preload and the HTTP route pick it up by name.
 */
const id = z.string().uuid({ error: msg('invalid') });
const dayOrOpen = z.string().refine((s) => s === '' || isIsoDate(s), { error: msg('date') });
const kind = z.enum(REGISTER_KINDS);
const version = z.number().int().positive();
const empty = z.object({}).strict();
/** An uploaded workbook as base64: 25 MB at most once decoded. */
const sheetFile = z.string().min(1, { error: msg('emptyFile') }).max(35_000_000, { error: msg('fileTooLarge', { max: 25 }) }).regex(/^[A-Za-z0-9+/=]+$/, { error: msg('invalid') });
/**
 * Issue 12: when a checklist step was done or a journal entry's event happened, given after the
 * fact: a local time "YYYY-MM-DDTHH:mm" in the incident's zone (empty or absent: now), and which
 * occurrence of a repeated hour it is. The core refuses a time in the future.
 */
const performedArgs = {
  performedAt: z
    .string({ error: msg('dateTime') })
    .refine((v) => v === '' || /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(v), { error: msg('dateTime') })
    .optional(),
  performedFold: z.enum(FOLDS, { error: msg('choice') }).optional(),
};

const docForKind = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('controller'), doc: ControllerDocSchema }),
  z.object({ kind: z.literal('processor'), doc: ProcessorDocSchema }),
]);

export const contract = {
  'app:info': empty,
  'app:setup': z.object({ mode: z.enum(['empty', 'demo']) }).strict(),
  'settings:setLanguage': z.object({ language: z.enum(LANGUAGES) }).strict(),
  'settings:get': empty,
  'settings:save': z.object({ settings: AppSettingsSchema }).strict(),
  /** The column widths the user dragged, by table (issue 16); an empty `widths` restores the defaults. */
  'ui:columnWidths': empty,
  'ui:saveColumnWidths': z.object({ table: z.enum(TABLE_IDS), widths: ColumnWidthsSchema }).strict(),

  'org:get': empty,
  'org:save': z.object({ doc: OrganisationSchema }).strict(),

  'register:list': z.object({ kind, scope: z.enum(['live', 'trash']) }).strict(),
  'register:search': z.object({ kind, query: z.string().max(500) }).strict(),
  /** One window of the register table (issue 15): sorted, filtered and searched in the core. */
  'register:window': RegisterWindowArgsSchema,
  'register:get': z.object({ id }).strict(),
  /** A new record's form, prefilled: the next free reference, the default next review date. */
  'register:new': z.object({ kind }).strict(),
  'register:create': docForKind,
  'register:update': z.intersection(docForKind, z.object({ id, version })),
  'register:duplicate': z.object({ id }).strict(),
  'register:setStatus': z.object({ id, version, status: z.enum(STATUSES) }).strict(),
  'register:delete': z.object({ id }).strict(),
  'register:restore': z.object({ id }).strict(),
  'register:history': z.object({ id }).strict(),
  'trash:empty': empty,

  'lists:get': empty,
  'lists:saveItem': z
    .object({
      list: z.enum(REFERENCE_LISTS),
      code: z.string().max(64).regex(/^[A-Za-z0-9_.-]*$/).optional(),
      labelFr: requiredText(200),
      labelEn: requiredText(200),
      archived: z.boolean(),
    })
    .strict(),

  /** `top`: how many items each section lists (the most urgent first); every section also gives its full count (issue 15). */
  'dashboard:get': z.object({ today: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(), top: z.number().int().min(1).max(100).optional() }).strict(),
  /**
   * Issue 15: the activity picker of the breach, supplier and transfer forms asks for a window of
   * the live records matching `search` (every one when empty), and the labels of `selected`.
   */
  'register:pick': z
    .object({
      search: z.string().max(500),
      offset: z.number().int().min(0),
      limit: z.number().int().min(1).max(500),
      selected: z.array(z.string().max(100)).max(50_000),
      /** One register only (the record sheets pick controller records). */
      kind: kind.optional(),
    })
    .strict(),

  'backup:create': z.object({ passphrase: NewPassphraseSchema.optional() }).strict(),
  'backup:list': empty,
  'backup:restore': z.object({ file: z.string().min(1).max(255).regex(BACKUP_FILE_RE), passphrase: z.string().min(1).max(1024).optional() }).strict(),
  'backup:settings': empty,
  'backup:saveSettings': z.object({ settings: BackupSettingsSchema }).strict(),
  'backup:recovery': empty,
  'app:checkIntegrity': empty,
  /** No path: the desktop's "open file" dialog; a path: the web harness (typed by the user). */
  'app:openRegister': z.object({ path: z.string().min(1).max(4096).optional(), readOnly: z.boolean().optional() }).strict(),
  'app:readLog': empty,

  'export:register': z
    .object({
      language: z.enum(LANGUAGES),
      registers: z.enum(['controller', 'processor', 'both']),
      asOf: z.string().refine(isIsoDate, { error: msg('date') }),
      includeArchived: z.boolean(),
      /** Drafts are left out of the document unless asked. */
      includeDrafts: z.boolean().default(false),
      annexes: z.object({ lists: z.boolean(), transfers: z.boolean(), breaches: z.boolean().default(false), suppliers: z.boolean().default(false) }).strict(),
    })
    .strict(),
  'export:preview': z
    .object({
      registers: z.enum(['controller', 'processor', 'both']),
      asOf: z.string().refine(isIsoDate, { error: msg('date') }),
      includeArchived: z.boolean(),
      includeDrafts: z.boolean().default(false),
    })
    .strict(),
  'export:list': empty,
  /** The register as a spreadsheet: the flat workbook or the CNIL model (its controller register), .xlsx or .ods. */
  'export:sheet': z
    .object({
      layout: z.enum(['register', 'cnil']),
      format: z.enum(['xlsx', 'ods']),
      language: z.enum(LANGUAGES),
      registers: z.enum(['controller', 'processor', 'both']),
      asOf: z.string().refine(isIsoDate, { error: msg('date') }),
      includeArchived: z.boolean(),
      includeDrafts: z.boolean().default(false),
    })
    .strict(),

  'breach:list': z.object({ scope: z.enum(['live', 'trash']) }).strict(),
  'breach:new': empty,
  'breach:get': z.object({ id }).strict(),
  'breach:create': z.object({ doc: BreachDocSchema }).strict(),
  'breach:update': z.object({ id, version, doc: BreachDocSchema }).strict(),
  'breach:step': z
    .object({ id, step: z.string().min(1).max(64), done: z.boolean(), note: z.string().max(2000, { error: msg('tooLong', { max: 2000 }) }), ...performedArgs })
    .strict(),
  'breach:journal': z.object({ id, text: requiredText(5000), ...performedArgs }).strict(),
  'breach:delete': z.object({ id }).strict(),
  'breach:restore': z.object({ id }).strict(),
  'breach:history': z.object({ id }).strict(),
  'breach:document': z
    .object({
      id,
      document: z.enum(['authority', 'subjects', 'controller', 'regime']),
      language: z.enum(LANGUAGES),
      phase: z.enum(['initial', 'complementary']).optional(),
      party: z.string().max(200).optional(),
      /** For a regime's step draft (NIS2…): the regime and the step of resources/reference/regimes.json. */
      regime: z.string().max(40).optional(),
      step: z.string().max(40).optional(),
    })
    .strict(),
  'breach:exportLog': z.object({ language: z.enum(LANGUAGES) }).strict(),
  'breach:settings': empty,
  'breach:saveSettings': z.object({ settings: BreachSettingsSchema }).strict(),
  'breach:informController': z
    .object({
      id,
      version,
      notice: z.object({ party: requiredText(200), sentAt: z.string().max(16), means: z.string().max(500, { error: msg('tooLong', { max: 500 }) }), reference: z.string().max(200, { error: msg('tooLong', { max: 200 }) }), delayReason: z.string().max(20_000) }).strict(),
    })
    .strict(),
  'breach:regimes': empty,
  'checklist:get': z.object({ role: z.enum(CHECKLIST_ROLES).default('controller') }).strict(),
  'checklist:save': z.object({ steps: ChecklistTemplateSchema, role: z.enum(CHECKLIST_ROLES).default('controller') }).strict(),

  'supplier:list': z.object({ scope: z.enum(['live', 'trash']) }).strict(),
  'supplier:get': z.object({ id }).strict(),
  'supplier:create': z.object({ doc: SupplierDocSchema }).strict(),
  'supplier:update': z.object({ id, version, doc: SupplierDocSchema }).strict(),
  'supplier:delete': z.object({ id }).strict(),
  'supplier:restore': z.object({ id }).strict(),
  'supplier:history': z.object({ id }).strict(),
  'supplier:forActivity': z.object({ id }).strict(),
  /** Links a supplier to a register activity, or unlinks it, from the record's page. */
  'supplier:link': z.object({ supplierId: id, recordId: id, linked: z.boolean() }).strict(),
  'supplier:addDocument': z
    .object({
      id,
      kind: z.enum(DOCUMENT_KINDS, { error: msg('choice') }),
      name: requiredText(255).refine((n) => !/[\\/]/.test(n), { error: msg('invalid') }),
      // 25 MB once decoded.
      base64: z.string().min(1, { error: msg('emptyFile') }).max(35_000_000, { error: msg('fileTooLarge', { max: 25 }) }).regex(/^[A-Za-z0-9+/=]+$/, { error: msg('invalid') }),
    })
    .strict(),
  'supplier:removeDocument': z.object({ documentId: id }).strict(),
  'supplier:openDocument': z.object({ documentId: id }).strict(),

  'audit:templates': empty,
  'audit:template': z.object({ id: z.string().min(1).max(64), version: version.optional() }).strict(),
  'audit:copyTemplate': z.object({ id: z.string().min(1).max(64), name: requiredText(200) }).strict(),
  'audit:saveTemplate': z.object({ id: z.string().min(1).max(64), doc: TemplateDocSchema }).strict(),
  'audit:list': z.object({ supplierId: id }).strict(),
  'audit:get': z.object({ id }).strict(),
  'audit:create': z.object({ supplierId: id, templateId: z.string().min(1).max(64) }).strict(),
  'audit:update': z.object({ id, version, doc: AuditDocSchema }).strict(),
  'audit:delete': z.object({ id }).strict(),
  'audit:history': z.object({ id }).strict(),
  'audit:questionnaire': z.object({ id, language: z.enum(LANGUAGES), format: z.enum(['docx', 'xlsx']) }).strict(),
  'audit:report': z.object({ id, language: z.enum(LANGUAGES) }).strict(),
  'audit:settings': empty,
  'audit:saveSettings': z.object({ settings: AuditSettingsSchema }).strict(),
  'transfer:list': z.object({ scope: z.enum(['live', 'trash']) }).strict(),
  'transfer:get': z.object({ id }).strict(),
  'transfer:create': z.object({ doc: TransferDocSchema, converts: z.object({ recordId: id, index: z.number().int().min(0).max(49) }).strict().optional() }).strict(),
  'transfer:update': z.object({ id, version, doc: TransferDocSchema }).strict(),
  'transfer:delete': z.object({ id }).strict(),
  'transfer:restore': z.object({ id }).strict(),
  'transfer:history': z.object({ id }).strict(),
  'transfer:for': z.object({ supplierId: id.optional(), activityId: id.optional() }).strict(),
  /** A record's transfers as the record shows them (the transfer register's entries linked to it). */
  'transfer:forRecord': z.object({ id }).strict(),
  /** Links a transfer to a record, or unlinks it, from the record's page. */
  'transfer:link': z.object({ transferId: id, recordId: id, linked: z.boolean() }).strict(),
  /** A new transfer prefilled from a record (or from one of its transfers to convert). */
  'transfer:draftFromRecord': z.object({ id, index: z.number().int().min(0).max(49).optional() }).strict(),
  'transfer:draftFromSupplier': z.object({ id, country: z.string().regex(/^[A-Z]{2}$/).optional() }).strict(),
  'transfer:reference': empty,
  'transfer:tia': z.object({ id, language: z.enum(LANGUAGES) }).strict(),
  'audit:import': z
    .object({ id, version, base64: z.string().min(1, { error: msg('emptyFile') }).max(35_000_000, { error: msg('fileTooLarge', { max: 25 }) }).regex(/^[A-Za-z0-9+/=]+$/, { error: msg('invalid') }) })
    .strict(),

  /** A register to import (issue 13): the file's bytes as base64 like other uploads; 50 MB at most once decoded. */
  'import:open': z
    .object({
      fileName: requiredText(255).refine((n) => !/[\\/]/.test(n), { error: msg('invalid') }),
      base64: z.string().min(1, { error: msg('emptyFile') }).max(70_000_000, { error: msg('fileTooLarge', { max: 50 }) }).regex(/^[A-Za-z0-9+/=]+$/, { error: msg('invalid') }),
    })
    .strict(),
  'import:preview': z.object({ token: id, mapping: ImportMappingSchema, language: z.enum(LANGUAGES) }).strict(),
  'import:dryRun': z.object({ token: id, options: ImportOptionsSchema }).strict(),
  /** `sha256`: the file the DPO saw in the dry run. */
  'import:apply': z.object({ token: id, sha256: z.string().regex(/^[0-9a-f]{64}$/), options: ImportOptionsSchema }).strict(),
  'import:undo': z.object({ batchId: id }).strict(),
  'import:batches': empty,
  'import:mappings': empty,
  'import:saveMapping': z.object({ name: MappingNameSchema, mapping: ImportMappingSchema }).strict(),
  'import:deleteMapping': z.object({ name: MappingNameSchema }).strict(),

  /**
   * Issue 16: record sheets for business owners. Export for chosen records or a department's
   * (controller register); the owner's name and e-mail are optional.
   */
  'recordSheet:export': z
    .object({
      ids: z.array(id).min(1).max(1000).optional(),
      department: z.string().max(64).optional(),
      language: z.enum(LANGUAGES),
      format: z.enum(['xlsx', 'docx']),
      sentToName: z.string().max(200, { error: msg('tooLong', { max: 200 }) }).default(''),
      sentToEmail: z.string().max(200, { error: msg('tooLong', { max: 200 }) }).default(''),
    })
    .strict()
    .refine((a) => (a.ids === undefined) !== (a.department === undefined), { error: msg('sheetNoRecords'), path: ['ids'] }),
  /** A returned sheet (.xlsx) as base64: what it changes, nothing written; `language`: the DPO's, for labels and messages. */
  'recordSheet:review': z.object({ recordId: id.optional(), fileName: requiredText(255).refine((n) => !/[\\/]/.test(n), { error: msg('invalid') }), base64: sheetFile, language: z.enum(LANGUAGES) }).strict(),
  /** Writes the accepted changes (their keys); `sha256` and `version`: the file and the record version the DPO reviewed. */
  'recordSheet:apply': z
    .object({
      recordId: id,
      fileName: requiredText(255).refine((n) => !/[\\/]/.test(n), { error: msg('invalid') }),
      base64: sheetFile,
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      version,
      accept: z.array(z.string().min(1).max(200)).max(5000),
      language: z.enum(LANGUAGES),
    })
    .strict(),
  'recordSheet:list': z.object({ id }).strict(),
  'recordSheet:awaiting': empty,
  // Dated obligations (issue 16): the "This week" panel, the reminders and the .ics calendar. Days YYYY-MM-DD, '' = open-ended.
  'obligations:week': empty,
  /** The items of one kind that This week counts (the list a chip opens). */
  'obligations:items': z.object({ kind: z.enum(OBLIGATION_KINDS) }).strict(),
  'palette:search': z.object({ query: z.string().max(200, { error: msg('tooLong', { max: 200 }) }) }).strict(),
  'obligations:calendar': z.object({ language: z.enum(LANGUAGES), from: dayOrOpen, to: dayOrOpen }).strict().refine((o) => o.from === '' || o.to === '' || o.from <= o.to, { error: msg('dateOrder'), path: ['to'] }),
  // Issue 15: the yearly export as a job (started, followed, cancelled, then delivered once).
  /** The same options as export:register; answers at once with the job to follow. */
  'export:start': z
    .object({
      language: z.enum(LANGUAGES),
      registers: z.enum(['controller', 'processor', 'both']),
      asOf: z.string().refine(isIsoDate, { error: msg('date') }),
      includeArchived: z.boolean(),
      includeDrafts: z.boolean().default(false),
      annexes: z.object({ lists: z.boolean(), transfers: z.boolean(), breaches: z.boolean().default(false), suppliers: z.boolean().default(false) }).strict(),
    })
    .strict(),
  /** A finished export handed to the user (the save dialog, or the download) and recorded. */
  'export:finish': z.object({ job: id }).strict(),
  'job:get': z.object({ id }).strict(),
  'job:cancel': z.object({ id }).strict(),
  // Issue 16: the same arguments as import:apply, backup:create and backup:restore; each answers at once with the job to follow.
  'import:start': z.object({ token: id, sha256: z.string().regex(/^[0-9a-f]{64}$/), options: ImportOptionsSchema }).strict(),
  'import:finish': z.object({ job: id }).strict(),
  'backup:start': z.object({ passphrase: NewPassphraseSchema.optional() }).strict(),
  'backup:finish': z.object({ job: id }).strict(),
  'backup:restoreStart': z.object({ file: z.string().min(1).max(255).regex(BACKUP_FILE_RE), passphrase: z.string().min(1).max(1024).optional() }).strict(),
  'backup:restoreFinish': z.object({ job: id }).strict(),
  'import:dryRunStart': z.object({ token: id, options: ImportOptionsSchema }).strict(),
  'import:dryRunFinish': z.object({ job: id }).strict(),
} as const;

export type Channel = keyof typeof contract;
export const CHANNELS: ReadonlyArray<Channel> = CHANNEL_NAMES;
export type Args<C extends Channel> = z.input<(typeof contract)[C]>;
export type ParsedArgs<C extends Channel> = z.output<(typeof contract)[C]>;

export type AppInfo = Readonly<{
  appVersion: string;
  schemaVersion: number;
  dbPath: string;
  backupDir: string;
  needsSetup: boolean;
  language: 'fr' | 'en' | null;
  actor: string;
  /** The core's clock at the time of the answer (ISO instant): the screens take their time from it. */
  now: string;
  /** Why writes are refused, or null when the register can be written; every save button says it. */
  readOnly: ReadOnlyReason | null;
  /** What is wrong with the register file, or null: the error screen (what, the good backups, restore, open another). */
  problem: RegisterProblem | null;
  /** Other app processes that have this register open (a second window, the web harness). */
  openElsewhere: ReadonlyArray<Readonly<{ pid: number; app: 'desktop' | 'web'; startedAt: string; host: string }>>;
  /** The log of unexpected errors (rotating, in the app's data folder), or null when none is kept. */
  logFile: string | null;
  /** The desktop has a native "open file" dialog; the web harness asks for a path. */
  canChooseFile: boolean;
}>;

/**
 * - file: the register file is read-only (its permissions, a read-only share, or opened with --read-only)
 * - folder: its folder is read-only (SQLite needs to write its journal beside it)
 * - damaged: the file failed its integrity check; it is open read-only to read what is left
 */
export type ReadOnlyReason = 'file' | 'folder' | 'damaged';

export type RegisterProblem = Readonly<{
  code: 'damaged' | 'newer_version' | 'file_missing' | 'read_only' | 'busy' | 'internal';
  /** SQLite's or the system's own words, shown under the explanation. */
  detail: string;
  /** The file could be opened read-only: its data can be read (and exported) while waiting for a restore. */
  browsable: boolean;
}>;

/** The health of the open register as the core keeps it (AppInfo carries it to the screens). */
export type RegisterHealth = Readonly<{
  readOnly: ReadOnlyReason | null;
  problem: RegisterProblem | null;
  /** The last full integrity check (background after start, Settings, CLI), if one ran. */
  integrity: IntegrityReport | null;
}>;

/**
 * A backup offered on the error screen: checked readable, newest first. `schemaVersion` is null
 * for an encrypted backup (issue 14A), which cannot be read before its passphrase is given.
 */
export type RecoveryBackup = BackupInfo & Readonly<{ schemaVersion: number | null }>;

export type IntegrityReport = Readonly<{ at: string; ok: boolean; problems: ReadonlyArray<string> }>;

export type AuditEntry = Readonly<{
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  changes: ReadonlyArray<FieldChange>;
  /** What the change came from (an import: its file and SHA-256). */
  detail?: Readonly<{ file?: string; sha256?: string }>;
}>;

export type SupplierAlerts = Readonly<{
  auditsDue: ReadonlyArray<Readonly<{ id: string; name: string; nextAuditOn: string; late: boolean }>>;
  auditsLate: ReadonlyArray<Readonly<{ id: string; auditId: string; name: string; dueOn: string }>>;
  certificationsExpiring: ReadonlyArray<Readonly<{ id: string; name: string; type: string; label: string; expires: string }>>;
  missingClauses: ReadonlyArray<Readonly<{ id: string; name: string; count: number }>>;
  actionsOverdue: ReadonlyArray<Readonly<{ id: string; auditId: string; name: string; title: string; due: string }>>;
  /** Suppliers keeping or reaching data outside the EEA with no transfer recorded (countries as ISO codes). */
  transferGaps: ReadonlyArray<Readonly<{ id: string; name: string; countries: ReadonlyArray<string> }>>;
}>;

/** A dashboard section (issue 15): how many there are, and the first few, the most urgent first. */
export type DashboardTop<T> = Readonly<{ total: number; items: ReadonlyArray<T> }>;
/** A register section also says how many in each register, for its "show all" links. */
export type DashboardRegisterTop<T> = DashboardTop<T> & Readonly<{ byKind: Readonly<Record<'controller' | 'processor', number>> }>;

export type Dashboard = Readonly<{
  counts: Readonly<Record<'controller' | 'processor', Readonly<Record<'draft' | 'active' | 'archived', number>>>>;
  trash: number;
  /** Active records first, the most fields missing first. */
  incomplete: DashboardRegisterTop<Pick<RegisterSummary, 'id' | 'kind' | 'ref' | 'name' | 'status' | 'missing'>>;
  /** The oldest review date first. */
  reviewsOverdue: DashboardRegisterTop<Pick<RegisterSummary, 'id' | 'kind' | 'ref' | 'name' | 'nextReview'>>;
  organisationMissing: ReadonlyArray<string>;
  /** Incidents not closed, the most urgent clock first. */
  breaches: DashboardTop<BreachSummary>;
  /** Each kind of supplier alert, in the order of SupplierAlerts. */
  suppliers: Readonly<{ [K in keyof SupplierAlerts]: DashboardTop<SupplierAlerts[K][number]> }>;
  /** Transfers with at least one warning, the critical ones (`critical` of them) first. */
  transfers: DashboardTop<TransferSummary> & Readonly<{ critical: number }>;
  /** Records that still list transfers of their own, not yet converted into transfer-register entries; the most first. */
  transfersToConvert: DashboardRegisterTop<Pick<RegisterSummary, 'id' | 'kind' | 'ref' | 'name' | 'transfersToConvert'>>;
}>;

/** An activity as the picker lists it; `deleted` for a linked record now in the trash (labels of the selection only). */
export type PickItem = Readonly<{ id: string; kind: 'controller' | 'processor'; ref: string; name: string; status: 'draft' | 'active' | 'archived'; deleted?: boolean }>;
/** A window of the matching activities (`total` of them), and the labels of the selected ones asked for. */
export type PickWindow = Readonly<{ total: number; offset: number; rows: ReadonlyArray<PickItem>; selected: ReadonlyArray<PickItem> }>;

/**
 * A file of the backup folder: a complete backup (`archive`: the register and its documents, with a
 * manifest; `encrypted` when a passphrase protects it) or a copy of the register alone (`database`:
 * backups made before issue 14 and the copies taken before a migration). `auto`: made by the schedule.
 */
export type BackupInfo = Readonly<{ file: string; path: string; size: number; createdAt: string; format: 'archive' | 'database'; encrypted: boolean; auto: boolean }>;

export type ExportRecord = Readonly<{
  id: number;
  at: string;
  actor: string;
  fileName: string;
  sha256: string;
  size: number;
  language: 'fr' | 'en';
  registers: 'controller' | 'processor' | 'both';
  asOf: string;
  includeArchived: boolean;
  version: number;
}>;

/** A generated document: saved where the user chose (`path`), or handed to the browser (`base64`); `cancelled` when the user closed the dialog. */
export type DocumentResult = Readonly<{ fileName: string; cancelled: boolean; path?: string; base64?: string }>;

/** Saved by the desktop app where the user chose (`path`), or handed to the browser as a download (`base64`); `record` is null when the user cancelled. */
export type ExportResult = Readonly<{ record: ExportRecord | null; path?: string; base64?: string; draftsLeftOut?: ReadonlyArray<LeftOutRecord> }>;

/** A record the document leaves out (a draft). */
export type LeftOutRecord = Readonly<{ kind: 'controller' | 'processor'; ref: string; name: string }>;

/** What the export screen shows before the document is made. */
export type ExportPreview = Readonly<{
  /** The day the first record was created (YYYY-MM-DD), '' for an empty register. */
  firstRecordOn: string;
  /** The as-of date is before the first record: there is nothing to export. */
  beforeFirst: boolean;
  draftsLeftOut: ReadonlyArray<LeftOutRecord>;
}>;

export interface Results {
  'app:info': AppInfo;
  'app:setup': AppInfo;
  'settings:setLanguage': AppInfo;
  'settings:get': AppSettings;
  'settings:save': AppSettings;
  'ui:columnWidths': AllColumnWidths;
  'ui:saveColumnWidths': AllColumnWidths;
  'org:get': Organisation;
  'org:save': Organisation;
  'register:list': ReadonlyArray<RegisterSummary>;
  'register:search': ReadonlyArray<string>;
  'register:window': RegisterWindow;
  'register:get': RegisterEntry;
  'register:new': RegisterDoc;
  'register:create': RegisterEntry;
  'register:update': RegisterEntry;
  'register:duplicate': RegisterEntry;
  'register:setStatus': RegisterEntry;
  'register:delete': RegisterSummary;
  'register:restore': RegisterEntry;
  'register:history': ReadonlyArray<AuditEntry>;
  'trash:empty': Readonly<{ purged: number }>;
  'lists:get': ReferenceLists;
  'lists:saveItem': ReferenceItem;
  'dashboard:get': Dashboard;
  'register:pick': PickWindow;
  'backup:create': BackupInfo;
  'backup:list': ReadonlyArray<BackupInfo>;
  'backup:restore': AppInfo;
  'backup:settings': BackupSettings;
  'backup:saveSettings': BackupSettings;
  'backup:recovery': ReadonlyArray<RecoveryBackup>;
  'app:checkIntegrity': IntegrityReport;
  'app:openRegister': AppInfo;
  /** The log file's last lines (the harness shows them and offers them as a download; the desktop opens the file). */
  'app:readLog': Readonly<{ file: string | null; text: string; opened: boolean }>;
  'export:register': ExportResult;
  'export:preview': ExportPreview;
  'export:list': ReadonlyArray<ExportRecord>;
  'export:sheet': DocumentResult;
  'breach:list': ReadonlyArray<BreachSummary>;
  'breach:new': BreachDoc;
  'breach:get': BreachEntry;
  'breach:create': BreachEntry;
  'breach:update': BreachEntry;
  'breach:step': BreachEntry;
  'breach:journal': BreachEntry;
  'breach:delete': BreachSummary;
  'breach:restore': BreachEntry;
  'breach:history': ReadonlyArray<AuditEntry>;
  'breach:document': DocumentResult;
  'breach:exportLog': DocumentResult;
  'breach:settings': BreachSettings;
  'breach:saveSettings': BreachSettings;
  'breach:informController': BreachEntry;
  'breach:regimes': RegimesInfo;
  'checklist:get': ChecklistTemplate;
  'checklist:save': ChecklistTemplate;
  'supplier:list': ReadonlyArray<SupplierSummary>;
  'supplier:get': SupplierEntry;
  'supplier:create': SupplierEntry;
  'supplier:update': SupplierEntry;
  'supplier:delete': SupplierSummary;
  'supplier:restore': SupplierEntry;
  'supplier:history': ReadonlyArray<AuditEntry>;
  'supplier:forActivity': ReadonlyArray<SupplierSummary>;
  'supplier:link': SupplierEntry;
  'supplier:addDocument': SupplierEntry;
  'supplier:removeDocument': SupplierEntry;
  'supplier:openDocument': DocumentResult;
  'audit:templates': ReadonlyArray<AuditTemplate>;
  'audit:template': AuditTemplate;
  'audit:copyTemplate': AuditTemplate;
  'audit:saveTemplate': AuditTemplate;
  'audit:list': ReadonlyArray<SupplierAuditSummary>;
  'audit:get': SupplierAudit;
  'audit:create': SupplierAudit;
  'audit:update': SupplierAudit;
  'audit:delete': Readonly<{ deleted: true }>;
  'audit:history': ReadonlyArray<AuditEntry>;
  'audit:questionnaire': DocumentResult;
  'audit:report': DocumentResult;
  'transfer:list': ReadonlyArray<TransferSummary>;
  'transfer:get': TransferEntry;
  'transfer:create': TransferEntry;
  'transfer:update': TransferEntry;
  'transfer:delete': TransferSummary;
  'transfer:restore': TransferEntry;
  'transfer:history': ReadonlyArray<AuditEntry>;
  'transfer:for': ReadonlyArray<TransferSummary>;
  'transfer:forRecord': ReadonlyArray<RecordTransfer>;
  'transfer:link': TransferEntry;
  'transfer:draftFromRecord': TransferDoc;
  'transfer:draftFromSupplier': TransferDoc;
  'transfer:reference': TransferReference;
  'transfer:tia': DocumentResult;
  'audit:settings': AuditSettings;
  'audit:saveSettings': AuditSettings;
  'audit:import': Readonly<{ entry: SupplierAudit; report: ImportReport }>;
  'import:open': ImportOpened;
  'import:preview': ImportPreview;
  'import:dryRun': ImportPlan;
  'import:apply': Readonly<{ batch: ImportBatch; plan: ImportPlan }>;
  'import:undo': ImportUndo;
  'import:batches': ReadonlyArray<ImportBatch>;
  'import:mappings': ReadonlyArray<SavedMapping>;
  'import:saveMapping': ReadonlyArray<SavedMapping>;
  'import:deleteMapping': ReadonlyArray<SavedMapping>;
  'recordSheet:export': DocumentResult;
  'recordSheet:review': SheetReview;
  'recordSheet:apply': Readonly<{ applied: number; rejected: number; version: number }>;
  'recordSheet:list': ReadonlyArray<SheetSummary>;
  'recordSheet:awaiting': ReadonlyArray<AwaitingSheet>;
  'obligations:week': WeekSummary;
  'obligations:items': ReadonlyArray<Obligation>;
  'palette:search': ReadonlyArray<PaletteHit>;
  'obligations:calendar': DocumentResult;
  'export:start': Readonly<{ job: string }>;
  'export:finish': ExportResult;
  'job:get': JobStatus;
  'job:cancel': JobStatus;
  'import:start': Readonly<{ job: string }>;
  'import:finish': Readonly<{ batch: ImportBatch; plan: ImportPlan }>;
  'backup:start': Readonly<{ job: string }>;
  'backup:finish': BackupInfo;
  'backup:restoreStart': Readonly<{ job: string }>;
  'backup:restoreFinish': AppInfo;
  'import:dryRunStart': Readonly<{ job: string }>;
  'import:dryRunFinish': ImportPlan;
}

/** A long task (issue 15) as the screens follow it: `done` of `total` units (records), never going down. */
export type JobStatus = Readonly<{
  id: string;
  kind: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  done: number;
  total: number;
  /** Why it failed, shown in the user's language like every error. */
  error: AppErrorData | null;
  /** The step under way, for a task of several (the import: 'check' then 'write'); null for one step. */
  step: string | null;
  /** False once stopping would lose something (a restore replacing the file, an import committing): Cancel is then refused. */
  cancellable: boolean;
}>;

/** Compile-time check that every channel has a result type and nothing else does. */
type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const contractComplete: Exact<keyof Results, Channel> = true;
export const channelNamesComplete: Exact<ChannelName, Channel> = true;

/** The typed client every transport (IPC, HTTP) implements. */
export type Api = { [C in Channel]: (args: Args<C>) => Promise<Results[C]> };

/** What the Electron preload exposes on `window.dpo`: one function per channel, returning the envelope. */
export type Bridge = Readonly<{
  api: Readonly<Record<Channel, (args: unknown) => Promise<unknown>>>;
  systemLanguage: string;
}>;
