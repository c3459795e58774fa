import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { docxParagraphs } from '../docx-text';
import { expect, test } from './fixtures';

test.use({ locale: 'fr-FR' });

/** A local time in Paris, `hours` before now (the core refuses times in the future). */
const parisAgo = (hours: number) => DateTime.now().setZone('Europe/Paris').minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");

test('a breach: open it, see the clock, tick steps, record the decision, export the authority notification', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/breaches`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Violations de données');
  await page.getByRole('link', { name: '+ Nouvelle violation' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Nouvelle violation');

  // The facts, with awareness typed before the breach started: refused next to the field.
  await page.getByLabel('Intitulé').fill('Perte d’un ordinateur portable non chiffré');
  await page.getByLabel('Début de la violation').fill(parisAgo(5));
  await page.getByLabel('Découverte', { exact: true }).fill(parisAgo(9.5));
  await page.getByLabel('Prise de connaissance (départ du délai de 72 h)').fill(parisAgo(9));
  await page.getByLabel('Perte de la confidentialité', { exact: true }).check();
  await page.getByLabel('Équipement perdu ou volé').check();
  await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Ordinateur d’un commercial volé dans un train ; disque non chiffré.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('La prise de connaissance ne peut pas précéder le début de la violation.')).toBeVisible();
  await expect(page.getByText('La découverte ne peut pas précéder le début de la violation.')).toBeVisible();
  await expect(page.getByText('Corrigez les champs signalés avant d’enregistrer.')).toBeVisible();
  await expect(page).toHaveURL(/#\/breach\/new$/); // nothing written

  await page.getByLabel('Début de la violation').fill(parisAgo(10));
  await expect(page.getByText('La prise de connaissance ne peut pas précéder le début de la violation.')).toHaveCount(0);
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(/VIOL-\d{4}-\d{3}/);

  // The 72-hour clock runs from awareness: about 63 hours left.
  const clock = page.getByTestId('clock-authority');
  await expect(clock).toHaveAttribute('data-state', 'running');
  await expect(clock).toContainText(/Reste (62|63) h \d\d min/);

  // Tick two steps and write in the journal: each is timed by the app.
  await page.getByRole('tab', { name: 'Étapes et journal' }).click();
  await page.getByRole('checkbox', { name: /Contenir la violation/ }).check();
  await expect(page.locator('[data-step="contain"]')).toContainText(/Fait le .* par /);
  await page.getByRole('checkbox', { name: /Préserver les preuves/ }).check();
  await expect(page.getByRole('heading', { name: 'Étapes (2/10)' })).toBeVisible();
  await page.getByLabel('Nouvelle entrée').fill('Plainte déposée au commissariat.');
  await page.getByRole('button', { name: 'Ajouter au journal' }).click();
  await expect(page.getByTestId('journal')).toContainText('Plainte déposée au commissariat.');

  // Risk: customer contact data, identifiable, stolen: a risk; the DPO records the decision and its reasons.
  await page.getByRole('tab', { name: 'Risque et décision' }).click();
  await page.getByLabel('Perte de confidentialité', { exact: true }).selectOption('unknown');
  await expect(page.getByTestId('risk-suggestion')).toContainText('Risque');
  await page.getByLabel('Notifier l’autorité de contrôle ?').selectOption('notify');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Consignez les motifs de cette décision.')).toBeVisible();
  await page.getByLabel('Motifs de la décision').first().fill('Données clients lisibles sur un appareil volé.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Violation enregistrée' }).last()).toBeVisible();
  await expect(page.getByText('Modifications non enregistrées')).toHaveCount(0);

  // The notification to the authority, as a Word document with the CNIL form's sections.
  await page.getByRole('tab', { name: 'Documents' }).click();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Notification à l’autorité (initiale)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^VIOL-\d{4}-\d{3}-notification-autorite-initial\.docx$/);
  const paragraphs = await docxParagraphs(readFileSync(await download.path()));
  const headings = paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
  for (const h of ['Type de notification', 'Personne à contacter', 'Dates', 'Nature de la violation', 'Nature des données', 'Volumes', 'Conséquences et préjudices potentiels', 'Mesures prises suite à la violation']) {
    expect(headings).toContain(h);
  }
  const text = paragraphs.map((p) => p.text).join('\n');
  expect(text).toContain('Perte d’un ordinateur portable non chiffré');
  expect(text).toContain('Julien Moreau'); // the organisation's DPO, filled in as contact point

  // The history keeps the ticks and the decision; the dashboard shows the running clock.
  await page.getByRole('tab', { name: 'Historique' }).click();
  await expect(page.locator('.history-entry')).toHaveCount(5);
  await page.goto(`${demoHarness.url}#/`);
  await expect(page.getByTestId('breach-clocks')).toContainText('Perte d’un ordinateur portable non chiffré');
});

test('the checklist template is edited in Settings: new incidents get the new version, open ones keep theirs', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/settings`);
  const tpl = page.getByTestId('checklist-template');
  await expect(tpl).toContainText('Version 1');
  await tpl.getByRole('button', { name: '+ Ajouter' }).click();
  const rows = tpl.locator('.array-item');
  const last = rows.last();
  await last.getByLabel('Code').fill('insurer');
  await last.getByLabel('Libellé français').fill('Prévenir l’assureur cyber');
  await last.getByLabel('Libellé anglais').fill('Tell the cyber insurer');
  await tpl.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
  await expect(tpl).toContainText('Version 2');

  // The demo's open incident keeps version 1; a new one starts with version 2 and its 11 steps.
  await page.goto(`${demoHarness.url}#/breaches`);
  await page.getByRole('row').filter({ hasText: 'Enregistrements d’appels exposés' }).getByRole('link', { name: /^VIOL-/ }).click();
  await expect(page.getByText('liste d’étapes v1')).toBeVisible();
  await page.goto(`${demoHarness.url}#/breach/new`);
  const ago = (h: number) => new Date(Date.now() - h * 3600_000).toLocaleString('sv-SE', { timeZone: 'Europe/Paris' }).slice(0, 16).replace(' ', 'T');
  // The demo company is a telecom operator (Settings): a new incident starts in the 24-hour regime, the DPO as contact.
  await expect(page.getByLabel(/Violation liée à un service de communications électroniques/)).toBeChecked();
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Julien Moreau');
  await page.getByLabel('Intitulé').fill('Clé USB perdue');
  await page.getByLabel('Découverte', { exact: true }).fill(ago(3));
  await page.getByLabel('Prise de connaissance (départ du délai de 72 h)').fill(ago(2));
  await page.getByLabel('Perte de la confidentialité', { exact: true }).check();
  await page.getByLabel('Descriptif détaillé (comment c’est arrivé)').fill('Clé USB non chiffrée perdue lors d’un salon.');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('liste d’étapes v2')).toBeVisible();
  await expect(page.getByTestId('clock-telecomInitial')).toHaveAttribute('data-state', 'running');
  await page.getByRole('tab', { name: 'Étapes et journal' }).click();
  await expect(page.getByRole('heading', { name: 'Étapes (0/11)' })).toBeVisible();
  await expect(page.getByTestId('steps')).toContainText('Prévenir l’assureur cyber');
});
