import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { prepareSheetExport, type SheetExportOptions } from '../../electron/core/export/sheet/sheet-export.service';
import { applyImportFile, dryRunImport, openImport, undoImportBatch } from '../../electron/core/import/import.service';
import type { ImportMapping } from '../../shared/domain/import';
import { getEntry, listSummaries, REGISTER_ENTITY } from '../../electron/core/services/register.service';
import { getTransfer, listTransfers, TRANSFER_ENTITY } from '../../electron/core/services/transfer.service';
import { auditDetails } from '../../electron/core/db/repos/import.repo';
import { getOrganisation } from '../../electron/core/services/organisation.service';
import { loadDemo } from '../../electron/core/services/demo.service';
import { emptyRetention, type ControllerDoc, type ProcessorDoc } from '../../shared/domain/register';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { emptyOrganisation } from '../../shared/domain/organisation';
import { call, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';
import { execFileSync, spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * Round trip (issue 13, point 3): the register exported as a spreadsheet, then imported into an
 * empty register, gives the same records, field for field (toEqual on whole documents), in both
 * layouts, as .xlsx and .ods: the flat workbook (both registers, every table read back by its
 * headers) and the CNIL model (its rows split back, our extra block read into the fields the
 * model has no row for). What is not compared, and why: the entries' own created/updated dates
 * (an import creates the records now; the audit log names the file) and, in the transfer
 * register, what the workbooks do not carry (safeguard documents, impact assessment).
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
    doc: { ...emptyTransferDoc(), title: 'Enregistrements', importerName: 'Twilio Inc.', importerCountry: 'US', accessCountries: ['IN'], activityIds: [rec.id], mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 2 } },
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
    it('gives the same record, field for field: the CNIL rows split back, our extra block read into its fields', async () => {
      // Every field filled: several bases, phased retentions, recipients with category, name and details, a transfer still to convert.
      // (its notes longer than a cell holds: the rest is on the long-texts sheet, joined back)
      const full = { ...fullController(), notes: `Notes libres ${'y'.repeat(40_000)} fin` };
      const id = listSummaries(source.core, 'controller', 'live')[0]!.id;
      const entry = getEntry(source.core, id);
      await call(source.core, 'register:update', { id, kind: 'controller', version: entry.version, doc: full });
      const { opened, plan, docs, transfers } = await roundTrip({ layout: 'cnil', format });
      expect(opened.source).toBe('cnil');
      // Nothing else to report than the record's own transfer to convert (a country no code matches):
      // our workbook is read without a value kept as text or a row left in the notes.
      expect(plan.rows.map((r) => [r.ref, r.action, r.problems.map((p) => p.key)])).toEqual([['T-001', 'create', ['importNotes.unknownCountry']]]);
      const [doc] = docs;
      // Field for field, the status included: the record sheet is one we wrote, its extra block
      // gives the bases, so the record is as complete as it was (a CNIL model filled by hand
      // still comes in as a draft, issue 13 §1: it has no legal basis).
      // A joint controller's address is one text (we write it in the CNIL's "Adresse" column, and
      // the reader joins that row's postcode, city and country to it: none here, as we write none).
      expect(doc).toEqual(full);
      // The transfer comes back into the transfer register, linked to the record, on its ground, with its title, module and access countries.
      expect(transfers.map((t) => [t.title, t.importerName, t.importerCountry, t.mechanism, t.scc.module, t.accessCountries])).toEqual([['Enregistrements', 'Twilio Inc.', 'US', 'SCC_2021', 2, ['IN']]]);
      // The organisation header of the list: the head of the organisation, its address, the DPO.
      expect(getOrganisation(target.core)).toMatchObject({ address: '5, parvis Alan Turing', postcode: '75013', city: 'Paris', email: 'contact@exemple.test', representative: { name: 'Claire Martin' }, dpo: { name: 'Julien Moreau', email: 'dpo@exemple.test' } });
    });
  });
}

/**
 * The flat workbook (layout 'register') read back is the whole record, field for field, in both
 * registers, for .xlsx and .ods. The record sheets' summary cells (purposes, categories,
 * retention as written, what is missing) are for reading; the tables behind them are imported.
 * The only difference allowed: the entry's own dates (created, updated) are the import's, as for
 * any record created (the audit log says when it came in and from which file).
 */
