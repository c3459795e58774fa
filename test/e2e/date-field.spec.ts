import path from 'node:path';
import { SHOTS, SHOWN_DATE_TIME, expect, test } from './fixtures';

/**
 * Issue 16, "the same date format on every screen": a date field shows and reads the app
 * language's format (dd/mm/yyyy), not the browser's (mm/dd/yyyy in a US-English browser); the
 * value stored stays ISO.
 */
test.describe('date fields in a US-English browser', () => {
  test.use({ locale: 'en-US', viewport: { width: 1440, height: 900 } });

  test('dd/mm/yyyy shown and read, a clear message beside a wrong date, the date kept after saving', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/register/controller`);
    await page.getByRole('link', { name: 'RT-003' }).click();
    const review = page.getByLabel('Next review', { exact: true });
    await expect(review).toHaveAttribute('placeholder', 'dd/mm/yyyy');
    await expect(review).toHaveValue(/^\d{2}\/\d{2}\/\d{4}$/);

    // 02/13/2027 (a US month first) is not a date here: said beside the field, in English.
    await review.fill('02/13/2027');
    await review.blur();
    await expect(page.getByText('Invalid date: type it as dd/mm/yyyy (for example 31/03/2026).')).toBeVisible();
    await expect(review).toHaveAttribute('aria-invalid', 'true');
    await page.screenshot({ path: path.join(SHOTS, 'en-30-date-field-error.png') });

    await review.fill('13/02/2027');
    await expect(page.getByText('Invalid date: type it as dd/mm/yyyy (for example 31/03/2026).')).toHaveCount(0);
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Record saved.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Next review', { exact: true })).toHaveValue('13/02/2027');
    // Shown elsewhere in the app's own format too.
    await page.goto(`${demoHarness.url}#/register/controller`);
    await expect(page.getByRole('row', { name: /RT-003/ })).toContainText('13 Feb 2027');
  });

  test('the breach form’s "Now" fills a date and time in the same format', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/breach/new`);
    const discovered = page.getByLabel('Discovered', { exact: true });
    await expect(discovered).toHaveAttribute('placeholder', 'dd/mm/yyyy hh:mm');
    await page.getByRole('button', { name: 'Now: Discovered' }).click();
    await expect(discovered).toHaveValue(SHOWN_DATE_TIME);
    await discovered.fill('25/10/2026 1:40');
    await discovered.blur();
    await expect(discovered).toHaveAttribute('aria-invalid', 'false');
    await discovered.fill('25/10/2026');
    await discovered.blur();
    await expect(page.getByText('Invalid date and time: type them as dd/mm/yyyy hh:mm (for example 31/03/2026 14:30).')).toBeVisible();
  });
});

test.describe('date fields in French', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });

  test('jj/mm/aaaa as placeholder, the message in French', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/breach/new`);
    const aware = page.getByLabel('Prise de connaissance (départ du délai de 72 h)', { exact: true });
    await expect(aware).toHaveAttribute('placeholder', 'jj/mm/aaaa hh:mm');
    await aware.fill('32/10/2026 10:00');
    await aware.blur();
    await expect(page.getByText('Date et heure invalides\u00a0: saisissez-les au format jj/mm/aaaa hh:mm (par exemple 31/03/2026 14:30).')).toBeVisible();
    await page.screenshot({ path: path.join(SHOTS, 'fr-30-date-field-error.png') });
  });
});
