import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadDemo } from '../../electron/core/services/demo.service';
import { listSummaries } from '../../electron/core/services/register.service';
import { listBreaches } from '../../electron/core/services/breach.service';
import { call, callResult, testCore } from '../helpers';

let t: ReturnType<typeof testCore>;
beforeEach(() => {
  t = testCore();
  loadDemo(t.core);
});
afterEach(() => t.cleanup());

describe('the "go to" palette (issue 16)', () => {
  it('finds a record by its exact reference first', async () => {
    const target = listSummaries(t.core, 'controller', 'live')[2]!;
    const hits = await call(t.core, 'palette:search', { query: target.ref.toLowerCase() });
    expect(hits[0]).toMatchObject({ type: 'record', id: target.id, kind: 'controller', ref: target.ref, title: target.name });
  });

  it('finds by words with accents and case ignored, across records, suppliers, transfers and incidents', async () => {
    const hits = await call(t.core, 'palette:search', { query: 'TWILIO' });
    expect(new Set(hits.map((h) => h.type))).toEqual(new Set(['record', 'supplier', 'transfer']));
    const breach = listBreaches(t.core, 'live')[0]!;
    const word = breach.title.split(/\s+/).find((w) => w.length > 6)!;
    const folded = word.normalize('NFD').replace(/\p{M}+/gu, '').toUpperCase();
    expect((await call(t.core, 'palette:search', { query: folded })).some((h) => h.type === 'breach' && h.id === breach.id)).toBe(true);
    expect((await call(t.core, 'palette:search', { query: breach.ref })).find((h) => h.type === 'breach')).toMatchObject({ id: breach.id, title: breach.title });
  });

  it('answers nothing for an empty query and refuses an overlong one next to the field', async () => {
    expect(await call(t.core, 'palette:search', { query: '   ' })).toEqual([]);
    const r = await callResult(t.core, 'palette:search', { query: 'x'.repeat(201) });
    expect(r).toMatchObject({ ok: false, error: { code: 'validation', issues: [{ path: 'query' }] } });
  });

  it('does not find a record once it is in the trash', async () => {
    const target = listSummaries(t.core, 'controller', 'live')[3]!;
    await call(t.core, 'register:delete', { id: target.id });
    expect((await call(t.core, 'palette:search', { query: target.ref })).some((h) => h.id === target.id)).toBe(false);
  });
});
