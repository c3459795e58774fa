import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test as base, expect } from '@playwright/test';
import { startHarness, type HarnessHandle } from './fixtures';
import { docxParagraphs } from '../docx-text';

/**
 * Issue 15: the yearly Word export of a large register runs as a job: the export page shows its
 * progress (records done / total), can cancel it (nothing is recorded, no file), then delivers
 * the document of a new run as a download.
 */
const root = path.resolve(import.meta.dirname, '../..');

const test = base.extend<{ bigHarness: HarnessHandle }>({
  bigHarness: async ({}, use) => {
    const h = await startHarness({
      startTimeoutMs: 240_000,
      // Test only: the export pauses 0.1 s every 20 records reported, so that Cancel lands while it runs
      // (1,200 records export in about a second on a quiet machine since the export was made faster).
      args: ['--test-job-pace', '20:100'],
      before: (dbPath) => {
        const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['test/bench/scale-register.ts', '--to', dbPath, '1200'], { cwd: root, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`scale register failed: ${r.stderr}`);
      },
    });
    await use(h);
    await h.stop();
  },
});

test.setTimeout(600_000);

test('export: a large register shows its progress, can be cancelled, then is downloaded whole', async ({ page, bigHarness }) => {
  await page.goto(`${bigHarness.url}#/exports`);
  await expect(page.getByText('No export yet.')).toBeVisible();
  await page.getByLabel('Français').check();
  await page.getByRole('button', { name: 'Generate the Word document' }).click();
  const progress = page.getByTestId('export-progress');
  await expect(progress.getByRole('progressbar', { name: 'Export progress' })).toBeVisible();
  // The records done out of the total, once the register is read.
  await expect(progress.getByRole('status')).toHaveText(/^[\d\u202f\u00a0,]+ \/ 1[\u202f\u00a0,]?\d{3} records$/, { timeout: 300_000 });
  await page.screenshot({ path: 'test-results/screens/export-progress-en.png' });
  await progress.getByRole('button', { name: 'Cancel the export' }).click();
  await expect(page.getByText('Export cancelled: no file was written.')).toBeVisible();
  await expect(progress).toHaveCount(0);
  await expect(page.getByText('No export yet.')).toBeVisible();

  const downloading = page.waitForEvent('download', { timeout: 500_000 });
  await page.getByRole('button', { name: 'Generate the Word document' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^registre-traitements-\d{4}-\d{2}-\d{2}-v1\.docx$/);
  const paragraphs = await docxParagraphs(readFileSync(await download.path()));
  expect(paragraphs.filter((p) => p.style === 'Heading2' && p.text.startsWith('B-')).length).toBeGreaterThan(900);
  expect(paragraphs.some((p) => p.text === 'Annexe – Transferts hors de l’Espace économique européen')).toBe(true);
  await expect(page.getByRole('table', { name: 'Previous exports' }).getByRole('row')).toHaveCount(2);
});
