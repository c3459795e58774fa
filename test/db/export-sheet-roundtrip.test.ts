import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { prepareSheetExport, type SheetExportOptions } from '../../electron/core/export/sheet/sheet-export.service';
import { applyImportFile, dryRunImport, openImport } from '../../electron/core/import/import.service';
import type { ImportMapping } from '../../shared/domain/import';
import { getEntry, listSummaries } from '../../electron/core/services/register.service';
import { getTransfer, listTransfers } from '../../electron/core/services/transfer.service';
import { getOrganisation } from '../../electron/core/services/organisation.service';
import { emptyRetention, type ControllerDoc } from '../../shared/domain/register';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { emptyOrganisation } from '../../shared/domain/organisation';
import { call, fullControllerDoc, testCore } from '../helpers';

/**
 * Round trip (issue 13, point 3): the register exported as a spreadsheet, then imported into an
 * empty register, gives the same records, field for field, for every field the workbook's
 * layout holds. The CNIL model holds no legal basis, status, DPIA or review date: the import
 * keeps what our extra block says in the record's notes (nothing dropped), and the record comes
 * back a draft whose completeness badge lists the bases (issue 13, point 1).
 */

let source: ReturnType<typeof testCore>;
let target: ReturnType<typeof testCore>;
let original: ControllerDoc;
beforeEach(async () => {
  source = testCore();
  target = testCore();
  await call(source.core, 'org:save', {
    doc: {
      ...emptyOrganisation(),
      legalName: 'Exemple Télécom SAS',
      address: '5, parvis Alan Turing',
      postcode: '75013',
      city: 'Paris',
      email: 'contact@exemple.test',
      representative: { name: 'Claire Martin', role: '', company: '', address: '', email: '', phone: '' },
      dpo: { name: 'Julien Moreau', role: '', company: '', address: '', email: 'dpo@exemple.test', phone: '' },
    },
  });
  original = fullControllerDoc({
    dataCategories: [
      { category: 'IDENTITY', description: 'Nom du conseiller', retention: { ...emptyRetention(), duration: 1, unit: 'years', criterion: '' } },
      { category: 'COMM_CONTENT', description: 'Enregistrement audio', retention: { ...emptyRetention(), duration: 90, unit: 'days', criterion: '' } },
    ],
  });
  const rec = await call(source.core, 'register:create', { kind: 'controller', doc: original });
  await call(source.core, 'transfer:create', {
    doc: { ...emptyTransferDoc(), title: 'Enregistrements', importerName: 'Twilio Inc.', importerCountry: 'US', activityIds: [rec.id], mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 2 } },
  });
});
afterEach(() => {
  source.cleanup();
  target.cleanup();
});

async function roundTrip(o: Pick<SheetExportOptions, 'layout' | 'format'>, mapping?: (suggested: ImportMapping) => ImportMapping) {
  const { buffer, fileName } = await prepareSheetExport(source.core, { ...o, language: 'fr', registers: 'controller', asOf: '2026-11-24', includeArchived: false, includeDrafts: true });
  const core: Core = target.core;
  const opened = await openImport(core, fileName, buffer);
  const options = opened.source === 'table' ? { mapping: (mapping ?? ((m) => m))(opened.table!.suggested as ImportMapping) } : { replaceOrganisation: true };
  const plan = await dryRunImport(core, opened.token, options);
  await applyImportFile(core, opened.token, opened.sha256, options);
  const docs = listSummaries(core, 'controller', 'live').map((s) => getEntry(core, s.id).doc as ControllerDoc);
  const transfers = listTransfers(core, 'live').map((t) => getTransfer(core, t.id).doc);
  return { opened, plan, docs, transfers };
}

for (const format of ['ods', 'xlsx'] as const) {
  describe(`the CNIL model (.${format}) exported then imported`, () => {
    it('gives the same record, field for field, for every field the CNIL model holds', async () => {
      const { opened, plan, docs, transfers } = await roundTrip({ layout: 'cnil', format });
      expect(opened.source).toBe('cnil');
      expect(plan.rows.map((r) => [r.ref, r.action])).toEqual([['T-001', 'create']]);
      const [doc] = docs;
      // Identification, actors, purposes.
      expect(doc!.ref).toBe(original.ref);
      expect(doc!.name).toBe(original.name);
      expect(doc!.jointControllers.map(({ details: _d, ...p }) => p)).toEqual(original.jointControllers.map(({ details: _d, ...p }) => p));
      expect(doc!.purposes.map((p) => p.text)).toEqual(original.purposes.map((p) => p.text));
      // Data categories with their description and retention, special data, data subjects, security measures.
      expect(doc!.dataCategories).toEqual(original.dataCategories);
      expect(doc!.specialCategories).toEqual(original.specialCategories);
      expect(doc!.dataSubjects).toEqual(original.dataSubjects);
      expect(doc!.securityMeasures).toEqual(original.securityMeasures);
      expect(doc!.recipients.map((r) => [r.type, r.category])).toEqual(original.recipients.map((r) => [r.type, r.category]));
      // The transfer comes back into the transfer register, linked to the record, on its ground.
      expect(transfers.map((t) => [t.importerName, t.importerCountry, t.mechanism])).toEqual([['Twilio Inc.', 'US', 'SCC_2021']]);
      // The organisation header of the list: the head of the organisation, its address, the DPO.
      expect(getOrganisation(target.core)).toMatchObject({ address: '5, parvis Alan Turing', postcode: '75013', city: 'Paris', email: 'contact@exemple.test', representative: { name: 'Claire Martin' }, dpo: { name: 'Julien Moreau', email: 'dpo@exemple.test' } });
      // What the CNIL model has no row for is not lost: our extra block lands in the notes.
      expect(doc!.notes).toContain('Intérêt légitime (art. 6.1.f) – Intérêt légitime à améliorer le service');
      expect(doc!.notes).toContain('Notes libres');
      expect(doc!.status).toBe('draft');
    });
  });
}

describe('the flat workbook (.xlsx) exported then imported with the suggested mapping', () => {
  it('gives the same record for the fields a one-row-per-record import maps', async () => {
    const { opened, docs } = await roundTrip({ layout: 'register', format: 'xlsx' });
    expect(opened.source).toBe('table');
    expect(opened.table!.suggested.columns).toMatchObject({ ref: 'Référence', name: 'Nom du traitement', department: 'Service responsable', software: 'Logiciel ou application', sources: 'Sources des données', notes: 'Notes', nextReview: 'Prochaine revue' });
    const [doc] = docs;
    for (const field of ['ref', 'name', 'department', 'software', 'sources', 'notes', 'nextReview'] as const) expect(doc![field], field).toEqual(original[field]);
    expect(doc!.dpia.needed).toBe(original.dpia.needed);
    expect(doc!.dataCategories.map((c) => c.category)).toEqual(original.dataCategories.map((c) => c.category));
    expect(doc!.specialCategories.map((c) => c.category)).toEqual(original.specialCategories.map((c) => c.category));
    expect(doc!.dataSubjects.map((c) => c.category)).toEqual(original.dataSubjects.map((c) => c.category));
    expect(doc!.securityMeasures.map((c) => c.type)).toEqual(original.securityMeasures.map((c) => c.type));
    expect(doc!.recipients.map((r) => r.type)).toEqual(original.recipients.map((r) => r.type));
  });
});
