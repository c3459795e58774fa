import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { getBreach } from '../../electron/core/services/breach.service';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { AppError } from '../../shared/errors';
import { docxParagraphs } from '../docx-text';
import { call, fullBreachDoc, testCore } from '../helpers';

let core: Core;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ core, dir, cleanup } = testCore()));
afterEach(() => cleanup());

const failure = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).data;
};

describe('a trail that tells the truth (issue 12)', () => {
  it('a step ticked after the fact keeps when it was done and when it was recorded; both are in the history', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    // The test clock says 2026-11-24 ~09:00Z; the containment was done at 08:15 Paris time (07:15Z).
    const ticked = await call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: 'Serveurs isolés', performedAt: '2026-11-24T08:15' });
    const step = ticked.steps.find((s) => s.id === 'contain')!;
    expect(step.performedAt).toBe('2026-11-24T07:15:00Z');
    expect(step.doneAt! > '2026-11-24T09:00:00').toBe(true); // recorded now, by the core's clock
    expect(step.doneBy).toBe('tester');
    // Read again from the store: the same two times.
    expect(getBreach(core, e.id).steps.find((s) => s.id === 'contain')).toMatchObject({ performedAt: '2026-11-24T07:15:00Z', doneAt: step.doneAt });
    // Without a performed time, done now.
    const now = (await call(core, 'breach:step', { id: e.id, step: 'evidence', done: true, note: '' })).steps.find((s) => s.id === 'evidence')!;
    expect(now.performedAt).toBe(now.doneAt);
    // Corrected: the performed time changes, the time of recording stays.
    const fixed = (await call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: 'Serveurs isolés', performedAt: '2026-11-24T08:05' })).steps.find((s) => s.id === 'contain')!;
    expect(fixed).toMatchObject({ performedAt: '2026-11-24T07:05:00Z', doneAt: step.doneAt });

    const hist = await call(core, 'breach:history', { id: e.id });
    const first = hist.find((h) => h.action === 'step' && h.changes.some((c) => c.path === 'steps.contain.performedAt' && c.after === '2026-11-24T07:15:00Z'))!;
    expect(first.changes).toEqual(
      expect.arrayContaining([
        { path: 'steps.contain.performedAt', before: null, after: '2026-11-24T07:15:00Z' },
        { path: 'steps.contain.doneAt', before: null, after: step.doneAt },
      ]),
    );
    expect(hist.some((h) => h.changes.some((c) => c.path === 'steps.contain.performedAt' && c.before === '2026-11-24T07:15:00Z' && c.after === '2026-11-24T07:05:00Z'))).toBe(true);
  });

  it('a journal entry written after the fact tells when it happened and when it was written', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const a = await call(core, 'breach:journal', { id: e.id, text: 'Appel du prestataire : serveurs chiffrés', performedAt: '2026-11-23T22:40' });
    expect(a.journal[0]).toMatchObject({ performedAt: '2026-11-23T21:40:00Z', text: 'Appel du prestataire : serveurs chiffrés', actor: 'tester' });
    expect(a.journal[0]!.at > '2026-11-24T09:00:00').toBe(true);
    const b = await call(core, 'breach:journal', { id: e.id, text: 'Point avec la direction' });
    expect(b.journal[1]!.performedAt).toBe(b.journal[1]!.at);
    const hist = await call(core, 'breach:history', { id: e.id });
    expect(hist.find((h) => h.action === 'journal' && h.changes.some((c) => c.after === 'Appel du prestataire : serveurs chiffrés'))!.changes).toEqual(
      expect.arrayContaining([
        { path: 'performedAt', before: undefined, after: '2026-11-23T21:40:00Z' },
        { path: 'recordedAt', before: undefined, after: a.journal[0]!.at },
      ]),
    );
  });

  it('refuses a performed time in the future, with the message on the field, and writes nothing', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const step = await failure(call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: '', performedAt: '2026-11-24T11:30' }));
    expect(step).toMatchObject({ code: 'validation', issues: [{ path: 'performedAt', message: 'performedInFuture' }] });
    const journal = await failure(call(core, 'breach:journal', { id: e.id, text: 'Plus tard', performedAt: '2026-12-01T10:00' }));
    expect(journal).toMatchObject({ code: 'validation', issues: [{ path: 'performedAt', message: 'performedInFuture' }] });
    const bad = await failure(call(core, 'breach:journal', { id: e.id, text: 'x', performedAt: '24/11/2026 10:00' }));
    expect(bad).toMatchObject({ code: 'validation' });
    const after = getBreach(core, e.id);
    expect(after.steps.every((s) => !s.doneAt)).toBe(true);
    expect(after.journal).toEqual([]);
    expect((await call(core, 'breach:history', { id: e.id })).map((h) => h.action)).toEqual(['create']);
  });

  it('the awareness time in the repeated hour counts from the occurrence chosen, stored on the incident', async () => {
    const doc = fullBreachDoc({ occurredAt: '2026-10-24T20:00', endedAt: '', ongoing: true, discoveredAt: '2026-10-25T01:50', awareAt: '2026-10-25T02:30', folds: { awareAt: 'second' } });
    const e = await call(core, 'breach:create', { doc });
    expect(e.doc.folds).toEqual({ awareAt: 'second' });
    expect(e.clocks[0]).toMatchObject({ kind: 'authority', startUtc: '2026-10-25T01:30:00Z', dueUtc: '2026-10-28T01:30:00Z' });
  });

  it('the breach log shows each step and journal entry at the time it was done, and when it was recorded if later', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    await call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: '', performedAt: '2026-11-24T08:15' });
    await call(core, 'breach:journal', { id: e.id, text: 'Plainte déposée', performedAt: '2026-11-23T17:00' });
    const log = await call(core, 'breach:exportLog', { language: 'fr' });
    const text = (await docxParagraphs(Buffer.from(log.base64!, 'base64'))).map((p) => p.text).join('\n');
    expect(text).toContain('Chronologie\u00a0: étapes et journal');
    expect(text).toMatch(/23 novembre 2026 à 17:00 \(UTC\+01:00\)\n– Plainte déposée \(tester\)\n– enregistré le 24 novembre 2026 à 10:00 \(UTC\+01:00\)/);
    expect(text).toMatch(/24 novembre 2026 à 08:15 \(UTC\+01:00\)\n– Étape «\u00a0Contenir la violation[^»]*\u00a0» \(tester\)\n– enregistré le 24 novembre 2026 à 10:00 \(UTC\+01:00\)/);
  });
});

