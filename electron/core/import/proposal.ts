import type { ImportProblem, ImportSource } from '../../../shared/domain/import';
import type { Organisation } from '../../../shared/domain/organisation';
import type { ControllerDoc } from '../../../shared/domain/register';
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
}>;

export type ProposedRecord = Readonly<{
  /** The row (generic spreadsheet) or the first row of the sheet (CNIL model). */
  row: number;
  sheet?: string;
  doc: ControllerDoc;
  /** The top-level fields the file gives: an update changes these and keeps the record's others. */
  provided: ReadonlyArray<keyof ControllerDoc>;
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
