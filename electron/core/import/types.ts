import type { ControllerDoc, Party } from '../../../shared/domain/register';
import type { Organisation } from '../../../shared/domain/organisation';
import type { Mechanism } from '../../../shared/domain/transfer';
import type { Safeguard } from '../../../shared/domain/enums';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';

/**
 * The import's shared vocabulary (issue 13): what the file readers return (workbook → sheets →
 * rows → cells), how a file is refused, and what the CNIL model's interpretation proposes. The
 * readers (read.ts) and the CNIL interpretation (cnil.ts) produce these; the import plan and the
 * wizard consume them. Nothing here touches the database.
 */

// ---------------------------------------------------------------------------------------------
// Cells, rows, sheets

/**
 * A cell's value as the file stores it. Formulas give their cached value (the value the
 * spreadsheet application computed when it saved), with `formula: true` on the cell; a formula
 * without a cached value is `noCachedValue`; an error value (#N/A, #REF!, #DIV/0!…) is `error`.
 * Dates are ISO: 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' when the cell has a time of day.
 */
export type CellValue =
  | Readonly<{ kind: 'text'; text: string }>
  | Readonly<{ kind: 'number'; number: number }>
  | Readonly<{ kind: 'date'; date: string }>
  | Readonly<{ kind: 'boolean'; boolean: boolean }>
  | Readonly<{ kind: 'error'; error: string }>
  | Readonly<{ kind: 'noCachedValue' }>;

/** One non-empty cell. Rows are sparse: empty cells are not listed. */
export type Cell = Readonly<{
  /** 0-based column (A = 0). */
  col: number;
  value: CellValue;
  /** The value is a formula's cached result (or the formula had none: `noCachedValue`). */
  formula: boolean;
}>;

/** One row with at least one non-empty cell; rows without any are never yielded. */
export type Row = Readonly<{
  /** 0-based row index in the sheet (row 1 = 0), so that reports can name the cell ("B12"). */
  index: number;
  /** Non-empty cells in column order. */
  cells: ReadonlyArray<Cell>;
}>;

export type SheetInfo = Readonly<{
  /** 0-based position in the workbook. */
  index: number;
  name: string;
  hidden: boolean;
}>;

export type WorkbookFormat = 'ods' | 'xlsx' | 'csv';

/** What CSV detection found (reported to the user: "UTF-8, semicolons"). */
export type CsvDialect = Readonly<{
  encoding: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';
  delimiter: ',' | ';' | '\t';
}>;

export type ReadOptions = Readonly<{
  /** Refuse a zip whose entries would expand beyond this many bytes (default 100 MB). */
  maxUncompressed?: number;
  /** Refuse a file larger than this many bytes before reading it (default 50 MB). */
  maxBytes?: number;
  /** Cells longer than this are still returned whole; the consumer reports them. */
}>;

/**
 * An opened file whose rows are streamed: memory stays bounded by one row (plus the file's
 * bytes and, for .xlsx, its shared strings), whatever the number of rows. `rows()` may be
 * called several times (each call reads the sheet again from the bytes).
 */
export interface WorkbookSource {
  readonly format: WorkbookFormat;
  readonly fileName: string;
  /** Hex SHA-256 of the file's bytes, for the audit log. */
  readonly sha256: string;
  readonly byteLength: number;
  readonly sheets: ReadonlyArray<SheetInfo>;
  /** Only for .csv. */
  readonly csv?: CsvDialect;
  /**
   * The non-empty rows of a sheet (by index or name), in order. `limit` stops after that many
   * rows (a preview). A file that turns out unreadable half-way throws an `ImportFileFailure`.
   */
  rows(sheet: number | string, opts?: Readonly<{ limit?: number }>): AsyncIterable<Row>;
  /** Every sheet's rows in one pass, where the format keeps all sheets in one stream (.ods); else absent. */
  allRows?(): AsyncIterable<Readonly<{ sheet: number; row: Row }>>;
}

/** A whole workbook in memory (small files: the CNIL model, previews, tests). */
export type Sheet = SheetInfo & Readonly<{ rows: ReadonlyArray<Row> }>;
export type Workbook = Readonly<{
  format: WorkbookFormat;
  fileName: string;
  sha256: string;
  byteLength: number;
  csv?: CsvDialect;
  sheets: ReadonlyArray<Sheet>;
}>;

