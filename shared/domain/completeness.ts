import type { ControllerDoc, ProcessorDoc, Retention } from './register';
import { ART9_CATEGORIES, LEGAL_BASES_NEEDING_DETAIL } from './enums';

/**
 * The mandatory content of a register record (Art. 30(1) for the controller register,
 * Art. 30(2) for the processor register, plus the lawful basis and DPIA screening a DPO is
 * expected to document). `path` points at the form field; `key` names it in shared/i18n
 * ("fields" section). A draft may miss any of them; an active record may not.
 */
export type MissingField = Readonly<{ path: string; key: string }>;

const blank = (s: string) => s.trim() === '';
const retentionMissing = (r: Retention) => r.duration === null && blank(r.criterion);

export function controllerMissing(doc: ControllerDoc): MissingField[] {
  const out: MissingField[] = [];
  const add = (path: string, key = path) => out.push({ path, key });
  if (blank(doc.mainPurpose)) add('mainPurpose');
  if (doc.legalBasis === '') add('legalBasis');
  else if (LEGAL_BASES_NEEDING_DETAIL.includes(doc.legalBasis) && blank(doc.legalBasisDetail)) add('legalBasisDetail');
  if (doc.dataSubjects.length === 0) add('dataSubjects');
  if (doc.dataCategories.length === 0 && doc.specialCategories.length === 0) add('dataCategories');
  doc.dataCategories.forEach((c, i) => {
    if (retentionMissing(c.retention)) add(`dataCategories.${i}.retention.criterion`, 'retention');
  });
  doc.specialCategories.forEach((c, i) => {
    if (retentionMissing(c.retention)) add(`specialCategories.${i}.retention.criterion`, 'retention');
  });
  if (doc.specialCategories.some((c) => ART9_CATEGORIES.includes(c.category)) && doc.art9Condition === '') {
    add('art9Condition');
  }
  if (doc.specialCategories.some((c) => c.category === 'CRIMINAL') && blank(doc.art10Basis)) add('art10Basis');
  if (doc.recipients.length === 0) add('recipients');
  if (doc.securityMeasures.length === 0) add('securityMeasures');
  if (doc.dpia.needed === 'unknown') add('dpia.needed', 'dpiaNeeded');
  return out;
}

export function processorMissing(doc: ProcessorDoc): MissingField[] {
  const out: MissingField[] = [];
  const add = (path: string, key = path) => out.push({ path, key });
  if (blank(doc.client.name)) add('client.name', 'clientName');
  if (blank(doc.client.email) && blank(doc.client.contactName)) add('client.contactName', 'clientContact');
  if (doc.processingCategories.length === 0) add('processingCategories');
  if (doc.securityMeasures.length === 0) add('securityMeasures');
  return out;
}
