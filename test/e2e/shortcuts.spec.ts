import path from 'node:path';
import { expect, test, SHOWN_DATE_TIME } from './fixtures';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screens');

test.describe('keyboard shortcuts and the "go to" palette (issue 16), in French', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });

  test('/, Ctrl+K, Ctrl+S, Alt+N, ? and Escape do what the sheet says', async ({ page, demoHarness }) => {
    test.setTimeout(180_000); // a long walk through five screens
    await page.goto(`${demoHarness.url}#/register/controller`);
    await expect(page.getByTestId('row-count')).toBeVisible();

    // "/" focuses the list's search.
    await page.locator('body').press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await page.getByRole('searchbox').press('Escape');

    // Ctrl+K: the palette finds a record by its reference, Enter opens it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Aller à…' });
    await expect(palette).toBeVisible();
    await palette.getByRole('combobox').fill('rt-003');
    await expect(palette.getByRole('option').first()).toContainText('RT-003');
    await expect(palette.getByRole('option').first()).toHaveAttribute('aria-selected', 'true');
    await palette.screenshot({ path: path.join(SHOTS, 'fr-20-palette.png') });
    await page.keyboard.press('Enter');
    await expect(palette).toHaveCount(0);
    await expect(page).toHaveURL(/#\/record\/controller\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Référence', { exact: true })).toHaveValue('RT-003');

    // Ctrl+S saves the open form.
    await page.getByLabel('Notes', { exact: true }).fill('Note enregistrée au clavier.');
    await page.keyboard.press('Control+s');
    await expect(page.getByText('Fiche enregistrée.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Notes', { exact: true })).toHaveValue('Note enregistrée au clavier.');

    // The palette also goes to screens by name, words in any case and without accents.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+k');
    await palette.getByRole('combobox').fill('VIOLATIONS');
    await palette.getByRole('option', { name: /Violations de données/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Violations de données');

    // Alt+N (Ctrl+N in the desktop app) starts a new item where a list is shown.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Alt+n');
    await expect(page).toHaveURL(/#\/breach\/new$/);

    // "?" opens the shortcut sheet; Escape closes it.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('?');
    const sheet = page.getByRole('dialog', { name: 'Raccourcis clavier' });
    await expect(sheet).toContainText('Enregistrer le formulaire ouvert');
    await sheet.screenshot({ path: path.join(SHOTS, 'fr-21-shortcuts.png') });
    await page.keyboard.press('Escape');
    await expect(sheet).toHaveCount(0);

    // Escape closes the palette too, and the focus goes back where it was.
    await page.getByLabel('Intitulé').focus();
    await page.keyboard.press('Control+k');
    await expect(page.getByRole('dialog', { name: 'Aller à…' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog', { name: 'Aller à…' })).toHaveCount(0);
    await expect(page.getByLabel('Intitulé')).toBeFocused();
  });
});

test.describe('the palette in English', () => {
  test.use({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
  test('finds a supplier and says when nothing matches', async ({ page, demoHarness }) => {
    test.setTimeout(120_000);
    await page.goto(`${demoHarness.url}#/dashboard`);
    await page.getByRole('button', { name: /Go to…/ }).click();
    const palette = page.getByRole('dialog', { name: 'Go to…' });
    await palette.getByRole('combobox').fill('twilio');
    await expect(palette.getByRole('option').filter({ hasText: 'Sub-processors and audits' }).first()).toContainText('Twilio');
    await palette.screenshot({ path: path.join(SHOTS, 'en-20-palette.png') });
    await palette.getByRole('combobox').fill('zzzz-nothing');
    await expect(palette.getByRole('option')).toHaveText('Nothing matches.');
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /Keyboard shortcuts/ }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Save the open form');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).screenshot({ path: path.join(SHOTS, 'en-21-shortcuts.png') });
  });
});

test.describe('the new-breach form (issue 16), in French', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  test('"Maintenant" beside each time, and the clocks shown before the first save', async ({ page, demoHarness }) => {
    test.setTimeout(120_000);
    await page.goto(`${demoHarness.url}#/breach/new`);
    await page.getByLabel('Intitulé').fill('Courriel envoyé au mauvais destinataire');
    await expect(page.getByTestId('preview-clocks')).toHaveCount(0); // no times yet, no clock
    for (const field of ['Début de la violation', 'Découverte', 'Prise de connaissance (départ du délai de 72 h)']) {
      await page.getByRole('button', { name: `Maintenant\u00a0: ${field}` }).click();
      await expect(page.getByLabel(field, { exact: true })).toHaveValue(SHOWN_DATE_TIME);
    }
    // The 72-hour clock runs from awareness, shown before anything is saved.
    const preview = page.getByTestId('preview-clocks');
    await expect(preview.getByTestId('clock-authority')).toHaveAttribute('data-state', 'running');
    await expect(preview.getByTestId('clock-authority')).toContainText(/Reste (71|72) h/);
    await page.screenshot({ path: path.join(SHOTS, 'fr-22-new-breach-now.png') });
    await page.getByLabel('Perte de la confidentialité', { exact: true }).check();
    await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Un export envoyé à une autre adresse que celle du client.');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);
    await expect(page.getByTestId('clock-authority').first()).toContainText(/Reste (71|72) h/);
    await page.getByRole('heading', { level: 1 }).screenshot({ path: path.join(SHOTS, 'fr-22-breach-saved.png') });
  });
});

test.describe('the section index of the record form (issue 16)', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });
  test('one link per section, the one on screen marked as the user scrolls', async ({ page, demoHarness }) => {
    test.setTimeout(120_000);
    await page.goto(`${demoHarness.url}#/register/controller`);
    await page.getByRole('link', { name: 'RT-003' }).click();
    const index = page.getByRole('navigation', { name: 'Sections de la fiche' });
    await expect(index.getByRole('link')).toContainText(['Description du traitement', 'Acteurs', 'Finalités et bases légales']);
    await expect(index.getByRole('link', { name: 'Description du traitement' })).toHaveAttribute('aria-current', 'location');
    await index.getByRole('link', { name: 'Destinataires' }).click();
    await expect(page.locator('#sec-recipients')).toBeInViewport();
    await expect(index.getByRole('link', { name: 'Destinataires' })).toHaveAttribute('aria-current', 'location');
    await page.screenshot({ path: path.join(SHOTS, 'fr-23-section-index.png') });
    // Scrolling by hand moves the mark too.
    await page.locator('#sec-description').scrollIntoViewIfNeeded();
    await page.mouse.wheel(0, -5000);
    await expect(index.getByRole('link', { name: 'Description du traitement' })).toHaveAttribute('aria-current', 'location');
  });
});
