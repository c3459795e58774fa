import { readdirSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { listSummaries } from '../../electron/core/services/register.service';
import { docxParagraphs } from '../docx-text';
import { call, tempDir, testCore } from '../helpers';
import { buildScaleRegister, scaleSize } from '../bench/scale-register';

/**
 * Issue 15: the yearly export runs in a worker thread; the thread that answers the screens keeps
 * answering while it runs. No timing threshold: the answers must come before the export ends.
 */
const ALL = { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: true, transfers: true, breaches: true, suppliers: true } } as const;

let core: Core;
let cleanup: () => void;
beforeAll(() => {
  ({ core, cleanup } = testCore());
  buildScaleRegister(core, scaleSize(2000));
}, 300_000);
afterAll(() => cleanup());

const exportTemps = () => readdirSync(os.tmpdir()).filter((n) => n.startsWith('dpo-export-')).sort();

/** A temporary folder of this file's own (os.tmpdir() reads TMPDIR): other processes' exports come and go in the shared one. */
let privateTmp: { dir: string; cleanup: () => void } | null = null;
const savedTmp = process.env.TMPDIR;
beforeAll(() => {
  privateTmp = tempDir('dpo-export-job-tmp-');
  process.env.TMPDIR = privateTmp.dir;
});
afterAll(() => {
  if (savedTmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmp;
  privateTmp?.cleanup();
});

describe('the yearly export as a job', () => {
  it('lets the register answer while 2,000 records are exported, reports its progress, then delivers the document', async () => {
    const { job } = await call(core, 'export:start', ALL);
    const first = listSummaries(core, 'controller', 'live')[0]!;
    const answered: Array<{ state: string; done: number; total: number }> = [];
    // Ask for a record and the job's progress, turn after turn, until the export is over.
    for (;;) {
      const entry = await call(core, 'register:get', { id: first.id });
      expect(entry.doc.ref).toBe(first.ref);
      const status = await call(core, 'job:get', { id: job });
      answered.push({ state: status.state, done: status.done, total: status.total });
      if (status.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    // Answered while it ran (not only after), with a progress that rose and never went down.
    expect(answered.filter((a) => a.state === 'running').length).toBeGreaterThan(1);
    const dones = answered.map((a) => a.done);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    // Every record exported (the demo's drafts and archived records are left out).
    const end = answered.at(-1)!;
    expect(end.state).toBe('done');
    expect(end.done).toBe(end.total);
    expect(end.total).toBe(listSummaries(core, 'controller', 'live').concat(listSummaries(core, 'processor', 'live')).filter((s) => s.status === 'active').length);
    const result = await call(core, 'export:finish', { job });
    expect(result.record).toMatchObject({ version: 1 });
    const paragraphs = await docxParagraphs(Buffer.from(result.base64!, 'base64'));
    expect(paragraphs.filter((p) => p.style === 'Heading2' && p.text.startsWith('B-')).length).toBeGreaterThan(1000);
    expect(paragraphs.some((p) => p.text === 'Annexe – Transferts hors de l’Espace économique européen')).toBe(true);
  }, 300_000);

  it('writes one state of the register: a record renamed while the export runs is the same in the contents, the summary and its section', async () => {
    const target = listSummaries(core, 'controller', 'live').find((s) => s.status === 'active')!;
    const { job } = await call(core, 'export:start', ALL);
    for (;;) {
      const s = await call(core, 'job:get', { id: job });
      if (s.done > 0 || s.state !== 'running') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    // The worker has read records already: the rename comes after the state it writes.
    const entry = await call(core, 'register:get', { id: target.id });
    const renamed = `${entry.doc.name} (renommé pendant l’export)`;
    await call(core, 'register:update', { kind: 'controller', id: target.id, version: entry.version, doc: { ...entry.doc, name: renamed } as never });
    while ((await call(core, 'job:get', { id: job })).state === 'running') await new Promise((r) => setTimeout(r, 20));
    const result = await call(core, 'export:finish', { job });
    const paragraphs = await docxParagraphs(Buffer.from(result.base64!, 'base64'));
    const heading = `${target.ref} – ${entry.doc.name}`;
    expect(paragraphs.filter((p) => p.text.includes(renamed))).toEqual([]);
    expect(paragraphs.filter((p) => p.style === 'TOC2' && p.text.startsWith(heading)).length).toBe(1);
    expect(paragraphs.filter((p) => p.style === 'Heading2' && p.text === heading).length).toBe(1);
    // The summary's name cell and the section's name field.
    expect(paragraphs.filter((p) => p.text === entry.doc.name).length).toBeGreaterThanOrEqual(2);
  }, 300_000);

  it('cancel stops the worker and leaves no file behind; the job has no result', async () => {
    const before = exportTemps();
    const recorded = (await call(core, 'export:list', {})).length;
    const { job } = await call(core, 'export:start', ALL);
    for (;;) {
      const s = await call(core, 'job:get', { id: job });
      if (s.done > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(exportTemps().length).toBe(before.length + 1);
    const cancelled = await call(core, 'job:cancel', { id: job });
    expect(cancelled.state).toBe('cancelled');
    expect(exportTemps()).toEqual(before);
    await expect(call(core, 'export:finish', { job })).rejects.toMatchObject({ data: { code: 'conflict' } });
    expect((await call(core, 'export:list', {})).length).toBe(recorded);
  }, 300_000);
});
