import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { MIGRATIONS } from '../../electron/core/db/migrations';
import { createEntry, listWindow, searchEntries } from '../../electron/core/services/register.service';
import { foldForSearch } from '../../shared/domain/text';
import { kindTerm, naturalKey, shortTerms, sortText } from '../../shared/domain/register-list';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { call, callResult, fullControllerDoc, fullProcessorDoc, tempDir, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

const win = (args: Record<string, unknown> = {}) => call(core, 'register:window', { kind: 'controller', scope: 'live', offset: 0, limit: 500, ...args });
const refs = async (args: Record<string, unknown> = {}) => (await win(args)).rows.map((r) => r.ref);
/** Rows the FTS index holds for a folded word (live records only). */
const indexed = (word: string) => core.db.prepare('SELECT count(*) FROM register_fts WHERE register_fts MATCH ?').pluck().get(`"${word}"`) as number;

describe('search through the FTS5 index (issue 15)', () => {
  it('finds a record right after its save, not after its deletion, again after its restore, never after the trash is emptied', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ notes: 'Vidéosurveillance de l’entrepôt Zorglub' }) });
    expect(searchEntries(core, 'controller', 'zorglub')).toEqual([a.id]);
    expect(searchEntries(core, 'controller', 'VIDEOSURVEILLANCE')).toEqual([a.id]);
    expect(indexed('zorglub')).toBe(1);
    expect((await win({ search: 'Zorglub' })).rows.map((r) => r.id)).toEqual([a.id]);

    // An edit: the old word is gone from the index in the same save, the new one is there.
    const v2 = await call(core, 'register:update', { kind: 'controller', id: a.id, version: 1, doc: fullControllerDoc({ notes: 'Entrepôt Bidule' }) });
    expect(searchEntries(core, 'controller', 'zorglub')).toEqual([]);
    expect(indexed('zorglub')).toBe(0);
    expect(searchEntries(core, 'controller', 'bidule')).toEqual([a.id]);

    await call(core, 'register:delete', { id: a.id });
    expect(searchEntries(core, 'controller', 'bidule')).toEqual([]);
    expect(searchEntries(core, 'controller', 'b')).toEqual([]);
    expect(indexed('bidule')).toBe(0);
    expect((await win({ search: 'bidule' })).total).toBe(0);

    await call(core, 'register:restore', { id: a.id });
    expect(searchEntries(core, 'controller', 'bidule')).toEqual([a.id]);
    expect(searchEntries(core, 'controller', 'b')).toEqual([a.id]);
    expect(indexed('bidule')).toBe(1);
    expect(v2.version).toBe(2);

    await call(core, 'register:delete', { id: a.id });
    await call(core, 'trash:empty', {});
    expect(indexed('bidule')).toBe(0);
    expect(core.db.prepare('SELECT count(*) FROM register_fts').pluck().get()).toBe(0);
    expect(searchEntries(core, 'controller', 'bi')).toEqual([]);
  });

  it('follows a linked transfer written after the record (summary and search text written again)', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    expect(searchEntries(core, 'controller', 'twilio')).toEqual([]);
    await call(core, 'transfer:create', { doc: { ...emptyTransferDoc(), title: 'Numéros', importerName: 'Twilio Inc.', importerCountry: 'US', activityIds: [a.id] } });
    expect(searchEntries(core, 'controller', 'twilio')).toEqual([a.id]);
    expect((await win({ filter: { transfer: true } })).rows.map((r) => r.id)).toEqual([a.id]);
  });

  it('gives words of one or two characters the results of the plain scan (a trigram index cannot look them up)', async () => {
    const docs = [
      fullControllerDoc({ ref: 'A-1', name: 'Paie', notes: 'œuvre ÿ' }),
      fullControllerDoc({ ref: 'A-2', name: 'Recrutement', notes: 'qz' }),
      fullControllerDoc({ ref: 'A-3', name: 'Vidéo', notes: 'x' }),
    ];
    for (const doc of docs) await call(core, 'register:create', { kind: 'controller', doc });
    const rows = core.db.prepare("SELECT id, search_text FROM register_entry WHERE kind = 'controller'").all() as Array<{ id: string; search_text: string }>;
    for (const q of ['q', 'qz', 'QZ', 'é', 'Y', 'ÿ', 'pa', 'p', 'zz', 'pa rec', 'x vid', 'œu', 'de', '"', "'"]) {
      const words = foldForSearch(q).split(/\s+/).filter(Boolean);
      const expected = rows.filter((r) => words.every((w) => r.search_text.includes(w))).map((r) => r.id).sort();
      expect(searchEntries(core, 'controller', q).sort(), q).toEqual(expected);
      expect((await win({ search: q })).total, q).toBe(expected.length);
    }
  });

  it('counts and pages a short search in one register exactly as the plain scan does, record by record or as a set, with and without filters', async () => {
    // Pairs no other text of the record holds, on a half, a third and a quarter of the records.
    const names = ['Paie qz', 'Prospection xw', 'Recrutement qz kj', 'Vidéo', 'Badges qz xw', 'Planning', 'Astreintes qz', 'Mutuelle xw kj'];
    for (let i = 0; i < 24; i++) {
      await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `C-${i}`, name: names[i % names.length]!, status: i % 3 === 0 ? 'draft' : 'active' }) });
    }
    // Processors match the same letters: their records must never be counted in the controller register.
    for (let i = 0; i < 6; i++) await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc({ ref: `S-${i}`, name: 'Paie prospection' }) });
    const rows = core.db.prepare("SELECT id, ref, status, search_text FROM register_entry WHERE kind = 'controller' AND deleted_at IS NULL").all() as Array<{ id: string; ref: string; status: string; search_text: string }>;
    const byRef = (a: string, b: string) => naturalKey(a).localeCompare(naturalKey(b));
    for (const q of ['qz', 'xw', 'kj', 'qz xw', 'p', 'zq', 'KJ qz']) {
      for (const filter of [{}, { status: ['draft'] }]) {
        const words = foldForSearch(q).split(/\s+/).filter(Boolean);
        const expected = rows
          .filter((r) => words.every((w) => r.search_text.includes(w)) && (!('status' in filter) || r.status === 'draft'))
          .map((r) => r.ref)
          .sort(byRef);
        // One page of all (the matches as a set) and pages of 5 (each record checked by its key): the same rows.
        const whole = await win({ search: q, filter });
        if (q !== 'p' && q !== 'zq') expect(expected.length, q).toBeLessThan(rows.length);
        expect(whole.total, `${q} ${JSON.stringify(filter)}`).toBe(expected.length);
        expect(whole.rows.map((r) => r.ref)).toEqual(expected);
        const paged: string[] = [];
        for (let offset = 0; offset < expected.length + 5; offset += 5) {
          const page = await win({ search: q, filter, offset, limit: 5 });
          expect(page.total).toBe(expected.length);
          paged.push(...page.rows.map((r) => r.ref));
        }
        expect(paged, q).toEqual(expected);
      }
    }
    expect((await win({ kind: 'processor', search: 'p' })).total).toBe(6);
    // A record deleted leaves the count at once; restored, it is counted again.
    const victim = rows.find((r) => r.ref === 'C-1')!;
    await call(core, 'register:delete', { id: victim.id });
    expect((await win({ search: 'xw' })).rows.map((r) => r.ref)).not.toContain('C-1');
    const before = (await win({ search: 'xw' })).total;
    await call(core, 'register:restore', { id: victim.id });
    expect((await win({ search: 'xw' })).total).toBe(before + 1);
  });

  it('adds the register term to the short terms of an older file (migration 0210)', async () => {
    const { dir, cleanup: done } = tempDir();
    try {
      const file = path.join(dir, 'v200.sqlite');
      const old = openCore(file, { migrations: MIGRATIONS.filter((m) => m.version <= 200) });
      createEntry(old, 'controller', fullControllerDoc({ ref: 'RT-1', name: 'Paie' }));
      createEntry(old, 'processor', fullProcessorDoc({ ref: 'ST-1', name: 'Paie' }));
      // As version 200 wrote them: the characters and pairs only.
      for (const r of old.db.prepare('SELECT seq, search_text FROM register_entry').all() as Array<{ seq: number; search_text: string }>) {
        old.db.prepare('DELETE FROM register_short WHERE rowid = ?').run(r.seq);
        old.db.prepare('INSERT INTO register_short (rowid, terms) VALUES (?, ?)').run(r.seq, shortTerms(r.search_text));
      }
      closeCore(old);
      const migrated = openCore(file);
      expect(listWindow(migrated, { kind: 'controller', scope: 'live', offset: 0, limit: 10, search: 'pa' }).total).toBe(1);
      expect(listWindow(migrated, { kind: 'processor', scope: 'live', offset: 0, limit: 10, search: 'pa' }).rows.map((r) => r.ref)).toEqual(['ST-1']);
      expect(migrated.db.prepare('SELECT count(*) FROM register_short WHERE register_short MATCH ?').pluck().get(kindTerm('controller'))).toBe(1);
      closeCore(migrated);
    } finally {
      done();
    }
  });

  it('refuses nothing a user may type: quotes, operators and FTS syntax are searched as text', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ notes: 'Accord "cadre" NEAR(x) OR AND * ^col:' }) });
    for (const q of ['"cadre"', 'NEAR(x)', 'OR', 'AND *', '^col:', '"', "' OR 1=1 --", 'a"b']) {
      const r = await callResult(core, 'register:search', { kind: 'controller', query: q });
      expect(r.ok, q).toBe(true);
    }
    expect(await call(core, 'register:search', { kind: 'controller', query: '"cadre"' })).toHaveLength(1);
    expect(await call(core, 'register:search', { kind: 'controller', query: 'near(x) or' })).toHaveLength(1);
  });

  it('is built by migration 0150 for the records of an older file, and survives a backup copy (VACUUM INTO)', async () => {
    const { dir, cleanup: done } = tempDir();
    try {
      const file = path.join(dir, 'v140.sqlite');
      const old = openCore(file, { migrations: MIGRATIONS.filter((m) => m.version <= 140) });
      const modern = openCore(path.join(dir, 'modern.sqlite'));
      createEntry(modern, 'controller', fullControllerDoc({ ref: 'RT-10', name: 'École', notes: 'Cantine Zorglub' }));
      createEntry(modern, 'controller', fullControllerDoc({ ref: 'RT-2', name: 'eau', notes: 'Réseau' }));
      createEntry(modern, 'processor', fullProcessorDoc({ notes: 'Zorglub aussi' }));
      const cols = 'id, kind, ref, status, version, created_at, updated_at, deleted_at, summary, search_text, doc';
      for (const row of modern.db.prepare(`SELECT ${cols} FROM register_entry`).raw().all() as unknown[][]) {
        old.db.prepare(`INSERT INTO register_entry (${cols}) VALUES (${row.map(() => '?').join(', ')})`).run(...row);
      }
      closeCore(modern);
      closeCore(old);

      const migrated = openCore(file);
      expect(searchEntries(migrated, 'controller', 'zorglub')).toHaveLength(1);
      expect(searchEntries(migrated, 'processor', 'zorglub')).toHaveLength(1);
      const w = listWindow(migrated, { kind: 'controller', scope: 'live', offset: 0, limit: 10 });
      expect(w.rows.map((r) => r.ref)).toEqual(['RT-2', 'RT-10']);
      expect(listWindow(migrated, { kind: 'controller', scope: 'live', offset: 0, limit: 10, sort: { by: 'name', dir: 'asc' } }).rows.map((r) => r.name)).toEqual(['eau', 'École']);
      const copy = path.join(dir, 'copy.sqlite');
      migrated.db.prepare('VACUUM INTO ?').run(copy);
      closeCore(migrated);
      const reopened = openCore(copy);
      expect(searchEntries(reopened, 'controller', 'cantine')).toHaveLength(1);
      const [id] = searchEntries(reopened, 'controller', 'cantine');
      await call(reopened, 'register:delete', { id: id! });
      expect(searchEntries(reopened, 'controller', 'cantine')).toEqual([]);
      expect(searchEntries(reopened, 'controller', 'reseau')).toHaveLength(1);
      closeCore(reopened);
    } finally {
      done();
    }
  });
});

