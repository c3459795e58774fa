import type { ControllerDoc, ProcessorDoc, Purpose, PurposeBasis, Retention } from './register';
import { ART9_CATEGORIES, LEGAL_BASES_NEEDING_DETAIL } from './enums';

/**
 * The mandatory content of a register record (Art. 30(1) for the controller register,
 * Art. 30(2) for the processor register, plus the lawful basis and DPIA screening a DPO is
 * expected to document). `path` points at the form field; `key` names it in shared/i18n
 * ("fields" section). A draft may miss any of them; an active record may not.
 */
export type MissingField = Readonly<{ path: string; key: string }>;

const blank = (s: string) => s.trim() === '';

/**
 * Art. 6(1): processing is lawful only if at least one of the six bases applies, and the
 * purpose is what it applies to (Art. 5(1)(b)). A purpose without a basis is incomplete.
 */
export function purposeWithoutLegalBasis(p: Purpose): boolean {
  return !p.bases.some((b) => b.basis !== '');
}

/**
 * A basis whose content must be written down: how consent is collected (Art. 7(1): consent must
 * be demonstrable), the contract (Art. 6(1)(b)), the law that imposes the obligation or the
 * public task (Art. 6(3)), the legitimate interest pursued (Art. 6(1)(f), recital 47, told to the
 * persons under Art. 13(1)(d)).
 */
export function legalBasisWithoutDetail(b: PurposeBasis): boolean {
  return b.basis !== '' && LEGAL_BASES_NEEDING_DETAIL.includes(b.basis) && blank(b.detail);
}

/**
 * Art. 30(1)(f) asks for the envisaged time limits for erasure of each category of data: a
 * duration, the event it runs from (CNIL: « 3 ans à compter de la fin de la relation »), or,
 * when neither fits a box, a written note.
 */
export function retentionWithoutLimit(r: Retention): boolean {
  return r.duration === null && blank(r.criterion) && blank(r.note);
}

/**
 * Art. 5(1)(e) (storage limitation): data kept in an intermediate archive after their purpose is
 * achieved must have a reason to be kept (a legal obligation, the limitation period); CNIL guide
 * « Les durées de conservation » (2020).
 */
export function archiveWithoutReason(r: Retention): boolean {
  const a = r.archive;
  return (a.duration !== null || !blank(a.criterion)) && blank(a.reason);
}

/**
 * Rows of the same data category tell apart by their description (traffic data, usage logs and
 * technical data are three rows under "connection data", each with its own retention): a
 * category that repeats needs a description on each of its rows. Returns the rows at fault.
 */
export function repeatedCategoryWithoutDescription(rows: ReadonlyArray<{ category: string; description: string }>): number[] {
  const count = new Map<string, number>();
  for (const r of rows) if (r.category !== '') count.set(r.category, (count.get(r.category) ?? 0) + 1);
  return rows.flatMap((r, i) => ((count.get(r.category) ?? 0) > 1 && blank(r.description) ? [i] : []));
}

export function controllerMissing(doc: ControllerDoc): MissingField[] {
  const out: MissingField[] = [];
  const add = (path: string, key = path) => out.push({ path, key });
  // Art. 30(1)(b): the purposes, the first being the main one; each with its Art. 6(1) basis.
  if (doc.purposes.length === 0) add('purposes');
  doc.purposes.forEach((p, i) => {
    if (blank(p.text)) add(`purposes.${i}.text`, 'purposeText');
    if (purposeWithoutLegalBasis(p)) add(`purposes.${i}.bases`, 'legalBasis');
    p.bases.forEach((b, j) => {
      if (legalBasisWithoutDetail(b)) add(`purposes.${i}.bases.${j}.detail`, 'legalBasisDetail');
    });
  });
  if (doc.dataSubjects.length === 0) add('dataSubjects');
  if (doc.dataCategories.length === 0 && doc.specialCategories.length === 0) add('dataCategories');
  for (const list of ['dataCategories', 'specialCategories'] as const) {
    doc[list].forEach((c, i) => {
      if (retentionWithoutLimit(c.retention)) add(`${list}.${i}.retention.criterion`, 'retention');
      if (archiveWithoutReason(c.retention)) add(`${list}.${i}.retention.archive.reason`, 'archiveReason');
    });
  }
  if (doc.specialCategories.some((c) => ART9_CATEGORIES.includes(c.category)) && doc.art9Condition === '') {
    add('art9Condition');
  }
  if (doc.specialCategories.some((c) => c.category === 'CRIMINAL') && blank(doc.art10Basis)) add('art10Basis');
  if (doc.recipients.length === 0) add('recipients');
  if (doc.securityMeasures.length === 0) add('securityMeasures');
  if (doc.dpia.needed === 'unknown') add('dpia.needed', 'dpiaNeeded');
  return out;
}

/**
 * Art. 30(2)(a): each controller on whose behalf the processor acts is named. A processor that
 * serves every client under one standard data processing agreement names them through that
 * agreement (the client list is the contract list), so the agreement is named instead.
 */
export function processorClientMissing(doc: ProcessorDoc): MissingField[] {
  if (doc.clientScope === 'standardDpa') return blank(doc.standardDpa) ? [{ path: 'standardDpa', key: 'standardDpa' }] : [];
  const out: MissingField[] = [];
  if (blank(doc.client.name)) out.push({ path: 'client.name', key: 'clientName' });
  if (blank(doc.client.email) && blank(doc.client.contactName)) out.push({ path: 'client.contactName', key: 'clientContact' });
  return out;
}

export function processorMissing(doc: ProcessorDoc): MissingField[] {
  const out: MissingField[] = [...processorClientMissing(doc)];
  const add = (path: string, key = path) => out.push({ path, key });
  if (doc.processingCategories.length === 0) add('processingCategories');
  if (doc.securityMeasures.length === 0) add('securityMeasures');
  return out;
}
