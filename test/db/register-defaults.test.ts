import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { call, callResult, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore())); // the clock starts on 24 November 2026
afterEach(() => cleanup());

describe('a new record', () => {
  it('gets the next free RT-/RS- reference, the trash included, zero-padded; a taken reference is refused on the field', async () => {
    expect((await call(core, 'register:new', { kind: 'controller' })).ref).toBe('RT-001');
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'RT-009' }) });
    const trashed = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'RT-013' }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'Paie-2024' }) });
    await call(core, 'register:delete', { id: trashed.id });
    expect((await call(core, 'register:new', { kind: 'controller' })).ref).toBe('RT-014');
    expect((await call(core, 'register:new', { kind: 'processor' })).ref).toBe('RS-001');
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: 'RS-0041' }) });
    expect((await call(core, 'register:new', { kind: 'processor' })).ref).toBe('RS-0042');
    const dup = await callResult(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'RT-009' }) });
    expect(dup).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'ref', message: 'refTaken' }] } });
  });

  it('has its next review 12 months ahead, or the period of the settings (1 to 60 months)', async () => {
    expect(await call(core, 'settings:get', {})).toEqual({ reviewMonths: 12 });
    expect((await call(core, 'register:new', { kind: 'controller' })).nextReview).toBe('2027-11-24');
    await call(core, 'settings:save', { settings: { reviewMonths: 6 } });
    const doc = await call(core, 'register:new', { kind: 'processor' });
    expect(doc).toMatchObject({ nextReview: '2027-05-24', status: 'draft', name: '' });
    for (const bad of [0, 61, 2.5, '12']) {
      expect(await callResult(core, 'settings:save', { settings: { reviewMonths: bad } })).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
    expect(await call(core, 'settings:get', {})).toEqual({ reviewMonths: 6 });
  });
});