describe('the register table as a query (issue 15)', () => {
  it('sorts references naturally and names as a French reader expects (accents and case ignored)', async () => {
    const names: Array<[string, string]> = [
      ['RT-10', 'Zone'],
      ['RT-2', 'École'],
      ['RT-1', 'eau'],
      ['RT-001a', 'fichier'],
      ['rt-3', 'Œuvres sociales'],
      ['RT-20', 'élection'],
    ];
    for (const [ref, name] of names) await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref, name }) });
    expect(await refs()).toEqual(['RT-1', 'RT-001a', 'RT-2', 'rt-3', 'RT-10', 'RT-20']);
    expect(await refs({ sort: { by: 'ref', dir: 'desc' } })).toEqual(['RT-20', 'RT-10', 'rt-3', 'RT-2', 'RT-001a', 'RT-1']);
    expect((await win({ sort: { by: 'name', dir: 'asc' } })).rows.map((r) => r.name)).toEqual(['eau', 'École', 'élection', 'fichier', 'Œuvres sociales', 'Zone']);
    expect(sortText('Œuvres')).toBe('oeuvres');
    expect(naturalKey('RT-2') < naturalKey('RT-10')).toBe(true);
  });

  it('answers a window of rows with the count of the matches and of the whole register', async () => {
    for (let i = 1; i <= 30; i++) {
      await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: `W-${i}`, status: i % 3 === 0 ? 'draft' : 'active' }) });
    }
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    const w = await win({ offset: 10, limit: 5 });
    expect(w).toMatchObject({ total: 30, all: 30, offset: 10 });
    expect(w.rows.map((r) => r.ref)).toEqual(['W-11', 'W-12', 'W-13', 'W-14', 'W-15']);
    const drafts = await win({ filter: { status: ['draft'] }, offset: 8, limit: 5 });
    expect(drafts).toMatchObject({ total: 10, all: 30 });
    expect(drafts.rows.map((r) => r.ref)).toEqual(['W-27', 'W-30']);
    expect((await win({ offset: 40 })).rows).toEqual([]);
    expect((await call(core, 'register:window', { kind: 'processor', scope: 'live', offset: 0, limit: 1 })).rows.map((r) => r.ref)).toEqual(['P-001']);
    // The window is bounded: the register never crosses whole.
    expect(await callResult(core, 'register:window', { kind: 'controller', scope: 'live', offset: 0, limit: 100_000 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await callResult(core, 'register:window', { kind: 'controller', scope: 'live', offset: 0, limit: 10, sort: { by: 'doc; DROP TABLE x', dir: 'asc' } })).toMatchObject({ ok: false });
  });

  it('filters as the toolbar and the dashboard links do, and sorts on every column', async () => {
    const today = '2026-11-24';
    const make = (ref: string, o: Parameters<typeof fullControllerDoc>[0]) => call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref, ...o }) });
    await make('F-1', { nextReview: '2026-01-01' }); // overdue
    await make('F-2', { nextReview: '2026-01-01', status: 'archived' }); // archived: never overdue
    await make('F-3', { status: 'draft', purposes: [], department: 'IT', nextReview: '2027-06-01' }); // incomplete draft
    await make('F-4', { status: 'archived', purposes: [], nextReview: '' });
    await make('F-5', { specialCategories: [], art9Condition: '', art9Detail: '', transfersToConvert: [{ recipient: 'X', country: 'Inde', safeguard: 'SCC_2021', document: 'D', reason: 'country' }], purposes: [{ text: 'Envoi', bases: [{ basis: 'CONSENT', detail: 'Case à cocher' }], review: false }] });
    expect(await refs({ filter: { quick: 'reviewOverdue' }, today })).toEqual(['F-1']);
    expect(await refs({ filter: { overdue: true }, today })).toEqual(['F-1']);
    expect(await refs({ filter: { quick: 'incomplete' }, today })).toEqual(['F-3']);
    expect(await refs({ filter: { quick: 'transfersToConvert' } })).toEqual(['F-5']);
    expect(await refs({ filter: { transfer: true } })).toEqual(['F-5']);
    expect(await refs({ filter: { special: false } })).toEqual(['F-5']);
    expect(await refs({ filter: { department: 'IT' } })).toEqual(['F-3']);
    expect(await refs({ filter: { legalBasis: 'CONSENT' } })).toEqual(['F-5']);
    expect(await refs({ filter: { legalBasis: 'CONTRACT' } })).toEqual(['F-1', 'F-2']);
    expect(await refs({ filter: { status: ['archived', 'draft'] } })).toEqual(['F-2', 'F-3', 'F-4']);
    expect(await refs({ filter: { status: ['archived'] }, search: 'enregistrement' })).toEqual(['F-2', 'F-4']);
    expect(await refs({ sort: { by: 'review', dir: 'asc' } })).toEqual(['F-4', 'F-1', 'F-2', 'F-5', 'F-3']);
    const all = (await win()).rows;
    const byMissing = [...all].sort((x, y) => y.missing.length - x.missing.length || (x.ref < y.ref ? 1 : -1)).map((r) => r.ref);
    expect(await refs({ sort: { by: 'completeness', dir: 'desc' } })).toEqual(byMissing);
    expect(byMissing.slice(0, 2).sort()).toEqual(['F-3', 'F-4']);
    expect(await refs({ sort: { by: 'status', dir: 'asc' } })).toEqual(['F-1', 'F-5', 'F-2', 'F-4', 'F-3']);
    expect(await refs({ sort: { by: 'department', dir: 'desc' } })).toEqual(['F-3', 'F-5', 'F-4', 'F-2', 'F-1']);
    for (const by of ['legalBasis', 'special', 'transfer', 'purpose', 'client', 'updated', 'name'] as const) {
      expect((await win({ sort: { by, dir: 'asc' } })).total, by).toBe(5);
    }
    expect(await refs({ sort: { by: 'transfer', dir: 'desc' } })).toEqual(['F-5', 'F-4', 'F-3', 'F-2', 'F-1']);
  });

  it('lists the trash, latest deletion first', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-1' }) });
    const b = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-2' }) });
    await call(core, 'register:delete', { id: b.id });
    await call(core, 'register:delete', { id: a.id });
    const trash = await win({ scope: 'trash' });
    expect(trash.total).toBe(2);
    expect(trash.rows.map((r) => r.ref).sort()).toEqual(['T-1', 'T-2']);
    expect((await win({ scope: 'trash', search: 't-1' })).rows.map((r) => r.ref)).toEqual(['T-1']);
    expect((await win()).total).toBe(0);
  });
});
