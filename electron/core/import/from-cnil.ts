import type { ImportProblem } from '../../../shared/domain/import';
import type { ControllerDoc } from '../../../shared/domain/register';
import { emptyControllerDoc } from '../../../shared/domain/register';
import { isEea, type TransferReference } from '../../../shared/domain/transfer';
import type { ImportProposal, ProposedRecord, ProposedTransfer } from './proposal';
import type { CnilImport, CnilRecord, ImportNote } from './types';

/** "B12" → 12 (the row as the spreadsheet shows it); 0 when the note is about a whole sheet. */
const rowOf = (cell: string): number => Number(/(\d+)$/.exec(cell)?.[1] ?? 0);

export function noteProblem(n: ImportNote): ImportProblem {
  return { row: rowOf(n.cell), sheet: n.sheet, ...(n.cell ? { cell: n.cell } : {}), level: n.severity, key: `importNotes.${n.key}`, params: n.params };
}

/** The top-level fields a CNIL record fills: an update changes those and keeps the record's others. */
function providedOf(doc: ControllerDoc): Array<keyof ControllerDoc> {
  const empty = emptyControllerDoc();
  return (Object.keys(doc) as Array<keyof ControllerDoc>).filter((k) => k !== 'ref' && k !== 'status' && JSON.stringify(doc[k]) !== JSON.stringify(empty[k]));
}

function recordOf(r: CnilRecord, ref: TransferReference): ProposedRecord {
  const problems = r.notes.map(noteProblem);
  const transfers: ProposedTransfer[] = [];
  const toConvert = [...r.doc.transfersToConvert];
  for (const t of r.transfers) {
    if (t.countryCode && isEea(ref, t.countryCode)) {
      problems.push({ row: rowOf(t.cell), sheet: r.source.sheet, cell: t.cell, level: 'info', key: 'importReport.notATransfer', params: { value: t.country } });
    } else if (t.countryCode && t.recipient.trim() && !t.toConvert) {
      transfers.push({ recipient: t.recipient.trim(), country: t.countryCode, mechanism: t.mechanism, document: t.document, ...(t.title !== undefined ? { title: t.title, module: t.module ?? null, accessCountries: t.accessCountries ?? [] } : {}) });
    } else {
      toConvert.push({ recipient: t.recipient.slice(0, 200), country: t.country.slice(0, 100), safeguard: (t.ownSafeguard ?? t.safeguard).slice(0, 100), document: t.document.slice(0, 500), reason: t.countryCode && !t.recipient.trim() ? 'recipient' : 'country' });
    }
  }
  const doc = { ...r.doc, transfersToConvert: toConvert };
  // A record sheet is named by its sheet; a row of the list by its row.
  const row = r.source.kind === 'list' ? (r.source.row ?? 0) + 1 : 0;
  return { row, sheet: r.source.sheet, doc, provided: providedOf(doc), transfers, problems, ...(r.own ? { keepStatus: true } : {}) };
}

/** The CNIL model's interpretation (cnil.ts) as an import proposal: its records, then the list's rows without a sheet as drafts. */
export function cnilProposal(cnil: CnilImport, ref: TransferReference): ImportProposal {
  return {
    source: 'cnil',
    records: [...cnil.records, ...cnil.drafts].map((r) => recordOf(r, ref)),
    ...(cnil.organisation ? { organisation: cnil.organisation } : {}),
    fileProblems: cnil.notes.filter((n) => !n.record).map(noteProblem),
  };
}