const phased = { ...emptyRetention(), duration: 3, unit: 'years' as const, criterion: 'après la fin du contrat', archive: { duration: 5, unit: 'years' as const, criterion: 'à compter de la clôture', reason: 'Prescription civile' }, end: 'anonymise' as const, note: '90 jours avec l’option' };
const fullController = (): ControllerDoc =>
  fullControllerDoc({
    dataCategories: [
      { category: 'IDENTITY', description: 'Nom du conseiller', retention: phased },
      { category: 'COMM_CONTENT', description: 'Enregistrement audio', retention: { ...emptyRetention(), duration: 90, unit: 'days', criterion: 'après l’appel' } },
    ],
    recipients: [
      { type: 'INTERNAL', category: 'INTERNAL_DEPT', name: 'Support', details: 'Responsables' },
      { type: 'PROCESSOR', category: 'HOSTING', name: 'Hébergeur SAS', details: 'Hébergement\nsauvegardes' },
    ],
    dataSubjects: [{ category: 'CUSTOMERS', details: 'Appelants' }, { category: 'EMPLOYEES', details: '' }],
    securityMeasures: [{ type: 'ENCRYPTION', details: 'TLS et SRTP' }, { type: 'ACCESS_CONTROL', details: 'Comptes nominatifs' }],
    art10Basis: 'Sans objet ici',
    transfersToConvert: [{ recipient: 'Prestataire lointain', country: 'Atlantide', safeguard: 'SCC', document: 'Contrat 2019', reason: 'country' }],
  });
const fullProcessor = (): ProcessorDoc =>
  fullProcessorDoc({
    clientScope: 'standardDpa',
    standardDpa: 'DPA type v3',
    representative: 'Rep. UE',
    dataCategories: [{ category: 'TRAFFIC', description: 'Numéro appelant, horodatage' }],
    specialCategories: [{ category: 'HEALTH', description: 'Rares mentions' }],
    dataSubjects: [{ category: 'CALLERS', details: 'Appelants des clients' }],
    // Longer than a cell holds (Excel: 32,767 characters): its rest goes to the long-texts sheet and comes back joined.
    notes: `Note du sous-traitant ${'x'.repeat(70_000)} fin`,
  });

async function flatRoundTrip(format: 'xlsx' | 'ods', resave?: (file: string) => string) {
  const s = testCore();
  const t = testCore();
  try {
    const controller = fullController();
    const processor = fullProcessor();
    const rec = await call(s.core, 'register:create', { kind: 'controller', doc: controller });
    const proc = await call(s.core, 'register:create', { kind: 'processor', doc: processor });
    await call(s.core, 'transfer:create', {
      doc: { ...emptyTransferDoc(), title: 'Enregistrements', importerName: 'Twilio Inc.', importerCountry: 'US', accessCountries: ['IN'], activityIds: [rec.id], mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 2 } },
    });
    await call(s.core, 'transfer:create', { doc: { ...emptyTransferDoc(), title: 'Support client', importerName: 'Help Ltd', importerCountry: 'IN', activityIds: [proc.id], mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 3 } } });
    let { buffer, fileName } = await prepareSheetExport(s.core, { layout: 'register', format, language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, includeDrafts: true });
    if (resave) {
      const dir = mkdtempSync(path.join(tmpdir(), 'roundtrip-'));
      writeFileSync(path.join(dir, fileName), buffer);
      const out = resave(path.join(dir, fileName));
      buffer = readFileSync(out);
      fileName = path.basename(out);
    }
    const opened = await openImport(t.core, fileName, buffer);
    const plan = await dryRunImport(t.core, opened.token, {});
    const { batch } = await applyImportFile(t.core, opened.token, opened.sha256, {});
    const docs = (kind: 'controller' | 'processor') => listSummaries(t.core, kind, 'live').map((x) => getEntry(t.core, x.id));
    const transfers = listTransfers(t.core, 'live').map((x) => getTransfer(t.core, x.id).doc);
    return { controller, processor, opened, plan, batch, controllers: docs('controller'), processors: docs('processor'), transfers, t };
  } finally {
    s.cleanup();
  }
}

