import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { applyImportFile, dryRunImport, getMapping, listMappings, openImport, previewImport, saveMapping, undoImportBatch } from '../../electron/core/import/import.service';
import { getEntry, listSummaries, createEntry } from '../../electron/core/services/register.service';
import { listTransfers } from '../../electron/core/services/transfer.service';
import type { ImportMapping } from '../../shared/domain/import';
import type { RegisterEntry } from '../../shared/domain/register';
import { fullControllerDoc, testCore } from '../helpers';

const CSV = [
  'Référence;Nom du traitement;Finalité principale;Base légale;Personnes concernées;Catégories de données;Durée de conservation;Destinataires;Mesures de sécurité;Pays hors UE;Destinataire hors UE;Garanties',
  'RH-01;Gestion de la paie;Verser les salaires;Obligation légale;Salariés;État civil, identité;5 ans à compter du départ;Service RH;Contrôle d’accès;;;',
  'RH-02;Recrutement;Sélectionner les candidats;Mesures précontractuelles;Candidats;Vie professionnelle;2 ans;Service RH;Sauvegarde;États-Unis;Workday Inc.;Privacy Shield',
  ';Vidéoprotection;Sécuriser les locaux;Intérêt légitime;Visiteurs;Images;30 jours;Prestataire de sécurité;Non concerné;Non concerné;;',
].join('\r\n');

const bytes = (s: string) => new TextEncoder().encode(s);
const sha = (s: string) => createHash('sha256').update(bytes(s)).digest('hex');

let t: ReturnType<typeof testCore>;
let core: Core;
beforeEach(() => {
  t = testCore();
  core = t.core;
});
afterEach(() => t.cleanup());

async function opened(csv = CSV) {
  const o = await openImport(core, 'registre.csv', bytes(csv));
  expect(o.source).toBe('table');
  return { o, mapping: o.table!.suggested as ImportMapping };
}

const auditCount = () => core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;

