import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { call, callResult, fullControllerDoc, fullSupplierDoc, testCore } from '../helpers';

/** Issue 16: a transfer started from a supplier's page is prefilled from the supplier (nothing saved until the user saves). */
let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = testCore()));
afterAll(() => cleanup());

describe('a new transfer started from a supplier', () => {
  it('names the supplier as the importer (a processor), its activities and the country asked; its other locations outside the EEA as access; saved, the supplier has no gap left', async () => {
    const record = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-701' }) });
    const supplier = await call(core, 'supplier:create', { doc: { ...fullSupplierDoc(), name: 'Cloud Inc.', activityIds: [record.id], storageCountries: ['FR', 'US'], accessCountries: ['IN'] } });
    expect(supplier.transferGaps).toEqual(['US', 'IN']);
    const transfersBefore = (await call(core, 'transfer:list', { scope: 'live' })).length;

    const draft = await call(core, 'transfer:draftFromSupplier', { id: supplier.id, country: 'IN' });
    expect(draft).toMatchObject({ title: 'Cloud Inc.', importerSupplierId: supplier.id, importerRole: 'processor', importerCountry: 'IN', accessCountries: ['US'], activityIds: [record.id] });
    // Nothing written by the draft.
    expect((await call(core, 'transfer:list', { scope: 'live' })).length).toBe(transfersBefore);
    // Without a country: the supplier's first location outside the EEA (France is not one).
    expect((await call(core, 'transfer:draftFromSupplier', { id: supplier.id })).importerCountry).toBe('US');
    // A country inside the EEA is not a transfer: the first location outside it instead.
    expect((await call(core, 'transfer:draftFromSupplier', { id: supplier.id, country: 'DE' })).importerCountry).toBe('US');

    // Saved with a ground, it covers the supplier's locations outside the EEA (India, and the United States as access).
    await call(core, 'transfer:create', { doc: { ...draft, mechanism: 'SCC_2021', scc: { ...draft.scc, module: 2 } } });
    expect((await call(core, 'supplier:get', { id: supplier.id })).transferGaps).toEqual([]);
  });

  it('refuses an unknown supplier and a malformed country at the boundary', async () => {
    expect(await callResult(core, 'transfer:draftFromSupplier', { id: '00000000-0000-4000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await callResult(core, 'transfer:draftFromSupplier', { id: '00000000-0000-4000-8000-000000000000', country: 'usa' })).toMatchObject({ ok: false, error: { code: 'validation' } });
  });
});