for (const format of ['xlsx', 'ods'] as const) {
  describe(`the flat workbook (.${format}) exported then imported`, () => {
    it('is recognised as ours and gives back both registers, field for field, and the transfers in the transfer register', async () => {
      const r = await flatRoundTrip(format);
      try {
        expect(r.opened.source).toBe('register');
        expect(r.opened.register).toMatchObject({ controller: 1, processor: 1 });
        expect(r.plan.rows.map((x) => [x.ref, x.action, x.problems])).toEqual([
          ['T-001', 'create', []],
          ['P-001', 'create', []],
        ]);
        expect(r.controllers.map((e) => e.doc)).toEqual([r.controller]);
        expect(r.processors.map((e) => e.doc)).toEqual([r.processor]);
        const [c] = r.controllers;
        const [p] = r.processors;
        expect(r.transfers.map((x) => [x.title, x.importerName, x.importerCountry, x.accessCountries, x.mechanism, x.scc.module, x.activityIds])).toEqual([
          ['Enregistrements', 'Twilio Inc.', 'US', ['IN'], 'SCC_2021', 2, [c!.id]],
          ['Support client', 'Help Ltd', 'IN', [], 'SCC_2021', 3, [p!.id]],
        ]);
        // One audit entry per record and transfer, naming the file and its SHA-256, as for the other paths.
        for (const [entity, id] of [[REGISTER_ENTITY, c!.id], [REGISTER_ENTITY, p!.id], [TRANSFER_ENTITY, r.transfers.length ? listTransfers(r.t.core, 'live')[0]!.id : '']] as const) {
          expect(auditDetails(r.t.core.db, entity, id).map((a) => JSON.parse(a.detail) as Record<string, string>)).toEqual([{ import: r.batch.id, file: expect.stringMatching(/\.(xlsx|ods)$/), sha256: r.opened.sha256 }]);
        }
        // Undo works for this path as for the others: every record and transfer to the trash.
        const undo = undoImportBatch(r.t.core, r.batch.id);
        expect([undo.trashed, undo.transfersTrashed]).toEqual([2, 2]);
      } finally {
        r.t.cleanup();
      }
    });
  });
}

/** LibreOffice is part of the test machine (test/system-deps.sh installs it): its absence fails, it never skips. */
const hasLibreOffice = spawnSync('sh', ['-c', 'command -v libreoffice']).status === 0;

describe('the flat workbook re-saved by LibreOffice', () => {
  it('needs LibreOffice on the test machine', () => {
    expect(hasLibreOffice, 'install libreoffice (test/system-deps.sh)').toBe(true);
  });

  for (const [from, to] of [['xlsx', 'xlsx'], ['xlsx', 'ods']] as const) {
    it(`still round-trips (.${from} saved again as .${to})`, async () => {
      const r = await flatRoundTrip(from, (file) => {
        const outDir = path.join(path.dirname(file), 'saved');
        // A profile of its own: another LibreOffice running on the machine (another suite, the user) would otherwise take the job.
        const profile = `file://${path.join(path.dirname(file), 'profile')}`;
        execFileSync('libreoffice', [`-env:UserInstallation=${profile}`, '--headless', '--calc', '--convert-to', to, '--outdir', outDir, file], { stdio: 'ignore', timeout: 110_000 });
        return path.join(outDir, path.basename(file).replace(/\.\w+$/, `.${to}`));
      });
      try {
        expect(r.opened.source).toBe('register');
        expect(r.controllers.map((e) => e.doc)).toEqual([r.controller]);
        expect(r.processors.map((e) => e.doc)).toEqual([r.processor]);
        expect(r.transfers).toHaveLength(2);
      } finally {
        r.t.cleanup();
      }
    });
  }
});