// ---------------------------------------------------------------------------------------------
// Refusals

/**
 * Why a file is refused as a whole. Each is an i18n key under `errors.` in shared/i18n (French
 * and English), with the params its message uses.
 * - importEmpty: no bytes, or no non-empty cell at all.
 * - importUnsupported: an extension other than .ods, .xlsx, .csv ({ext}).
 * - importWrongType: the bytes are another known format than the extension claims ({ext},
 *   {actual}: 'XLSX', 'ODS', 'XLS', 'DOCX', 'ODT', 'PDF', 'ZIP', 'CSV'…).
 * - importNotSpreadsheet: the bytes are no format a spreadsheet is saved in ({ext}).
 * - importEncrypted: a password-protected workbook.
 * - importTooLarge: expands beyond {max} MB (zip bomb) or has too many entries.
 * - importFileTooBig: the file itself is over {max} MB.
 * - importUnreadable: damaged (a broken zip, XML that does not parse, no sheet).
 */
export type ImportFileErrorKey =
  | 'importEmpty'
  | 'importUnsupported'
  | 'importWrongType'
  | 'importNotSpreadsheet'
  | 'importEncrypted'
  | 'importTooLarge'
  | 'importFileTooBig'
  | 'importUnreadable';

export type ImportFileError = Readonly<{ key: ImportFileErrorKey; params?: Readonly<Record<string, string | number>> }>;

export type ImportResult<T> = Readonly<{ ok: true; value: T }> | Readonly<{ ok: false; error: ImportFileError }>;

/** Thrown by a `rows()` iteration when the file is found unreadable after it was opened. */
export class ImportFileFailure extends Error {
  readonly error: ImportFileError;
  constructor(error: ImportFileError) {
    super(error.key);
    this.name = 'ImportFileFailure';
    this.error = error;
  }
}

// ---------------------------------------------------------------------------------------------
// The report: one note per cell that needs the DPO's eye

/**
 * What the interpretation noticed about one cell. `key` is an i18n key under `importNotes.` in
 * shared/i18n (French and English) with `params`:
 * - unknownValue {field, value}: a value no reference list knows, kept as text.
 * - formulaCached {value}: a formula's cached value was used.
 * - noCachedValue: a formula with no cached value; nothing taken.
 * - errorValue {error}: an error value (#N/A…); nothing taken.
 * - invalidatedGround {ground}: a transfer on an invalidated ground (Privacy Shield…), flagged.
 * - unknownCountry {value}: a country name no ISO code matches; the transfer is kept "to convert".
 * - tooLong {field, max, length}: longer than the field allows; not imported, not cut.
 * - unreadable {field, value}: a value that cannot be read for this field (a date that is not one…).
 * - unknownLabel {label}: a row label in column A the record sheet does not have; kept in the notes.
 * - retentionAsText {value}: a retention with no duration read from it, kept as a note of the row.
 * - actorDiffers {name, field}: a sheet names another controller/DPO… than the organisation profile.
 * - exampleSkipped: the CNIL's example (row or tab) was left out.
 * - draftFromList: a row of the list without a record sheet became a draft record.
 * - emptySheet: a record sheet with no name and no purpose (the blank template) was left out.
 */
export type ImportNoteKey =
  | 'unknownValue'
  | 'formulaCached'
  | 'noCachedValue'
  | 'errorValue'
  | 'invalidatedGround'
  | 'unknownCountry'
  | 'tooLong'
  | 'unreadable'
  | 'unknownLabel'
  | 'retentionAsText'
  | 'actorDiffers'
  | 'exampleSkipped'
  | 'draftFromList'
  | 'emptySheet';

export type ImportNote = Readonly<{
  sheet: string;
  /** A1-style address ("B12"), or '' for a note about a whole sheet or row. */
  cell: string;
  severity: 'info' | 'warning';
  key: ImportNoteKey;
  params: Readonly<Record<string, string | number>>;
  /** The record the note belongs to (its reference, or its name when it has none). */
  record?: string;
}>;

// ---------------------------------------------------------------------------------------------
// The CNIL model

/** One actor row of a record sheet (Nom, Adresse, Code Postal, Ville, Pays, Téléphone, Adresse mél). */
export type CnilContact = Readonly<{
  name: string;
  address: string;
  postcode: string;
  city: string;
  country: string;
  phone: string;
  email: string;
}>;

