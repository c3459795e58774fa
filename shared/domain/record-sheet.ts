/**
 * Record sheets for business owners (issue 16): a controller record's fields as a sheet the
 * business owner checks or completes (.xlsx, read back; .docx, to read and print), and what the
 * returned sheet proposes, field by field, for the DPO to accept or reject.
 */

/** Bumped whenever the rows or columns a sheet is written with change; a sheet carries the number it was written with. */
export const SHEET_STRUCTURE = 1;

export const SHEET_SECTIONS = ['general', 'purposes', 'subjects', 'data', 'special', 'recipients', 'security', 'sources', 'transfers', 'notes'] as const;
export type SheetSection = (typeof SHEET_SECTIONS)[number];

/**
 * - text, number (a whole number or empty), unit (days/months/years), end (delete/anonymise/empty):
 *   the owner may change them;
 * - readonly: shown for reading (transfers, read from the transfer register);
 * - remark: a free line per section for what fits no row (a purpose to add…): accepted, it is
 *   added to the record's notes.
 */
export type SheetFieldType = 'text' | 'number' | 'unit' | 'end' | 'readonly' | 'remark';

/** A row of a sheet, as sent; kept with the sheet (record_sheet.fields). */
export type SheetField = Readonly<{
  key: string;
  section: SheetSection;
  label: Readonly<{ fr: string; en: string }>;
  type: SheetFieldType;
  /** The value at export: text, a whole number as text, or a code (unit, end). */
  value: string;
  /** Where the value is in the record (empty for readonly and remark rows). */
  path: ReadonlyArray<string | number>;
  /** For a row of a coded list (data categories…): the list, the row's index and code at export, to find the row again if the record changed. */
  anchor?: Readonly<{ list: string; index: number; code: string }>;
  /** The item a row belongs to (a data category…), which its label starts with: the Word sheet groups its rows under it. */
  group?: Readonly<{ fr: string; en: string }>;
}>;

export type SheetSummary = Readonly<{
  id: string;
  recordId: string;
  sentAt: string;
  sentToName: string;
  sentToEmail: string;
  language: 'fr' | 'en';
  format: 'xlsx' | 'docx';
  recordVersion: number;
  status: 'sent' | 'returned';
  returnedAt: string | null;
  returnedFile: string | null;
}>;

export type AwaitingSheet = SheetSummary & Readonly<{ ref: string; name: string }>;

/** One change the returned sheet proposes. `old` is the record's value now; `error`: an i18n message key (validation). */
export type SheetChange = Readonly<{
  key: string;
  section: SheetSection;
  label: string;
  type: SheetFieldType;
  old: string;
  new: string;
  /** The record's value changed since the sheet was sent (the owner saw another value). */
  changedSince: boolean;
  error?: string;
}>;

export type SheetReview = Readonly<{
  sheetId: string;
  recordId: string;
  ref: string;
  name: string;
  fileName: string;
  sha256: string;
  sentAt: string;
  sentToName: string;
  exportedVersion: number;
  currentVersion: number;
  /** The record was changed since the sheet was sent: "old" is its current value. */
  recordChanged: boolean;
  alreadyReturned: string | null;
  changes: ReadonlyArray<SheetChange>;
  /** Rows the owner left as they were. */
  unchanged: number;
}>;

/** The record's value of a field as the sheet shows it, and back. */
export function normaliseSheetText(s: string): string {
  return s.replace(/\r\n?/g, '\n').replace(/[ \t]+$/gm, '').trim();
}
