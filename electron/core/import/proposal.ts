import type { ImportProblem, ImportSource } from '../../../shared/domain/import';
import type { Organisation } from '../../../shared/domain/organisation';
import type { ControllerDoc, ProcessorDoc } from '../../../shared/domain/register';
import type { RegisterKind } from '../../../shared/domain/enums';
import type { Mechanism } from '../../../shared/domain/transfer';

/**
 * What an import proposes before anything is written, whatever the file: the CNIL model's
 * sheets (reader and interpretation in this folder, issue 13 part A) or a generic spreadsheet
 * through the DPO's mapping (generic.ts). The dry run and the apply step (apply.ts) take only this.
 */

/** A transfer outside the EEA a record names: it becomes a transfer-register entry linked to the record. */
export type ProposedTransfer = Readonly<{
  recipient: string;
  /** ISO code. */
  country: string;
  mechanism: Mechanism | '';
  document: string;
  /** Our own workbook gives the transfer's title, SCC module and access countries back (the CNIL model and a generic file do not). */
  title?: string;
  module?: 1 | 2 | 3 | 4 | null;
  accessCountries?: ReadonlyArray<string>;
  /** The same transfer listed under several records of the file (our own workbook): one transfer-register entry linked to each. */
  key?: string;
}>;

export type ProposedRecord = Readonly<{
  /** The row (generic spreadsheet) or the first row of the sheet (CNIL model). */
  row: number;
  sheet?: string;
  /** The register the record goes to (default: the controller register; only our own flat workbook has processor records). */
  kind?: RegisterKind;
  doc: ControllerDoc | ProcessorDoc;
  /**
   * The record's status is the file's (our own workbook says it): kept, unless an active record
   * lacks a mandatory field (then a draft, reported). Other files' records come in as drafts.
   */
  keepStatus?: boolean;
  /** The top-level fields the file gives: an update changes these and keeps the record's others. */
  provided: ReadonlyArray<keyof ControllerDoc | keyof ProcessorDoc>;
  transfers: ReadonlyArray<ProposedTransfer>;
  problems: ReadonlyArray<ImportProblem>;
  /** The column or label a field of the document was read from, for reporting a value the record cannot take. */
  columnOf?: (path: string) => string | undefined;
}>;

export type ImportProposal = Readonly<{
  source: ImportSource;
  records: ReadonlyArray<ProposedRecord>;
  /** The organisation header of the CNIL model, if the file has one. */
  organisation?: Organisation;
  fileProblems: ReadonlyArray<ImportProblem>;
}>;

/** The file an import reads: its name, bytes' SHA-256 and format, named in the batch and in every audit entry. */
export type ImportFileInfo = Readonly<{ fileName: string; sha256: string; format: string }>;
