import type { Locator, Page } from '@playwright/test';
import { expect, test, SHOWN_DATE, typed } from './fixtures';

/** A review date a year from the day the test runs (never a fixed day that will one day be past). */
const inOneYear = () => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

test.use({ locale: 'fr-FR' });

const NOTES = 'Note <script>alert("x")</script> & « guillemets » é 😀';

function block(page: Page, name: string): Locator {
  return page.locator(`fieldset[data-field="${name}"]`);
}

/** Adds a row to a list (its own "+ Ajouter", not that of a list nested in its rows) and returns the new row. */
async function addTo(page: Page, name: string): Promise<Locator> {
  const b = block(page, name);
  await b.locator(':scope > button', { hasText: '+ Ajouter' }).click();
  return b.locator(':scope > .array-item').last();
}

test('a DPO records an activity with every field, fixes a mistake, finds, filters, archives, restores and reads its history', async ({ page, harness }) => {
  page.on('dialog', (d) => void d.accept());
  await page.goto(harness.url);
  // First run, in French because the system is French.
  await expect(page.getByRole('heading', { name: 'Bienvenue dans DPO Desk' })).toBeVisible();
  await page.getByRole('button', { name: /Commencer un registre vide/ }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Registre des traitements' }).click();
  await expect(page.getByText('Le registre est vide.')).toBeVisible();
  await page.getByRole('link', { name: '+ Nouvelle fiche' }).click();
  // A new record comes with the next free reference and a review in 12 months (Settings), both editable.
  await expect(page.getByLabel('Référence', { exact: true })).toHaveValue('RT-001');
  await expect(page.getByLabel('Prochaine revue', { exact: true })).toHaveValue(SHOWN_DATE);
  {
    const review = await page.getByLabel('Prochaine revue', { exact: true }).inputValue();
    const today = new Date();
    expect(Number(review.slice(6, 10)) * 12 + Number(review.slice(3, 5)) - (today.getFullYear() * 12 + today.getMonth() + 1)).toBe(12);
  }

  // Validation as the user types, next to the field, in French.
  await page.getByLabel('Référence', { exact: true }).fill('E2E-001');
  await page.getByLabel('Nom du traitement', { exact: true }).fill('x');
  await page.getByLabel('Nom du traitement', { exact: true }).fill('');
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByLabel('Statut', { exact: true }).selectOption('active');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByTestId('form-banner')).toContainText('Corrigez les champs signalés');
  await expect(page.locator('.field-invalid', { hasText: 'Finalité principale' }).getByText(/Obligatoire pour une fiche active/)).toBeVisible();
  await expect(page.getByTestId('completeness')).toContainText('Champs obligatoires manquants');

  // Fix it: every field of the CNIL record sheet.
  await page.getByLabel('Nom du traitement', { exact: true }).fill('Enregistrement des appels E2E');
  await page.getByLabel('Service responsable', { exact: true }).selectOption({ label: 'Support client' });
  await page.getByLabel('Logiciel ou application', { exact: true }).fill('Plateforme VoIP');
  await page.getByLabel('Prochaine revue', { exact: true }).fill(typed(inOneYear()));
  const joint = await addTo(page, 'jointControllers');
  await joint.getByLabel('Nom', { exact: true }).fill('Partenaire Conjoint SAS');
  await joint.getByLabel('Adresse', { exact: true }).fill('1 rue du Test, Paris');
  await joint.getByLabel('Courriel', { exact: true }).fill('dpo@conjoint.test');
  await joint.getByLabel('Téléphone', { exact: true }).fill('01 02 03 04 05');
  await joint.getByLabel('Précisions', { exact: true }).fill('Accord art. 26 signé');
  // Purposes, each with its own legal bases: the main one, then a second one resting on two bases.
  await page.getByLabel('Finalité principale', { exact: true }).fill('Former les conseillers du support');
  const mainBasis = block(page, 'purposes.0.bases').locator(':scope > .array-item').first();
  await mainBasis.getByLabel('Base légale', { exact: true }).selectOption('LEGITIMATE_INTEREST');
  await mainBasis.getByLabel('L’intérêt légitime poursuivi', { exact: true }).fill('Intérêt légitime à améliorer la qualité');
  const second = await addTo(page, 'purposes');
  await second.getByLabel('Sous-finalité 1', { exact: true }).fill('Preuve des engagements pris par téléphone');
  const secondBasis = block(page, 'purposes.1.bases').locator(':scope > .array-item').first();
  await secondBasis.getByLabel('Base légale', { exact: true }).selectOption('CONTRACT');
  // The record is meant to be active: the detail this basis needs is asked for next to it.
  await expect(page.locator('.field-invalid', { hasText: 'Le contrat ou les mesures précontractuelles' }).getByText(/Obligatoire pour une fiche active/)).toBeVisible();
  await secondBasis.getByLabel('Le contrat ou les mesures précontractuelles', { exact: true }).fill('Contrat d’abonnement');
  const thirdBasis = await addTo(page, 'purposes.1.bases');
  await thirdBasis.getByLabel('Base légale', { exact: true }).selectOption('LEGAL_OBLIGATION');
  await thirdBasis.getByLabel('Le texte qui impose l’obligation', { exact: true }).fill('Code de la consommation, art. L.221-16');
  const sec = await addTo(page, 'securityMeasures');
  await sec.getByLabel('Type', { exact: true }).selectOption('ENCRYPTION');
  await sec.getByLabel('Précisions', { exact: true }).fill('SRTP et TLS 1.3');
  const data = await addTo(page, 'dataCategories');
  await data.getByLabel('Catégorie', { exact: true }).selectOption('COMM_CONTENT');
  await data.getByLabel('Description', { exact: true }).fill('Enregistrement audio des appels');
  await data.getByLabel('Durée', { exact: true }).fill('90');
  await data.getByLabel('Unité', { exact: true }).selectOption('days');
  await data.getByLabel('Point de départ ou critère', { exact: true }).fill('à compter de l’appel');
  const special = await addTo(page, 'specialCategories');
  await special.getByLabel('Catégorie', { exact: true }).selectOption('HEALTH');
  await special.getByLabel('Description', { exact: true }).fill('Mentions de santé par l’appelant');
  await special.getByLabel('Durée', { exact: true }).fill('90');
  await special.getByLabel('Unité', { exact: true }).selectOption('days');
  await page.getByLabel('Exception de l’article 9.2', { exact: true }).selectOption('A_EXPLICIT_CONSENT');
  await page.getByLabel('Précision sur l’exception', { exact: true }).fill('Consentement au début de l’appel');
  const subject = await addTo(page, 'dataSubjects');
  await subject.getByLabel('Catégorie', { exact: true }).selectOption('CUSTOMERS');
  await subject.getByLabel('Précisions', { exact: true }).fill('Appelants du support');
  const recipient = await addTo(page, 'recipients');
  await recipient.getByLabel('Type', { exact: true }).selectOption('PROCESSOR');
  await recipient.getByLabel('Catégorie', { exact: true }).selectOption('TELECOM_OPERATORS');
  await recipient.getByLabel('Destinataire', { exact: true }).fill('Twilio Inc.');
  await recipient.getByLabel('Précisions', { exact: true }).fill('Transit des appels');
  // Transfers are not typed on the record any more: they live in the transfer register (see record-transfers.spec.ts).
  await expect(page.getByLabel('Des données sont transférées hors de l’Espace économique européen')).toHaveCount(0);
  await page.getByLabel('AIPD nécessaire', { exact: true }).selectOption('yes');
  await page.getByLabel('L’AIPD a été réalisée').check();
  await page.getByLabel('Date de l’AIPD', { exact: true }).fill(typed('2026-01-15'));
  await page.getByLabel('Motif (AIPD nécessaire ou non)', { exact: true }).fill('Données de santé et enregistrement');
  await page.getByLabel('Sources des données', { exact: true }).fill('Plateforme téléphonique');
  await page.getByLabel('Notes', { exact: true }).fill(NOTES);

  await expect(page.getByTestId('completeness')).toContainText('Fiche complète');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Fiche enregistrée.')).toBeVisible();
  await expect(page).toHaveURL(/#\/record\/controller\/[0-9a-f-]{36}$/);
  const recordUrl = page.url();

  // A second record (a draft copy) so the filters have something to tell apart.
  await page.getByRole('button', { name: 'Dupliquer' }).click();
  await expect(page.getByText('Copie créée en brouillon.')).toBeVisible();
  await expect(page.getByLabel('Référence', { exact: true })).toHaveValue('E2E-001-copy');

  // Search over every text field, then filter.
  await page.getByRole('navigation').getByRole('link', { name: 'Registre des traitements' }).click();
  await expect(page.getByTestId('row-count')).toHaveText('2 fiche(s) sur 2');
  const search = page.getByRole('searchbox');
  await search.fill('plateforme voip');
  await expect(page.getByTestId('row-count')).toHaveText('2 fiche(s) sur 2');
  await search.fill('introuvable-xyz');
  await expect(page.getByTestId('row-count')).toHaveText('0 fiche(s) sur 2');
  await expect(page.getByText('Aucune fiche ne correspond.')).toBeVisible();
  await search.fill('');
  await page.getByRole('combobox', { name: 'Statut' }).selectOption('active');
  await expect(page.getByTestId('row-count')).toHaveText('1 fiche(s) sur 2');
  await expect(page.getByRole('row').filter({ hasText: 'E2E-001' })).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Statut' }).selectOption('');
  await page.getByRole('combobox', { name: 'Données sensibles' }).selectOption('yes');
  await page.getByRole('combobox', { name: 'Transfert hors EEE' }).selectOption('no');
  await expect(page.getByTestId('row-count')).toHaveText('2 fiche(s) sur 2');
  // The legal-basis filter matches a record when any of its purposes rests on the basis.
  await page.getByRole('combobox', { name: 'Base légale' }).selectOption('LEGAL_OBLIGATION');
  await expect(page.getByTestId('row-count')).toHaveText('2 fiche(s) sur 2');
  await expect(page.getByRole('row').filter({ hasText: 'E2E-001' }).first()).toContainText('Intérêt légitime, Exécution d’un contrat, Obligation légale');
  await page.getByRole('combobox', { name: 'Base légale' }).selectOption('CONSENT');
  await expect(page.getByTestId('row-count')).toHaveText('0 fiche(s) sur 2');
  await page.getByRole('combobox', { name: 'Base légale' }).selectOption('');
  await page.getByRole('combobox', { name: 'Service responsable' }).selectOption({ label: 'Marketing' });
  await expect(page.getByTestId('row-count')).toHaveText('0 fiche(s) sur 2');
  await page.getByRole('button', { name: 'Effacer les filtres' }).click();

  // Archive, then restore from the archive.
  await page.goto(recordUrl);
  await page.getByRole('button', { name: 'Archiver' }).click();
  await expect(page.getByText('Fiche archivée.')).toBeVisible();
  await expect(page.getByLabel('Statut', { exact: true })).toHaveValue('archived');
  await page.getByRole('button', { name: 'Désarchiver' }).click();
  await expect(page.getByText('Fiche désarchivée (brouillon).')).toBeVisible();
  await expect(page.getByLabel('Statut', { exact: true })).toHaveValue('draft');

  // The history of the record, newest first, with what changed.
  await page.getByRole('tab', { name: 'Historique' }).click();
  const history = page.getByRole('list', { name: 'Historique des modifications' });
  await expect(history.locator('.history-entry strong')).toHaveText(['Désarchivage', 'Archivage', 'Création']);
  await expect(history.locator('.history-entry').nth(1).getByRole('row', { name: /Statut Actif Archivé/ })).toBeVisible();

  // Reload: everything is still there, and text stays text.
  await page.reload();
  await expect(page.getByLabel('Nom du traitement', { exact: true })).toHaveValue('Enregistrement des appels E2E');
  await expect(page.getByLabel('Notes', { exact: true })).toHaveValue(NOTES);
  await expect(block(page, 'dataCategories').getByLabel('Durée', { exact: true })).toHaveValue('90');
  await expect(block(page, 'purposes.1.bases').getByLabel('Le texte qui impose l’obligation', { exact: true })).toHaveValue('Code de la consommation, art. L.221-16');
  await expect(block(page, 'jointControllers').getByLabel('Courriel', { exact: true })).toHaveValue('dpo@conjoint.test');
  await expect(page.getByLabel('Date de l’AIPD', { exact: true })).toHaveValue('15/01/2026');
  expect(await page.evaluate(() => document.querySelectorAll('script:not([src])').length)).toBe(0);
});

test('the language switches to English and stays so after a reload', async ({ page, demoHarness }) => {
  await page.goto(demoHarness.url);
  await expect(page.getByRole('heading', { name: 'Tableau de bord' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Paramètres' }).click();
  await page.getByText('English', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Controller register' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Controller register' })).toBeVisible();
  await page.getByRole('navigation').getByRole('link', { name: 'Controller register' }).click();
  await expect(page.getByRole('columnheader', { name: /Legal basis/ })).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'RT-013' })).toContainText('Legal obligation');
  await page.getByText('Français', { exact: true }).waitFor({ state: 'detached' });
  await page.getByRole('navigation').getByRole('link', { name: 'Settings' }).click();
  await page.getByText('Français', { exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Paramètres' })).toBeVisible();
});