export type CnilActors = Readonly<{
  controller: CnilContact | null;
  dpo: CnilContact | null;
  dpoCompany: CnilContact | null;
  representative: CnilContact | null;
  /** Also in the record's `doc.jointControllers`. */
  jointControllers: ReadonlyArray<Party>;
}>;

/**
 * One transfer outside the EU a record declares, ready for the transfer register: the importer
 * (`recipient`), the country as written and its ISO code ('' when none matches: then the apply
 * keeps it as the record's `transfersToConvert` with reason 'country'), the safeguard as
 * written, its register-level code and the transfer ground it becomes (Privacy Shield →
 * 'LEGACY_PRIVACY_SHIELD', `invalidated: true`). The fields are those of `OldRecordTransfer`
 * (shared/domain/record-transfers.ts): `mapRecordTransfer({ recipient, country: countryCode ||
 * country, safeguard: safeguardCode, document }, …)` matches a supplier and gives the entry.
 */
export type CnilTransfer = Readonly<{
  recipient: string;
  country: string;
  countryCode: string;
  safeguard: string;
  safeguardCode: Safeguard | '';
  mechanism: Mechanism | '';
  invalidated: boolean;
  document: string;
  /** Where it was read ("B52"). */
  cell: string;
  /** A CNIL model we wrote: the transfer-register entry's title, SCC module and access countries; or a transfer still to convert, with its safeguard as the record had it. */
  title?: string;
  module?: 1 | 2 | 3 | 4 | null;
  accessCountries?: ReadonlyArray<string>;
  toConvert?: boolean;
  ownSafeguard?: string;
}>;

export type CnilRecordSource = Readonly<{
  sheet: string;
  /** 'sheet': a record sheet; 'list': a row of tab 2 without a sheet (a draft with what the row says). */
  kind: 'sheet' | 'list';
  /** For 'list': the 0-based row in tab 2. */
  row?: number;
  /** The CNIL's own example (tab 4, or the "(EXEMPLE)" row), only present when asked for. */
  example: boolean;
}>;

/**
 * One record the CNIL model proposes: a controller record, always a draft (the CNIL model has no
 * legal basis: `doc.purposes[*].bases` are empty, and the completeness badge lists what is
 * missing). Values the app's lists do not know are kept as text (a category's description, a
 * recipient's details, the notes) and reported.
 */
export type CnilRecord = Readonly<{
  source: CnilRecordSource;
  doc: ControllerDoc;
  actors: CnilActors;
  /** 'YYYY-MM-DD' or '' ("Date de création", "Mise à jour"). */
  createdOn: string;
  updatedOn: string;
  transfers: ReadonlyArray<CnilTransfer>;
  /** Notes about this record's cells (also in `CnilImport.notes`). */
  notes: ReadonlyArray<ImportNote>;
  /** A record sheet DPO Desk wrote: every field read back, its status included (kept unless incomplete). */
  own?: boolean;
}>;

export type CnilOptions = Readonly<{
  /** Import the CNIL's example (tab 4 and the "(EXEMPLE)" row of tab 2). Default false. */
  includeExample?: boolean;
  /** The register's reference lists (the DPO may have edited them); default: resources/reference/lists.json. */
  lists?: ReferenceLists;
  /** ISO codes country names are matched against; default: the transfer reference's countries. */
  countries?: ReadonlyArray<string>;
}>;

export type CnilImport = Readonly<{
  /**
   * The organisation profile tab 2's header proposes (controller, representative, DPO), merged
   * onto an empty profile; null when the header is empty. The apply asks before replacing an
   * existing profile.
   */
  organisation: Organisation | null;
  /** The fields of `organisation` the file filled (dotted paths: 'legalName', 'dpo.email'…). */
  organisationFields: ReadonlyArray<string>;
  /** One per record sheet, in workbook order. */
  records: ReadonlyArray<CnilRecord>;
  /** Rows of tab 2 that no record sheet matches (by reference, else by name). */
  drafts: ReadonlyArray<CnilRecord>;
  notes: ReadonlyArray<ImportNote>;
}>;

/** Whether a workbook looks like the CNIL model (a list tab and/or a record sheet), for the wizard's choice of path. */
export type CnilDetection = Readonly<{ isCnil: boolean; recordSheets: ReadonlyArray<string>; listSheet: string | null; exampleSheet: string | null }>;