describe('migration 0130 on the demo file of schema 60', () => {
  it('the demo’s steps and journal were done when they were recorded; the journal stays append-only; the incidents read as before', async () => {
    const file = path.join(dir, 'demo-v60.sqlite');
    copyFileSync(path.resolve(import.meta.dirname, '../fixtures/demo-v60.sqlite'), file);
    const before = new Database(file, { readonly: true });
    const steps = before.prepare('SELECT breach_id, step_id, done_at FROM breach_step WHERE done_at IS NOT NULL').all() as Array<{ breach_id: string; step_id: string; done_at: string }>;
    const journal = before.prepare('SELECT id, at FROM breach_journal').all() as Array<{ id: number; at: string }>;
    const ids = before.prepare('SELECT id FROM breach').pluck().all() as string[];
    before.close();
    expect(steps.length).toBeGreaterThan(0);
    expect(journal.length).toBeGreaterThan(0);

    const old = openCore(file, { backupDir: path.join(dir, 'backups'), actor: 'tester', now: () => new Date('2026-11-24T09:00:00Z') });
    try {
      expect(old.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      for (const s of steps) expect(old.db.prepare('SELECT performed_at FROM breach_step WHERE breach_id = ? AND step_id = ?').pluck().get(s.breach_id, s.step_id)).toBe(s.done_at);
      for (const j of journal) expect(old.db.prepare('SELECT performed_at FROM breach_journal WHERE id = ?').pluck().get(j.id)).toBe(j.at);
      expect(() => old.db.prepare('UPDATE breach_journal SET text = ?').run('x')).toThrow(/append-only/);
      for (const id of ids) {
        const entry = getBreach(old, id);
        expect(entry.doc).toMatchObject({ folds: {}, letter: null, crossBorder: { otherAuthorities: [], lead: '', otherNotifications: [] } });
        expect(entry.clocks.length).toBeGreaterThan(0);
        for (const s of entry.steps) expect(s.performedAt).toBe(s.doneAt);
      }
      // The demo's incidents still save as they are, and their documents are written.
      const first = getBreach(old, ids[0]!);
      const { updateBreach } = await import('../../electron/core/services/breach.service');
      expect(updateBreach(old, first.id, first.version, { ...first.doc, lessons: `${first.doc.lessons} ` }).version).toBe(first.version + 1);
      for (const kind of ['authority', 'subjects'] as const) {
        const r = await call(old, 'breach:document', { id: first.id, document: kind, language: 'fr' });
        expect(r.cancelled).toBe(false);
      }
    } finally {
      closeCore(old);
    }
  });
});
