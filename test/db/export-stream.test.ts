import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { prepareRegisterExport, recordExport } from '../../electron/core/export/export.service';
import type { ExportOptions } from '../../electron/core/export/model';
import { PAGE_SIZE } from '../../electron/core/export/model';
import { getEntry, listSummaries, updateEntry, deleteEntry } from '../../electron/core/services/register.service';
import { docxParagraphs } from '../docx-text';
import { oldRegisterExport } from '../export-oracle';
import { call, tempDir } from '../helpers';
import { buildScaleRegister, scaleSize } from '../bench/scale-register';

/**
 * Issue 15: the yearly export is read a page at a time and written as it comes. The document it
 * writes must say exactly what the export built in memory said (test/export-oracle.ts, the old
 * path kept as the reference): the same paragraphs, styles, state hash, version and snapshot.
 */
const ALL: ExportOptions = { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: true, transfers: true, breaches: true, suppliers: true } };

let dir: ReturnType<typeof tempDir>;
let core: Core;
let t: number;
beforeEach(() => {
  dir = tempDir();
  t = Date.parse('2026-11-24T09:00:00.000Z');
  core = openCore(path.join(dir.dir, 'register.sqlite'), { actor: 'tester', now: () => new Date((t += 1000)) });
});
afterEach(() => {
  closeCore(core);
  dir.cleanup();
});

async function sameAsBefore(options: ExportOptions) {
  const before = await oldRegisterExport(core, options);
  const now = await prepareRegisterExport(core, options);
  const text = async (b: Buffer) => (await docxParagraphs(b)).map((p) => `${p.style}|${p.text}`);
  const [a, b] = [await text(before.buffer), await text(now.buffer)];
  expect(b.length).toBeGreaterThan(20);
  expect(b).toEqual(a);
  expect(now.stateHash).toBe(before.stateHash);
  expect(now.version).toBe(before.version);
  expect(now.snapshot).toEqual(before.snapshot);
  expect(now.draftsLeftOut).toEqual(before.draftsLeftOut);
  return { before, now, paragraphs: b };
}

describe('the streamed yearly export', () => {
  it('writes the demo register word for word as the in-memory export did, in French and English, every annex', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const fr = await sameAsBefore(ALL);
    expect(fr.paragraphs.some((p) => p.includes('Annexe – Transferts hors de l’Espace économique européen'))).toBe(true);
    await sameAsBefore({ ...ALL, language: 'en', includeArchived: true, includeDrafts: true });
    await sameAsBefore({ ...ALL, registers: 'controller', annexes: { lists: false, transfers: false } });
  }, 120_000);

  it('writes a register of several pages of records (the streamed XML) as before, with the changes since the last export', async () => {
    buildScaleRegister(core, scaleSize(PAGE_SIZE + 60));
    const first = await sameAsBefore(ALL);
    expect(first.paragraphs.filter((p) => p.startsWith('Heading2|B-')).length).toBeGreaterThan(PAGE_SIZE);
    recordExport(core, first.now, first.now.fileName);
    // Changed, deleted: the next export lists them against the first.
    const [a, b] = listSummaries(core, 'controller', 'live');
    const entry = getEntry(core, a!.id);
    updateEntry(core, entry.id, 'controller', entry.version, { ...entry.doc, name: `${entry.doc.name} (renommé)` } as never);
    deleteEntry(core, b!.id);
    const second = await sameAsBefore(ALL);
    expect(second.now.version).toBe(2);
    expect(second.paragraphs.some((p) => p.includes('(renommé)'))).toBe(true);
  }, 180_000);

  it('rebuilds the register of an earlier date from the audit log as before', async () => {
    t = Date.parse('2026-03-01T09:00:00.000Z');
    buildScaleRegister(core, scaleSize(40));
    t = Date.parse('2026-06-01T09:00:00.000Z');
    const [a, b] = listSummaries(core, 'controller', 'live');
    const entry = getEntry(core, a!.id);
    updateEntry(core, entry.id, 'controller', entry.version, { ...entry.doc, name: 'Renommé en juin' } as never);
    deleteEntry(core, b!.id);
    const { paragraphs } = await sameAsBefore({ ...ALL, asOf: '2026-03-25' });
    // The record's own section has its March name (the annexes may name activities as they are now, as before).
    expect(paragraphs.some((p) => p.startsWith('Heading2|') && p.includes('Renommé en juin'))).toBe(false);
    expect(paragraphs.filter((p) => p.startsWith('Heading2|B-')).length).toBe(36); // the one deleted in June included
  }, 120_000);
});
