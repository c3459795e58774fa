import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { SHOTS, expect, test } from './fixtures';

/**
 * Record sheets for business owners (issue 16): a sheet goes out from a record's page (a
 * download), comes back with two cells changed by the owner (edited here with exceljs, as a
 * spreadsheet program would), and the DPO accepts one change and rejects the other.
 */

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RECORD = 'Production du détail du trafic pour la facturation';

/** The owner's answers (column E) to the rows of the given keys (column A). */
async function answer(file: string, answers: Record<string, string>): Promise<Buffer> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  let found = 0;
  ws.eachRow((row) => {
    const key = String(row.getCell(1).value ?? '');
    if (key in answers) {
      row.getCell(5).value = answers[key]!;
      found++;
    }
  });
  expect(found).toBe(Object.keys(answers).length);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function sendSheet(page: Page, registerName: string, exportName: string) {
  await page.getByRole('navigation').getByRole('link', { name: registerName }).click();
  await page.getByRole('link', { name: 'RT-002', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(RECORD);
  const panel = page.getByTestId('record-sheets');
  await panel.getByTestId('sheet-owner-name').fill('Paul Durand');
  const downloading = page.waitForEvent('download');
  await panel.getByRole('button', { name: exportName }).click();
  return downloading;
}

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  test('a record sheet goes out, comes back with two changes, one accepted and one rejected (French)', async ({ page, demoHarness }) => {
    test.setTimeout(180_000); // a download, an upload and a review on a machine shared by several suites
    await page.goto(demoHarness.url);
    const download = await sendSheet(page, 'Registre des traitements', 'Exporter pour le responsable métier');
    expect(download.suggestedFilename()).toMatch(/^fiche-rt-002-production-du-detail-du-trafic-pour-la-f-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const panel = page.getByTestId('record-sheets');
    await expect(panel.getByTestId('sheet-list')).toContainText('Paul Durand');
    await expect(panel.getByTestId('sheet-list')).toContainText('En attente de retour');

    const returned = await answer(await download.path(), {
      'purposes.0.text': 'Produire le détail du trafic (voix et SMS) nécessaire à la facture',
      'dataCategories.0.retention.archive.duration': '2',
    });
    await panel.getByTestId('sheet-import').setInputFiles({ name: 'fiche-retour.xlsx', mimeType: XLSX, buffer: returned });
    const review = page.getByTestId('sheet-review');
    await expect(review).toBeVisible();
    await expect(review.getByRole('heading')).toHaveText('Fiche retournée\u00a0: fiche-retour.xlsx');
    const purpose = review.locator('tr[data-change="purposes.0.text"]');
    await expect(purpose).toContainText('Finalité principale');
    await expect(purpose).toContainText('Produire les détails du trafic (voix notamment) nécessaires à la facture');
    await expect(purpose).toContainText('Produire le détail du trafic (voix et SMS) nécessaire à la facture');
    const archive = review.locator('tr[data-change="dataCategories.0.retention.archive.duration"]');
    await expect(archive).toContainText('durée d’archivage intermédiaire');
    await expect(review.locator('tr[data-change]')).toHaveCount(2);
    await page.screenshot({ path: path.join(SHOTS, 'fr-05g-record-sheet-review.png') });

    await purpose.getByRole('radio', { name: /^Accepter/ }).check();
    await archive.getByRole('radio', { name: /^Refuser/ }).check();
    await review.getByRole('button', { name: 'Appliquer (1 acceptée(s))' }).click();
    await expect(page.getByText('1 modification(s) enregistrée(s), 1 refusée(s).')).toBeVisible();
    await expect(review).toHaveCount(0);

    // The record shows the accepted value only.
    await expect(page.locator('[name="purposes.0.text"]')).toHaveValue('Produire le détail du trafic (voix et SMS) nécessaire à la facture');
    await expect(page.locator('[name="dataCategories.0.retention.archive.duration"]')).toHaveValue('1');
    await expect(panel.getByTestId('sheet-list')).toContainText('fiche-retour.xlsx');
    await page.reload();
    await expect(page.locator('[name="purposes.0.text"]')).toHaveValue('Produire le détail du trafic (voix et SMS) nécessaire à la facture');
    await expect(page.locator('[name="dataCategories.0.retention.archive.duration"]')).toHaveValue('1');
    await page.getByRole('tab', { name: 'Historique' }).click();
    await expect(page.getByText('Modification par une fiche retournée par le responsable métier')).toBeVisible();
    await expect(page.getByText(/fiche-retour\.xlsx \(SHA-256 [0-9a-f]{64}\)/)).toBeVisible();

    // The same sheet from another record's page is refused, with a message that says why.
    await page.getByRole('navigation').getByRole('link', { name: 'Registre des traitements' }).click();
    await page.getByRole('link', { name: 'RT-001', exact: true }).click();
    await page.getByTestId('sheet-import').setInputFiles({ name: 'fiche-retour.xlsx', mimeType: XLSX, buffer: returned });
    await expect(page.getByTestId('sheet-error')).toHaveText('Cette fiche a été exportée pour un autre traitement (RT-002)\u00a0: rien n’a été importé. Importez-la depuis la page de ce traitement.');
  });
});

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });
  test('the review screen in English', async ({ page, demoHarness }) => {
    test.setTimeout(180_000); // a download, an upload and a review on a machine shared by several suites
    await page.goto(demoHarness.url);
    const download = await sendSheet(page, 'Controller register', 'Export for the business owner');
    const returned = await answer(await download.path(), { software: 'Billing platform v2', 'dataCategories.0.retention.unit': 'years', 'remark.purposes': 'Also: roaming statements' });
    await page.getByTestId('sheet-import').setInputFiles({ name: 'returned-sheet.xlsx', mimeType: XLSX, buffer: returned });
    const review = page.getByTestId('sheet-review');
    await expect(review.getByRole('heading')).toHaveText('Returned sheet: returned-sheet.xlsx');
    await expect(review.locator('tr[data-change="dataCategories.0.retention.unit"]')).toContainText('months');
    await expect(review.locator('tr[data-change="dataCategories.0.retention.unit"]')).toContainText('years');
    await expect(review.locator('tr[data-change="remark.purposes"]')).toContainText('will be added to the notes');
    await review.getByRole('button', { name: 'Accept all' }).click();
    await page.screenshot({ path: path.join(SHOTS, 'en-05g-record-sheet-review.png') });
    await review.getByRole('button', { name: 'Close without writing' }).click();
    await expect(review).toHaveCount(0);
    await page.getByTestId('record-sheets').screenshot({ path: path.join(SHOTS, 'en-05h-record-sheets-panel.png') });

    // Several records at once: a department's, from the register's page, as one .zip.
    await page.getByRole('navigation').getByRole('link', { name: 'Controller register' }).click();
    await page.getByRole('button', { name: 'Sheets for business owners' }).click();
    const bulk = page.getByTestId('sheets-bulk');
    await bulk.getByRole('combobox', { name: 'All records of the department' }).selectOption({ label: 'Finance and billing' });
    await expect(bulk).toContainText('2 record(s) chosen');
    await page.screenshot({ path: path.join(SHOTS, 'en-03b-record-sheets-bulk.png') });
    const zipping = page.waitForEvent('download');
    await bulk.getByRole('button', { name: 'Export the sheets' }).click();
    expect((await zipping).suggestedFilename()).toMatch(/^record-sheets-\d{4}-\d{2}-\d{2}\.zip$/);
    await expect(bulk).toHaveCount(0);
    // Escape closes the dialog.
    await page.getByRole('button', { name: 'Sheets for business owners' }).click();
    await expect(bulk).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(bulk).toHaveCount(0);
  });
});
