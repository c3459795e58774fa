import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { DASHBOARD_TOP } from '../../electron/core/services/dashboard.service';
import { call, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => {
  ({ core, cleanup } = testCore());
});
afterEach(() => cleanup());

const pad = (i: number) => String(i).padStart(3, '0');
/** A day in 2026, `i` days after 1 January. */
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10);

describe('the dashboard summarises (issue 15)', () => {
  it('counts every overdue review and lists the oldest first, only the top ones', async () => {
    // 25 controller records overdue (on 2026-11-24), given in a shuffled order; 3 processor ones; 4 due later; 2 archived (never overdue).
    const order = Array.from({ length: 25 }, (_, i) => (i * 7) % 25);
    for (const i of order) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `T-${pad(i)}`, nextReview: day(i * 3) }) });
    for (let i = 0; i < 3; i++) await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: `S-${pad(i)}`, nextReview: day(100 + i) }) });
    for (let i = 0; i < 4; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `L-${pad(i)}`, nextReview: '2027-03-01' }) });
    for (let i = 0; i < 2; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `A-${pad(i)}`, status: 'archived', nextReview: day(0) }) });

    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect(d.reviewsOverdue.total).toBe(28);
    expect(d.reviewsOverdue.byKind).toEqual({ controller: 25, processor: 3 });
    expect(d.reviewsOverdue.items).toHaveLength(DASHBOARD_TOP);
    expect(d.reviewsOverdue.items.map((r) => r.ref)).toEqual(Array.from({ length: DASHBOARD_TOP }, (_, i) => `T-${pad(i)}`));
    expect(d.counts.controller).toEqual({ draft: 0, active: 29, archived: 2 });
    expect(d.counts.processor).toEqual({ draft: 0, active: 3, archived: 0 });
    // Another top, and the same counts from another day.
    const three = await call(core, 'dashboard:get', { today: day(4), top: 3 });
    expect(three.reviewsOverdue).toMatchObject({ total: 2, byKind: { controller: 2, processor: 0 } });
    expect(three.reviewsOverdue.items.map((r) => r.nextReview)).toEqual([day(0), day(3)]);
  });

  it('counts incomplete records, the active ones and the most fields missing first; archived ones are not counted', async () => {
    for (let i = 0; i < 12; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `D-${pad(i)}`, status: 'draft', dataSubjects: [] }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'Z-001', status: 'draft', dataSubjects: [], dataCategories: [] }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'A-001', status: 'archived', dataSubjects: [] }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'C-001' }) });
    const all = await call(core, 'register:list', { kind: 'controller', scope: 'live' });
    const incomplete = all.filter((r) => r.status !== 'archived' && r.missing.length > 0);
    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect(d.incomplete.total).toBe(incomplete.length);
    expect(d.incomplete.total).toBeGreaterThan(DASHBOARD_TOP);
    expect(d.incomplete.items).toHaveLength(DASHBOARD_TOP);
    // The record missing the most fields comes first; the others by reference.
    const most = Math.max(...incomplete.map((r) => r.missing.length));
    expect(d.incomplete.items[0]!.missing.length).toBe(most);
    const rest = d.incomplete.items.slice(1).map((r) => r.ref);
    expect(rest).toEqual([...rest].sort());
    expect(d.incomplete.items.map((r) => r.ref)).not.toContain('A-001');
  });

  it('counts the records with transfers to convert, the most first', async () => {
    const transfer = (n: number) => Array.from({ length: n }, (_, i) => ({ recipient: `Prestataire ${i}`, country: 'Inde', safeguard: 'SCC_2021' as const, document: '', reason: 'country' as const }));
    for (let i = 0; i < 12; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `T-${pad(i)}`, transfersToConvert: transfer(i === 7 ? 3 : 1) }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'N-001' }) });
    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect(d.transfersToConvert).toMatchObject({ total: 12, byKind: { controller: 12, processor: 0 } });
    expect(d.transfersToConvert.items.map((r) => `${r.ref}:${r.transfersToConvert}`)).toEqual(['T-007:3', ...['000', '001', '002', '003', '004', '005', '006', '008', '009'].map((x) => `T-${x}:1`)]);
  });

  it('a record in the trash leaves every count', async () => {
    const r = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ nextReview: '2026-01-01', status: 'draft', dataSubjects: [] }) });
    expect((await call(core, 'dashboard:get', { today: '2026-11-24' })).reviewsOverdue.total).toBe(1);
    await call(core, 'register:delete', { id: r.id });
    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect([d.reviewsOverdue.total, d.incomplete.total, d.counts.controller.draft, d.trash]).toEqual([0, 0, 0, 1]);
  });
});