describe('the flat workbook edited by its user, then imported', () => {
  it('is still read: tab renamed, columns moved, marker sheet deleted, a value typed in English, an unknown label reported and kept', async () => {
    const { buffer } = await prepareSheetExport(source.core, { layout: 'register', format: 'xlsx', language: 'fr', registers: 'controller', asOf: '2026-11-24', includeArchived: false, includeDrafts: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    wb.removeWorksheet(wb.getWorksheet('_dpo')!.id);
    const records = wb.getWorksheet('Traitements')!;
    records.name = 'Mes traitements';
    // The user moves the "Statut" column to the end and types the status in English.
    const header = records.getRow(1).values as unknown[];
    const statusCol = header.indexOf('Statut');
    const last = records.columnCount + 1;
    records.getCell(1, last).value = 'Statut';
    records.getCell(2, last).value = 'Active';
    records.spliceColumns(statusCol, 1);
    // And writes a category of recipient no list has.
    wb.getWorksheet('Destinataires')!.getCell(2, 4).value = 'Comité des fêtes';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());

    const opened = await openImport(target.core, 'registre-modifié.xlsx', edited);
    expect(opened.source).toBe('register');
    const plan = await dryRunImport(target.core, opened.token, {});
    expect(plan.rows[0]!.problems).toContainEqual(expect.objectContaining({ key: 'importNotes.unknownValue', sheet: 'Destinataires', cell: 'D2', params: { field: 'recipients', value: 'Comité des fêtes' } }));
    await applyImportFile(target.core, opened.token, opened.sha256, {});
    const doc = getEntry(target.core, listSummaries(target.core, 'controller', 'live')[0]!.id).doc as ControllerDoc;
    expect(doc.status).toBe('active');
    expect(doc.recipients[0]).toEqual({ ...original.recipients[0], category: '' });
    expect(doc.notes).toBe('Notes libres\nDestinataires – Catégorie : Comité des fêtes');
    expect({ ...doc, recipients: original.recipients, notes: original.notes }).toEqual(original);
    // The organisation sheet fills the profile of the empty register (the joint controllers of the profile aside: the sheet has them on one line each).
    expect(getOrganisation(target.core)).toEqual(getOrganisation(source.core));
  });
});

describe('the demo register exported then imported into an empty register', () => {
  for (const format of ['xlsx', 'ods'] as const) {
    it(`gives back every record of both registers, field for field, and every linked transfer (.${format})`, async () => {
      const s = testCore();
      const t = testCore();
      try {
        loadDemo(s.core);
        const { buffer, fileName } = await prepareSheetExport(s.core, { layout: 'register', format, language: 'en', registers: 'both', asOf: '2026-11-24', includeArchived: true, includeDrafts: true });
        const opened = await openImport(t.core, fileName, buffer);
        expect(opened.source).toBe('register');
        await applyImportFile(t.core, opened.token, opened.sha256, { replaceOrganisation: true });
        for (const kind of ['controller', 'processor'] as const) {
          const docs = (c: Core) => listSummaries(c, kind, 'live').map((x) => getEntry(c, x.id).doc).sort((a, b) => a.ref.localeCompare(b.ref));
          expect(docs(t.core)).toEqual(docs(s.core));
        }
        // The transfers linked to a record come back linked to the record of the same reference.
        const linked = (c: Core) =>
          listTransfers(c, 'live')
            .map((x) => getTransfer(c, x.id).doc)
            .filter((d) => d.activityIds.length > 0)
            .map((d) => [d.title, d.importerCountry, d.mechanism, d.scc.module, [...d.accessCountries].sort(), d.activityIds.map((id) => getEntry(c, id).doc.ref).sort()])
            .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
        expect(linked(t.core)).toEqual(linked(s.core));
      } finally {
        s.cleanup();
        t.cleanup();
      }
    });
  }
});

describe('the demo register exported as the CNIL model then imported into an empty register', () => {
  it('gives back every controller record, field for field', async () => {
    const s = testCore();
    const t = testCore();
    try {
      loadDemo(s.core);
      const { buffer, fileName } = await prepareSheetExport(s.core, { layout: 'cnil', format: 'xlsx', language: 'fr', registers: 'controller', asOf: '2026-11-24', includeArchived: true, includeDrafts: true });
      const opened = await openImport(t.core, fileName, buffer);
      expect(opened.source).toBe('cnil');
      await applyImportFile(t.core, opened.token, opened.sha256, { replaceOrganisation: true });
      const docs = (c: Core) => listSummaries(c, 'controller', 'live').map((x) => getEntry(c, x.id).doc).sort((a, b) => a.ref.localeCompare(b.ref));
      expect(docs(t.core)).toEqual(docs(s.core));
    } finally {
      s.cleanup();
      t.cleanup();
    }
  });
});
