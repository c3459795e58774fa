import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { applyImportFile, dryRunImport, openImport, undoImportBatch } from '../../electron/core/import/import.service';
import { getOrganisation, saveOrganisation } from '../../electron/core/services/organisation.service';
import { getEntry, listSummaries } from '../../electron/core/services/register.service';
import { listTransfers } from '../../electron/core/services/transfer.service';
import { emptyOrganisation } from '../../shared/domain/organisation';
import { testCore } from '../helpers';

const fixture = (name: string) => readFileSync(path.resolve(import.meta.dirname, '../fixtures/import', name));
const cleanups: Array<() => void> = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));
function core() {
  const t = testCore();
  cleanups.push(t.cleanup);
  return t.core;
}

async function importFile(c: ReturnType<typeof core>, name: string, options: { replaceOrganisation?: boolean; includeExample?: boolean } = {}) {
  const o = await openImport(c, name, fixture(name));
  expect(o.source).toBe('cnil');
  const plan = await dryRunImport(c, o.token, options);
  const { batch } = await applyImportFile(c, o.token, o.sha256, options);
  return { o, plan, batch };
}

/** The records of a register as the import left them, without their ids and times. */
const records = (c: ReturnType<typeof core>) =>
  listSummaries(c, 'controller', 'live').map((s) => {
    const { doc } = getEntry(c, s.id);
    return doc;
  });

// Each test reads workbooks and writes registers twice: minutes, not seconds, on a machine shared by several builds.
describe('import of the CNIL model', { timeout: 120_000 }, () => {
  it('the CNIL example sheet imports as one draft record when asked for, and only then', async () => {
    const c = core();
    const without = await openImport(c, 'cnil-model.ods', fixture('cnil-model.ods'));
    expect(without.cnil!.hasExample).toBe(true);
    expect((await dryRunImport(c, without.token, {})).counts.create).toBe(0);
    const { batch } = await importFile(c, 'cnil-model.ods', { includeExample: true });
    expect(batch.created).toBe(1);
    const [doc] = records(c);
    expect(doc).toMatchObject({ name: 'Gestion de la paie', status: 'draft' });
  });

  it('a filled copy saved as .ods and as .xlsx imports the same records, transfers linked, organisation filled when empty', async () => {
    const a = core();
    const b = core();
    const fromXlsx = await importFile(a, 'cnil-filled.xlsx');
    const fromOds = await importFile(b, 'cnil-filled.ods');
    expect(fromXlsx.plan.rows.map((r) => [r.ref, r.action])).toEqual(fromOds.plan.rows.map((r) => [r.ref, r.action]));
    expect(records(a)).toEqual(records(b));
    expect(records(a).every((d) => d.status === 'draft')).toBe(true);
    expect(listTransfers(a, 'live').map((t) => [t.importerCountry, t.mechanism])).toEqual(listTransfers(b, 'live').map((t) => [t.importerCountry, t.mechanism]));
    expect(listTransfers(a, 'live').some((t) => t.mechanism === 'LEGACY_PRIVACY_SHIELD')).toBe(true);
    expect(getOrganisation(a)).toMatchObject({ city: 'Lyon', dpo: { name: 'Paul DURAND' } });
    expect(getOrganisation(a)).toEqual(getOrganisation(b));
  });

  it('an existing organisation profile is replaced only when the DPO accepts, and undo puts it back; a second import of the same file updates, without doubling the transfers', async () => {
    const c = core();
    const mine = { ...emptyOrganisation(), legalName: 'Ma Société SAS', address: '1 rue de la Paix' };
    saveOrganisation(c, mine);
    const kept = await importFile(c, 'cnil-filled.xlsx');
    expect(kept.plan.organisation).toEqual({ inFile: true, exists: true, replace: false });
    expect(getOrganisation(c).legalName).toBe('Ma Société SAS');
    const transfers = listTransfers(c, 'live').length;

    const again = await importFile(c, 'cnil-filled.ods', { replaceOrganisation: true });
    expect(again.plan.counts).toMatchObject({ create: 0, update: kept.batch.created, transfers: 0 });
    expect(listTransfers(c, 'live')).toHaveLength(transfers);
    expect(getOrganisation(c).legalName).not.toBe('Ma Société SAS');
    const undo = undoImportBatch(c, again.batch.id);
    expect(undo.organisationRestored).toBe(true);
    expect(getOrganisation(c).legalName).toBe('Ma Société SAS');
  });
});
