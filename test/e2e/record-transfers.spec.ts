import path from 'node:path';
import { SHOTS, api, expect, test, typed } from './fixtures';

test.describe('transfers from a record', () => {
  test.use({ locale: 'fr-FR' });

  test('from a record, create a transfer prefilled; it is listed on the record and in the transfer register', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/register/controller`);
    await page.getByRole('link', { name: 'RT-001' }).click();
    const panel = page.getByTestId('record-transfers');
    await expect(panel).toContainText('Aucun transfert du registre n’est rattaché à cette fiche.');
    // The old free-text inputs are gone from the form.
    await expect(page.getByLabel('Des données sont transférées hors de l’Espace économique européen')).toHaveCount(0);
    const recordUrl = page.url();
    await panel.getByTestId('transfer-from-record').click();
    await expect(page.getByTestId('transfer-prefilled')).toContainText('Prérempli depuis la fiche RT-001');
    // Prefilled: the activity linked, the record's name as title.
    const title = page.getByLabel('Intitulé');
    await expect(title).not.toHaveValue('');
    await title.fill('Support client – éditeur aux États-Unis');
    await page.getByLabel('Importateur (autre destinataire)').fill('Zendesk Inc. (démonstration)');
    await page.getByRole('combobox', { name: 'Fondement du transfert' }).selectOption('DPF');
    await page.getByLabel('Importateur certifié au Data Privacy Framework').check();
    await page.getByLabel('Certification vérifiée le').fill(typed(new Date().toISOString().slice(0, 10)));
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Transfert enregistré' }).last()).toBeVisible();

    await page.goto(recordUrl);
    await expect(panel.getByTestId('record-transfer-list')).toContainText('Zendesk Inc. (démonstration) · États-Unis · EU-US Data Privacy Framework');
    await page.goto(`${demoHarness.url}#/transfers`);
    await expect(page.getByRole('link', { name: 'Support client – éditeur aux États-Unis' })).toBeVisible();
    // The register table reads the transfer register too.
    await page.goto(`${demoHarness.url}#/register/controller`);
    await expect(page.getByRole('row').filter({ hasText: 'RT-001' })).toContainText('États-Unis');

    // Link an existing transfer from the record, then unlink it.
    await page.goto(recordUrl);
    await panel.getByTestId('transfer-link-choice').selectOption({ label: 'Google Cloud – accès de Google LLC depuis les États-Unis et l’Inde (transfert ultérieur) (États-Unis)' });
    await panel.getByRole('button', { name: 'Rattacher' }).click();
    // Issue 11: the demo's transfer is Google LLC's access from the US and India (Google Ireland, in the EEA, exports it).
    await expect(panel.getByTestId('record-transfer-list')).toContainText('Google LLC · États-Unis, Inde');
    await panel.locator('li', { hasText: 'Google Cloud' }).getByRole('button', { name: 'Détacher' }).click();
    await expect(panel.getByTestId('record-transfer-list')).not.toContainText('Google Cloud');

    // A supplier linked from the record side.
    const suppliers = page.getByTestId('activity-suppliers');
    await suppliers.getByTestId('supplier-link-choice').selectOption({ label: 'Twilio Inc.' });
    await suppliers.getByRole('button', { name: 'Rattacher' }).click();
    await expect(suppliers.getByRole('link', { name: 'Twilio Inc.' })).toBeVisible();
  });

  test('a transfer still to convert is shown on the record and the dashboard; Convert opens a prefilled transfer and takes it off the record', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/register/controller`);
    await page.getByRole('link', { name: 'RT-005' }).click();
    const id = page.url().split('/').pop()!;
    const entry = await api<{ version: number; doc: Record<string, unknown> }>(page, 'register:get', { id });
    await api(page, 'register:update', { kind: 'controller', id, version: entry.version, doc: { ...entry.doc, transfersToConvert: [{ recipient: 'Twilio Inc.', country: 'Atlantide', safeguard: 'SCC_2021', document: 'DPA 2019', reason: 'country' }] } });
    await page.goto(`${demoHarness.url}#/`);
    await expect(page.getByTestId('transfers-to-convert-dashboard')).toContainText('RT-005');
    await page.getByTestId('transfers-to-convert-dashboard').getByRole('link').click();
    const toConvert = page.getByTestId('transfers-to-convert');
    await expect(toConvert).toContainText('Twilio Inc. – Atlantide – Clauses contractuelles types 2021 – DPA 2019 (pays non reconnu)');
    await toConvert.getByRole('link', { name: 'Convertir' }).click();
    await expect(page.getByTestId('transfer-prefilled')).toContainText('Conversion d’un transfert de la fiche RT-005');
    await page.getByRole('combobox', { name: 'Module des CCT' }).selectOption('2');
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Transfert enregistré' }).last()).toBeVisible();
    await page.goto(`${demoHarness.url}#/record/controller/${id}`);
    await expect(page.getByTestId('transfers-to-convert')).toHaveCount(0);
    await expect(page.getByTestId('record-transfer-list')).toContainText('Twilio Inc. · États-Unis · Clauses contractuelles types 2021');
  });
});

for (const lang of ['fr', 'en'] as const) {
  test.describe(`record transfer panel (${lang})`, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
    test(`screenshot of the record page's transfer panel (${lang})`, async ({ page, demoHarness }) => {
      await page.goto(`${demoHarness.url}#/settings`);
      await api(page, 'settings:setLanguage', { language: lang });
      await page.goto(`${demoHarness.url}#/register/processor`);
      await page.reload();
      await page.getByRole('link', { name: 'RS-006' }).click();
      const id = page.url().split('/').pop()!;
      const entry = await api<{ version: number; doc: Record<string, unknown> }>(page, 'register:get', { id });
      await api(page, 'register:update', { kind: 'processor', id, version: entry.version, doc: { ...entry.doc, transfersToConvert: [{ recipient: 'Hébergeur historique', country: 'Atlantide', safeguard: 'OTHER', document: 'contrat 2019', reason: 'country' }] } });
      await page.reload();
      const panel = page.getByTestId('record-transfers');
      await expect(panel.getByTestId('record-transfer-list').locator('li[data-transfer]')).toHaveCount(3);
      await expect(panel).toContainText(lang === 'fr' ? 'États-Unis' : 'United States');
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: path.join(SHOTS, `${lang}-05c-record-transfers.png`) });
      await page.getByTestId('activity-suppliers').screenshot({ path: path.join(SHOTS, `${lang}-05d-record-suppliers.png`) });
    });
  });
}
