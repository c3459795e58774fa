import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { docxParagraphs } from '../docx-text';
import { Effort, fillBadgesRecord } from '../e2e/effort-count';
import { expect, test } from '../e2e/fixtures';

/**
 * Issue 16, "Done when": the three everyday tasks of effort.spec.ts done as they had to be before
 * issue 16 (no Alt+N, no Ctrl+S, no "Now": the buttons clicked and the times typed), each action
 * counted the same way. It is a measuring tool for that old commit (3e9e773), not part of the test
 * suite: copied with test/e2e/effort-count.ts and fixtures.ts into a worktree of that commit and run
 * there with `npx playwright test --config test/playwright.effort-before.config.ts` (README,
 * "Effort of the everyday tasks").
 */
test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 900 } });

const parisAgo = (hours: number) => DateTime.now().setZone('Europe/Paris').minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");

test('a new active record (before)', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/`);
  const e = new Effort(page);
  await e.click(page.getByRole('navigation').getByRole('link', { name: 'Registre des traitements' }), 'nav: register');
  await e.click(page.getByRole('link', { name: '+ Nouvelle fiche' }), 'new record');
  await expect(page).toHaveURL(/#\/record\/controller\/new$/);
  await fillBadgesRecord(e, page);
  await e.click(page.getByRole('button', { name: 'Enregistrer' }), 'save');
  await expect(page.getByText('Fiche enregistrée.')).toBeVisible();
  console.log(e.report('record (before)'));
  await page.reload();
  await expect(page.getByLabel('Statut', { exact: true })).toHaveValue('active');
  await expect(page.getByTestId('completeness')).toContainText('Fiche complète');
});

test('a breach to its two letters (before)', async ({ page, demoHarness }) => {
  test.setTimeout(120_000);
  await page.goto(`${demoHarness.url}#/`);
  const e = new Effort(page);
  await e.click(page.getByRole('navigation').getByRole('link', { name: 'Violations de données' }), 'nav: breaches');
  await e.click(page.getByRole('link', { name: '+ Nouvelle violation' }), 'new breach');
  await expect(page).toHaveURL(/#\/breach\/new$/);
  await e.fill(page.getByLabel('Intitulé'), 'Fichier clients envoyé au mauvais destinataire');
  await e.fill(page.getByLabel('Découverte', { exact: true }), parisAgo(0.5), 'discovered: typed', 12); // the native input: 12 digits, its segments advance by themselves
  await e.fill(page.getByLabel('Prise de connaissance (départ du délai de 72 h)', { exact: true }), parisAgo(0.25), 'aware: typed', 12);
  await e.check(page.getByLabel('Perte de la confidentialité', { exact: true }), 'nature: confidentiality');
  await e.fill(page.getByLabel('Descriptif détaillé (comment c’est arrivé)'), 'Export du fichier clients joint par erreur à un courriel externe.');
  await e.click(page.getByRole('button', { name: 'Enregistrer' }), 'save');
  await expect(page).toHaveURL(/#\/breach\/[0-9a-f-]{36}$/);
  await e.click(page.getByRole('tab', { name: /^Risque et décision/ }), 'tab: risk and decision');
  await e.choose(page.getByLabel('Notifier l’autorité de contrôle ?'), 'notify', 'decision: notify the authority');
  await e.fill(page.getByLabel('Motifs de la décision').first(), 'Coordonnées de clients lisibles par un tiers.', 'decision: reasons');
  await e.choose(page.getByLabel('Informer les personnes concernées ?'), 'inform', 'decision: inform the subjects');
  await e.fill(page.getByLabel('Motifs de la décision').nth(1), 'Risque d’hameçonnage ciblé des clients.', 'decision: reasons');
  await e.click(page.getByRole('button', { name: 'Enregistrer' }), 'save');
  await expect(page.getByText('Modifications non enregistrées')).toHaveCount(0);
  const ref = (await page.getByRole('heading', { level: 1 }).locator('.ref').textContent())!.trim();
  await e.click(page.getByRole('tab', { name: 'Documents' }), 'tab: documents');
  const letters: Array<{ file: string; text: string }> = [];
  for (const name of ['Notification à l’autorité (initiale)', 'Information des personnes concernées']) {
    const downloading = page.waitForEvent('download');
    await e.click(page.getByRole('button', { name }), `letter: ${name}`);
    const download = await downloading;
    letters.push({ file: download.suggestedFilename(), text: (await docxParagraphs(readFileSync(await download.path()))).map((p) => p.text).join('\n') });
  }
  console.log(e.report('breach (before)'));
  expect(letters.map((l) => l.file)).toEqual([`${ref}-notification-autorite-initial.docx`, expect.stringMatching(new RegExp(`^${ref}-.+\\.docx$`))]);
  expect(letters[0]!.text).toContain(ref);
  for (const l of letters) expect(l.text).toContain('Fichier clients envoyé au mauvais destinataire');
});

test('a supplier with a DPF transfer (before)', async ({ page, demoHarness }) => {
  test.setTimeout(120_000);
  await page.goto(`${demoHarness.url}#/`);
  const e = new Effort(page);
  await e.click(page.getByRole('navigation').getByRole('link', { name: 'Sous-traitants et audits' }), 'nav: suppliers');
  await e.click(page.getByRole('link', { name: '+ Nouveau sous-traitant' }), 'new supplier');
  await e.fill(page.getByLabel('Raison sociale'), 'Acme Analytics Inc.');
  await e.fill(page.getByLabel('Services fournis'), 'Mesure d’audience du site');
  await e.click(page.getByRole('button', { name: 'Enregistrer' }), 'save');
  await expect(page).toHaveURL(/#\/supplier\/[0-9a-f-]{36}$/);
  const supplierUrl = page.url();
  await e.click(page.getByRole('navigation').getByRole('link', { name: /^Transferts hors (UE|EEE)$/ }), 'nav: transfers');
  await e.click(page.getByRole('link', { name: '+ Nouveau transfert' }), 'new transfer');
  await expect(page).toHaveURL(/#\/transfer\/new$/);
  await e.fill(page.getByLabel('Intitulé'), 'Acme Analytics – mesure d’audience');
  await e.choose(page.getByLabel('Importateur (registre des sous-traitants)'), { label: 'Acme Analytics Inc.' }, 'importer: the supplier');
  await e.choose(page.getByLabel('Pays de l’importateur'), 'US', 'importer country: US');
  await e.choose(page.getByRole('combobox', { name: 'Fondement du transfert' }), 'DPF', 'ground: DPF');
  await e.check(page.getByLabel('Importateur certifié au Data Privacy Framework'), 'DPF: certified');
  await e.fill(page.getByLabel('Certification vérifiée le'), DateTime.now().toISODate()!, 'DPF: checked on', 8);
  await e.click(page.getByRole('button', { name: 'Enregistrer' }), 'save');
  await expect(page).toHaveURL(/#\/transfer\/[0-9a-f-]{36}$/);
  console.log(e.report('supplier (before)'));
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Fondement du transfert' })).toHaveValue('DPF');
  await expect(page.getByLabel('Importateur (registre des sous-traitants)').locator('option:checked')).toHaveText('Acme Analytics Inc.');
  await page.goto(supplierUrl);
  await page.getByRole('tab', { name: 'Localisation et sous-traitants' }).click();
  await expect(page.getByRole('link', { name: /Acme Analytics – mesure d’audience/ })).toBeVisible();
});