describe('import of a generic spreadsheet', { timeout: 60_000 }, () => {
  it('suggests the columns from French headers and previews the first rows', async () => {
    const { o, mapping } = await opened();
    expect(o.sha256).toBe(sha(CSV));
    expect(o.table!.rowCount).toBe(3);
    expect(mapping.columns).toMatchObject({ ref: 'Référence', name: 'Nom du traitement', purpose: 'Finalité principale', legalBasis: 'Base légale', dataSubjects: 'Personnes concernées', retention: 'Durée de conservation', transferCountry: 'Pays hors UE', transferRecipient: 'Destinataire hors UE', transferSafeguard: 'Garanties' });
    const preview = await previewImport(core, o.token, mapping, 'fr');
    expect(preview.rows[0]!.fields.name).toBe('Gestion de la paie');
    expect(preview.rows[0]!.fields.legalBasis).toContain('Obligation légale');
    const bases = preview.values.legalBasis!.map((v) => [v.value, v.suggested]);
    expect(bases).toContainEqual(['Obligation légale', 'LEGAL_OBLIGATION']);
    expect(bases).toContainEqual(['Intérêt légitime', 'LEGITIMATE_INTEREST']);
    expect(preview.values.transferCountry!.map((v) => v.suggested)).toEqual(['US']);
  });

  it('the dry run reports row by row and writes nothing', async () => {
    const { o, mapping } = await opened();
    const before = auditCount();
    const plan = await dryRunImport(core, o.token, { mapping });
    expect(plan.rows.map((r) => [r.ref, r.action])).toEqual([['RH-01', 'create'], ['RH-02', 'create'], ['RT-001', 'create']]);
    expect(plan.counts).toMatchObject({ create: 3, update: 0, skip: 0, transfers: 1 });
    const rh2 = plan.rows[1]!;
    expect(rh2.problems.map((p) => p.key)).toContain('importNotes.invalidatedGround');
    // "Mesures précontractuelles" is read as the contract basis; missing fields are listed for the badge.
    expect(plan.rows[0]!.missing).toContain('legalBasisDetail');
    expect(plan.rows[2]!.problems.map((p) => p.key)).toContain('importReport.refAssigned');
    expect(auditCount()).toBe(before);
    expect(listSummaries(core, 'controller', 'live')).toHaveLength(0);
  });

  it('applies in one transaction: drafts, their transfers linked, one audit entry per record naming the file and its SHA-256', async () => {
    const { o, mapping } = await opened();
    const { batch } = await applyImportFile(core, o.token, o.sha256, { mapping });
    expect(batch).toMatchObject({ created: 3, updated: 0, fileName: 'registre.csv', sha256: sha(CSV) });
    const live = listSummaries(core, 'controller', 'live');
    expect(live.map((s) => [s.ref, s.status])).toEqual([['RH-01', 'draft'], ['RH-02', 'draft'], ['RT-001', 'draft']]);
    const rh2 = live.find((s) => s.ref === 'RH-02')!;
    const transfers = listTransfers(core, 'live');
    expect(transfers).toHaveLength(1);
    expect(transfers[0]).toMatchObject({ importerCountry: 'US', mechanism: 'LEGACY_PRIVACY_SHIELD', activityIds: [rh2.id] });
    const entries = core.db.prepare("SELECT entity, action, detail FROM audit_log WHERE detail IS NOT NULL").all() as Array<{ entity: string; action: string; detail: string }>;
    const records = entries.filter((e) => e.entity === 'register_entry');
    expect(records).toHaveLength(3);
    for (const e of records) {
      expect(e.action).toBe('importRegister');
      expect(JSON.parse(e.detail)).toEqual({ import: batch.id, file: 'registre.csv', sha256: sha(CSV) });
    }
    const paie = getEntry(core, live[0]!.id) as RegisterEntry<'controller'>;
    expect(paie.doc.dataCategories[0]!.retention).toMatchObject({ duration: 5, unit: 'years', criterion: 'à compter du départ' });
  });

  it('a failure in the middle leaves nothing written', async () => {
    const { o, mapping } = await opened();
    // A transfer whose country the reference does not know makes the transfer service throw half-way.
    core.db.exec("CREATE TRIGGER fail_third AFTER INSERT ON register_entry WHEN (SELECT count(*) FROM register_entry) = 3 BEGIN SELECT RAISE(ABORT, 'disk full'); END;");
    const before = auditCount();
    await expect(applyImportFile(core, o.token, o.sha256, { mapping })).rejects.toThrow(/disk full/);
    expect(listSummaries(core, 'controller', 'live')).toHaveLength(0);
    expect(listTransfers(core, 'live')).toHaveLength(0);
    expect(auditCount()).toBe(before);
    expect(core.db.prepare('SELECT count(*) FROM import_batch').pluck().get()).toBe(0);
  });

  it('matches rows by reference: an existing record is updated (its other fields kept), and undo puts it back', async () => {
    const existing = createEntry(core, 'controller', fullControllerDoc({ ref: 'RH-01', name: 'Paie (ancien)', software: 'SIRH' }));
    const { o, mapping } = await opened();
    const plan = await dryRunImport(core, o.token, { mapping });
    expect(plan.rows[0]).toMatchObject({ ref: 'RH-01', action: 'update', recordId: existing.id });
    const { batch } = await applyImportFile(core, o.token, o.sha256, { mapping });
    expect(batch).toMatchObject({ created: 2, updated: 1 });
    const updated = getEntry(core, existing.id) as RegisterEntry<'controller'>;
    expect(updated.doc.name).toBe('Gestion de la paie');
    expect(updated.doc.software).toBe('SIRH');
    const undo = undoImportBatch(core, batch.id);
    expect(undo).toMatchObject({ trashed: 2, restored: 1, transfersTrashed: 1, keptChanged: [] });
    expect(getEntry(core, existing.id).doc).toEqual(existing.doc);
    expect(listSummaries(core, 'controller', 'live').map((s) => s.ref)).toEqual(['RH-01']);
    expect(listSummaries(core, 'controller', 'trash').map((s) => s.ref).sort()).toEqual(['RH-02', 'RT-001']);
    expect(listTransfers(core, 'live')).toHaveLength(0);
    expect(() => undoImportBatch(core, batch.id)).toThrow(/already undone/);
  });

  it('a saved mapping is found again by name and applies to next year\'s file with its columns in another order', async () => {
    const { o, mapping } = await opened();
    const values = { legalBasis: { mesuresprecontractuelles: 'CONTRACT', obligationlegale: 'LEGAL_OBLIGATION', interetlegitime: 'LEGITIMATE_INTEREST' } };
    saveMapping(core, 'Registre RH', { ...mapping, values });
    expect(listMappings(core).map((m) => m.name)).toEqual(['Registre RH']);
    void o;
    const lines = CSV.split('\r\n').map((l) => l.split(';'));
    const reordered = lines.map((cells) => [cells[1], cells[0], ...cells.slice(2)].join(';')).join('\n');
    const next = await openImport(core, 'registre-2027.csv', bytes(reordered));
    const plan = await dryRunImport(core, next.token, { mapping: getMapping(core, 'registre rh') });
    expect(plan.rows.map((r) => [r.ref, r.name])).toEqual([['RH-01', 'Gestion de la paie'], ['RH-02', 'Recrutement'], ['RT-001', 'Vidéoprotection']]);
  });

  it('a cell longer than the field allows is reported, not cut, and its row is not imported', async () => {
    const long = CSV + `\r\nRH-09;${'N'.repeat(250)};Finalité;;;;;;;;;`;
    const { o, mapping } = await opened(long);
    const plan = await dryRunImport(core, o.token, { mapping });
    const row = plan.rows.find((r) => r.ref === 'RH-09')!;
    expect(row.action).toBe('skip');
    expect(row.problems).toContainEqual(expect.objectContaining({ key: 'importNotes.tooLong', column: 'Nom du traitement', params: { field: 'Nom du traitement', max: 200, length: 250 } }));
  });
});
