import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SHOTS, expect, test } from './fixtures';
import { byLabel, readOds, readXlsx, records } from '../sheet-read';

/** The register as a spreadsheet, from the export page: the browser downloads the workbook the user chose. */

// Each test starts a harness with the demo register: slow on a loaded machine.
test.describe.configure({ timeout: 180_000 });

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });

  test('export: the register is downloaded as an Excel workbook, one row per record, in the language chosen', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/exports`);
    await page.getByLabel(/Excel \(\.xlsx\)/).check();
    // The Word annexes do not apply to a workbook; the registers, language, drafts and archived records do.
    await expect(page.getByLabel(/Annex – Transfers outside/)).toHaveCount(0);
    await page.getByLabel('Français').check();
    await page.getByLabel('Include drafts').check();
    await page.screenshot({ path: path.join(SHOTS, 'en-11b-export-sheet.png'), fullPage: true });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Generate the workbook' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^registre-traitements-\d{4}-\d{2}-\d{2}\.xlsx$/);
    await expect(page.getByText(/Document exported: registre-traitements-.*\.xlsx/)).toBeVisible();
    const book = await readXlsx(readFileSync(await download.path()));
    const rows = records(book, 'Traitements');
    expect(rows.map((r) => r['Référence']!.text)).toEqual(expect.arrayContaining(['RT-001', 'RT-013', 'RT-015']));
    expect(rows.find((r) => r['Référence']!.text === 'RT-013')!['Nom du traitement']!.text).toBe('Gestion du personnel et paie');
    expect(records(book, 'Sous-traitance').length).toBeGreaterThan(0);
    // A Word export is not recorded: the history lists the yearly documents only.
    await expect(page.getByText('No export yet.')).toBeVisible();
  });

  test('export: the CNIL model as .ods holds the controller register only', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/exports`);
    await page.getByLabel(/CNIL model \(\.ods\)/).check();
    await expect(page.getByText('The CNIL model is the controller’s register')).toBeVisible();
    await expect(page.getByLabel('Processor register', { exact: true })).toBeDisabled();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Generate the workbook' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^register-cnil-model-\d{4}-\d{2}-\d{2}\.ods$/);
    const book = readOds(readFileSync(await download.path()));
    expect(book.names[0]).toBe('2 - List of processing');
    expect(book.names).toContain('RT-001');
    expect(book.names.some((n) => n.startsWith('RS-'))).toBe(false);
    expect(byLabel(book, 'RT-013').get('Name of the processing')).toEqual([['Gestion du personnel et paie']]);
  });
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });

  test('export : le choix du format, en français', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/exports`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Export du registre');
    await page.getByLabel(/Modèle de la CNIL \(\.xlsx\)/).check();
    await expect(page.getByRole('button', { name: 'Générer le classeur' })).toBeEnabled();
    await page.screenshot({ path: path.join(SHOTS, 'fr-11b-export-sheet.png'), fullPage: true });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Générer le classeur' }).click();
    const book = await readXlsx(readFileSync(await (await downloading).path()));
    expect(book.names[0]).toBe('2 - Liste des traitements');
    expect(byLabel(book, 'RT-013').get('Nom du traitement')).toEqual([['Gestion du personnel et paie']]);
  });
});