describe('migration 0190', () => {
  it('indexes what the dashboard counts, so that its counts read the index and not 20,000 summaries', () => {
    const names = core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'register_entry'").pluck().all();
    expect(names).toEqual(expect.arrayContaining(['register_entry_attention', 'register_entry_review']));
    const plan = core.db
      .prepare("EXPLAIN QUERY PLAN SELECT kind, status, count(*) FROM register_entry WHERE deleted_at IS NULL AND json_extract(summary, '$.nextReview') < ? GROUP BY kind, status")
      .all('2026-11-24') as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join(' ')).toContain('register_entry_attention');
  });
});

describe('the activity picker’s query (issue 15)', () => {
  it('answers a window of the live activities, controller ones first then by reference, with the total', async () => {
    for (let i = 24; i >= 0; i--) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `T-${pad(i)}`, name: `Activité ${i}` }) });
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: 'S-001', name: 'Hébergement client' }) });
    const first = await call(core, 'register:pick', { search: '', offset: 0, limit: 10, selected: [] });
    expect(first.total).toBe(26);
    expect(first.rows.map((r) => r.ref)).toEqual(Array.from({ length: 10 }, (_, i) => `T-${pad(i)}`));
    expect(first.rows[0]).toMatchObject({ kind: 'controller', name: 'Activité 0', status: 'active' });
    const last = await call(core, 'register:pick', { search: '', offset: 20, limit: 10, selected: [] });
    expect(last.rows.map((r) => r.ref)).toEqual(['T-020', 'T-021', 'T-022', 'T-023', 'T-024', 'S-001']);
    expect(last.offset).toBe(20);
  });

  it('searches both registers as the register search does (accents and case ignored), and windows the matches', async () => {
    for (let i = 0; i < 8; i++) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `P-${pad(i)}`, name: `Paie du site ${i}` }) });
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'R-001', name: 'Recrutement' }) });
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: 'S-001', name: 'Paie des clients' }) });
    const found = await call(core, 'register:pick', { search: 'PAÏE', offset: 0, limit: 5, selected: [] });
    expect(found.total).toBe(9);
    expect(found.rows.map((r) => r.ref)).toEqual(['P-000', 'P-001', 'P-002', 'P-003', 'P-004']);
    const next = await call(core, 'register:pick', { search: 'paie', offset: 5, limit: 5, selected: [] });
    expect(next.rows.map((r) => r.ref)).toEqual(['P-005', 'P-006', 'P-007', 'S-001']);
    expect((await call(core, 'register:pick', { search: 'zzz-nothing', offset: 0, limit: 5, selected: [] })).total).toBe(0);
  });

  it('gives the labels of the selected activities wherever they are, a deleted one marked', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-001', name: 'Paie' }) });
    const b = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: 'Recrutement' }) });
    await call(core, 'register:delete', { id: b.id });
    const w = await call(core, 'register:pick', { search: 'paie', offset: 0, limit: 1, selected: [b.id, a.id, '00000000-0000-4000-8000-000000000000'] });
    expect(w.selected).toEqual([
      { id: b.id, kind: 'controller', ref: 'T-002', name: 'Recrutement', status: 'active', deleted: true },
      { id: a.id, kind: 'controller', ref: 'T-001', name: 'Paie', status: 'active' },
    ]);
    expect(w.rows.map((r) => r.id)).toEqual([a.id]);
  });

  it('refuses a malformed window', async () => {
    await expect(call(core, 'register:pick', { search: '', offset: -1, limit: 10, selected: [] })).rejects.toThrow();
    await expect(call(core, 'register:pick', { search: '', offset: 0, limit: 100000, selected: [] })).rejects.toThrow();
  });
});
