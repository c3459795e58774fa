import type { RegisterKind } from './enums';
import { controllerMissing, processorMissing, type MissingField } from './completeness';
import type { ControllerDoc, ProcessorDoc, RegisterDoc, RegisterSummary } from './register';

export function missingFor(kind: RegisterKind, doc: RegisterDoc): MissingField[] {
  return kind === 'controller' ? controllerMissing(doc as ControllerDoc) : processorMissing(doc as ProcessorDoc);
}

/** Every Art. 6(1) basis the record's purposes rest on, in the order of the purposes, each once. */
export function legalBasesOf(doc: ControllerDoc): string[] {
  return [...new Set(doc.purposes.flatMap((p) => p.bases.map((b) => b.basis)).filter((b) => b !== ''))];
}

/** What the register table shows for one record (stored beside the document when it is written). */
export function summariseRecord(
  id: string,
  kind: RegisterKind,
  doc: RegisterDoc,
  times: { createdAt: string; updatedAt: string; deletedAt: string | null },
  /** What the table shows of the record's transfers: read from the transfer register by the caller. */
  transfers: Pick<RegisterSummary, 'hasTransfers' | 'transferCountries' | 'transfersToConvert'>,
): RegisterSummary {
  const missing = missingFor(kind, doc).map((m) => m.key);
  const base = {
    id,
    kind,
    ref: doc.ref,
    name: doc.name,
    status: doc.status,
    ...transfers,
    nextReview: doc.nextReview,
    ...times,
    missing,
  };
  if (kind === 'controller') {
    const c = doc as ControllerDoc;
    return {
      ...base,
      department: c.department,
      legalBases: legalBasesOf(c),
      purpose: c.purposes[0]?.text ?? '',
      client: '',
      allClients: false,
      hasSpecial: c.specialCategories.length > 0,
    };
  }
  const p = doc as ProcessorDoc;
  return {
    ...base,
    department: '',
    legalBases: [],
    purpose: p.processingCategories.map((c) => c.text).join(' ; '),
    client: p.clientScope === 'standardDpa' ? p.standardDpa : p.client.name,
    allClients: p.clientScope === 'standardDpa',
    hasSpecial: p.specialCategories.length > 0,
  };
}

/** The register list's legal-basis filter: a record matches when any of its purposes rests on the basis. */
export function matchesLegalBasis(summary: Pick<RegisterSummary, 'legalBases'>, basis: string): boolean {
  return basis === '' || (summary.legalBases ?? []).includes(basis);
}
