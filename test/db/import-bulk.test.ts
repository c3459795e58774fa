import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { tx } from '../../electron/core/core';
import { applyImportFile, openImport } from '../../electron/core/import/import.service';
import { createEntry, getEntry, refreshRecords, registerBulkWriter } from '../../electron/core/services/register.service';
import { createTransfer, listTransfers } from '../../electron/core/services/transfer.service';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import type { RegisterRow } from '../../electron/core/db/repos/register.repo';
import { fullControllerDoc, testCore } from '../helpers';

/**
 * The import's bulk path (registerBulkWriter, transferBulkWriter) writes what the ordinary
 * services write: the same checks, the same stored summary and search text (with the record's
 * transfers), the same audit entries.
 */

const CSV = [
  'Référence;Nom du traitement;Finalité principale;Base légale;Personnes concernées;Catégories de données;Durée de conservation;Destinataires;Mesures de sécurité;Pays hors UE;Destinataire hors UE;Garanties',
  'RH-01;Gestion de la paie;Verser les salaires;Obligation légale;Salariés;État civil, identité;5 ans à compter du départ;Service RH;Contrôle d’accès;;;',
  'RH-02;Recrutement;Sélectionner les candidats;Mesures précontractuelles;Candidats;Vie professionnelle;2 ans;Service RH;Sauvegarde;États-Unis, Inde;Workday Inc.;Clauses contractuelles types',
  'RH-03;Formation;Former les salariés;Obligation légale;Salariés;Vie professionnelle;3 ans;Service RH;Sauvegarde;Canada;Adobe;Décision d’adéquation',
].join('\r\n');

let t: ReturnType<typeof testCore>;
let core: Core;
beforeEach(() => {
  t = testCore();
  core = t.core;
});
afterEach(() => t.cleanup());

const rows = () => core.db.prepare('SELECT id, ref, version, summary, search_text FROM register_entry ORDER BY ref').all() as Array<Pick<RegisterRow, 'id' | 'ref' | 'version' | 'summary' | 'search_text'>>;

async function importCsv(csv = CSV) {
  const o = await openImport(core, 'registre.csv', new TextEncoder().encode(csv));
  return applyImportFile(core, o.token, o.sha256, { mapping: o.table!.suggested });
}

describe('the import writes in bulk what the ordinary services write', { timeout: 60_000 }, () => {
  it('each record is stored with the summary and search text its transfers give it: writing them again from the transfer register changes nothing', async () => {
    // RH-02 exists and already has a transfer to the United Kingdom; the file adds two to it (US, IN).
    const existing = createEntry(core, 'controller', fullControllerDoc({ ref: 'RH-02', name: 'Recrutement (ancien)' }));
    createTransfer(core, { ...emptyTransferDoc(), title: 'Zeta Recruit – Recrutement', importerName: 'Zeta Recruit', importerCountry: 'GB', mechanism: 'ADEQUACY', activityIds: [existing.id] });
    const { batch } = await importCsv();
    expect(batch).toMatchObject({ created: 2, updated: 1 });
    expect(listTransfers(core, 'live')).toHaveLength(4);
    const written = rows();
    const rh2 = JSON.parse(written.find((r) => r.ref === 'RH-02')!.summary) as { transferCountries: string[] };
    expect(rh2.transferCountries.sort()).toEqual(['GB', 'IN', 'US']);
    expect(written.find((r) => r.ref === 'RH-02')!.search_text).toContain('workday');
    tx(core, () => refreshRecords(core));
    expect(rows()).toEqual(written);
  });

  it('one audit entry per record and per transfer, as the services write them, each naming the file and its SHA-256', async () => {
    const { batch } = await importCsv();
    const audit = core.db.prepare('SELECT entity, entity_id, action, before, after, detail FROM audit_log WHERE detail IS NOT NULL ORDER BY id').all() as Array<{ entity: string; entity_id: string; action: string; before: string | null; after: string; detail: string }>;
    expect(audit.map((a) => a.entity)).toEqual(['register_entry', 'register_entry', 'register_entry', 'transfer', 'transfer', 'transfer']);
    for (const a of audit) {
      expect(a.action).toBe('importRegister');
      expect(a.before).toBeNull();
      expect(JSON.parse(a.detail)).toEqual({ import: batch.id, file: 'registre.csv', sha256: batch.sha256 });
    }
    for (const a of audit.filter((x) => x.entity === 'register_entry')) {
      const entry = getEntry(core, a.entity_id);
      expect(JSON.parse(a.after)).toEqual({ kind: 'controller', ...entry.doc });
      expect(entry.version).toBe(1);
    }
  });

  it('checks each record as createEntry does: an unknown code or a reference taken (also by a record it just wrote) is refused', () => {
    createEntry(core, 'controller', fullControllerDoc({ ref: 'R-1' }));
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(message(() => registerBulkWriter(core, 'controller'))).toMatch(/inside the transaction/);
    tx(core, () => {
      const w = registerBulkWriter(core, 'controller');
      expect(message(() => w.create(fullControllerDoc({ ref: 'R-1' }), 'importRegister', []))).toMatch(/ref: refTaken/);
      expect(message(() => w.create(fullControllerDoc({ ref: 'R-2', department: 'NO_SUCH_DEPARTMENT' }), 'importRegister', []))).toMatch(/department: unknownCode/);
      w.create(fullControllerDoc({ ref: 'R-3' }), 'importRegister', []);
      expect(message(() => w.create(fullControllerDoc({ ref: 'R-3' }), 'importRegister', []))).toMatch(/ref: refTaken/);
    });
    expect(rows().map((r) => r.ref)).toEqual(['R-1', 'R-3']);
  });

  it('an unchanged record is not written again (no new version, no audit entry)', async () => {
    await importCsv();
    const before = rows();
    const audits = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
    // The same file again: the records match by reference and nothing in them changes; the transfers are known.
    const { batch } = await importCsv();
    expect(batch).toMatchObject({ created: 0, updated: 3 });
    expect(rows()).toEqual(before);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'register_entry'").pluck().get()).toBe(3);
    expect(core.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(audits);
  });
});
