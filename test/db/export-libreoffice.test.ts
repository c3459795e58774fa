import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { ESTIMATE_MAX_RECORDS } from '../../electron/core/export/docx/register-docx';
import { prepareRegisterExport } from '../../electron/core/export/export.service';
import { createEntry } from '../../electron/core/services/register.service';
import demo from '../../resources/demo/demo-register.json';
import type { ControllerDoc } from '../../shared/domain/register';
import { call, testCore } from '../helpers';

/**
 * The export as a user sees it: converted by LibreOffice to PDF, read back with pdftotext.
 * Needs `libreoffice` (Debian: libreoffice-writer-nogui) and `pdftotext` (poppler-utils);
 * .ci/run installs both.
 */
const missing = ['libreoffice', 'pdftotext'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);

let core: Core;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ core, dir, cleanup } = testCore()));
afterEach(() => cleanup());

function toPdfPages(docx: Buffer, name: string): string[] {
  expect(missing, 'install libreoffice-writer-nogui and poppler-utils').toEqual([]);
  const file = path.join(dir, `${name}.docx`);
  writeFileSync(file, docx);
  execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
  const text = execFileSync('pdftotext', ['-layout', path.join(dir, `${name}.pdf`), '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return text.split('\f');
}

/** For each contents line "Heading ..... N", the heading must start a line on page N. */
function checkContents(pages: string[], headings: string[]) {
  // The contents are the pages with dot leaders; the headings are looked for after them.
  const tocEnd = pages.reduce((last, page, i) => (/\.{10,}/.test(page) ? i : last), 0);
  const contents = pages.slice(0, tocEnd + 1).join('\n');
  const lines = contents.split('\n').map((l) => l.trim());
  for (const h of headings) {
    const line = lines.find((l) => l.startsWith(h) && /\d+$/.test(l));
    expect(line, `contents line for ${h}`).toBeDefined();
    const listed = Number(/(\d+)$/.exec(line!)![1]);
    const actual = pages.findIndex((p, i) => i > tocEnd && p.split('\n').some((l) => l.trim().startsWith(h))) + 1;
    expect(listed, h).toBe(actual);
  }
}

describe('the Word export opened by LibreOffice', () => {
  it('converts to PDF with its headings, values and a contents whose page numbers are right', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const prepared = await prepareRegisterExport(core, { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: true, transfers: true } });
    const pages = toPdfPages(prepared.buffer, 'demo');
    const all = pages.join('\n');
    for (const text of ['Registre des activités de traitement', 'Sommaire', 'Synthèse des traitements', 'RT-013 – Gestion du personnel et paie', '9.2.b – Droit du travail et de la protection sociale', 'Twilio Inc.', 'Annexe – Listes de référence', 'À compléter', 'Page 3 sur']) {
      expect(all, text).toContain(text);
    }
    checkContents(pages, ['Synthèse des traitements', 'Organisme (responsable de traitement et sous-traitant)', 'RT-001 – Construction', 'RT-013 – Gestion du personnel et paie', 'RS-006 – Services CPaaS', 'Changements depuis le dernier export', 'Annexe – Listes de référence']);
  }, 180_000);

  it('keeps the contents right for a register too large for the Word estimate (LibreOffice computes the fields)', async () => {
    core.db.transaction(() => {
      for (let i = 0; i <= ESTIMATE_MAX_RECORDS; i++) createEntry(core, 'controller', { ...(demo.controller[i % 14] as unknown as ControllerDoc), ref: `B-${String(i).padStart(3, '0')}` });
    })();
    const prepared = await prepareRegisterExport(core, { language: 'en', registers: 'controller', asOf: '2026-11-24', includeArchived: false, annexes: { lists: false, transfers: false } });
    const pages = toPdfPages(prepared.buffer, 'large');
    checkContents(pages, ['Summary of processing activities', 'B-000 –', 'B-025 –', `B-0${ESTIMATE_MAX_RECORDS} –`, 'Changes since the last export']);
  }, 180_000);
});
