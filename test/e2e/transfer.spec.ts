import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { docxParagraphs, under } from '../docx-text';
import { expect, test, typed } from './fixtures';

test.use({ locale: 'fr-FR' });

test('transfers: record Twilio under SCC module 3 with a TIA, fix a Privacy Shield transfer, export the annex with the notes', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/transfers`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Transferts hors EEE');

  // The demo's Twilio transfer has no ground yet.
  await page.getByRole('link', { name: /^Twilio – numéros/ }).click();
  const warnings = page.getByTestId('transfer-warnings');
  await expect(warnings).toContainText('aucune garantie');
  await page.getByRole('combobox', { name: 'Fondement du transfert' }).selectOption('SCC_2021');
  await expect(page.getByTestId('module-hint')).toContainText('Module 3 – sous-traitant à sous-traitant (P2P)');
  await page.getByRole('combobox', { name: 'Module des CCT' }).selectOption('2');
  await expect(warnings).toContainText('Module 2 choisi, mais les rôles des parties appellent le module 3.');
  await page.getByRole('combobox', { name: 'Module des CCT' }).selectOption('3');
  await page.getByLabel('Signées le').fill(typed('2024-05-13'));
  await expect(warnings).toContainText('Pas d’analyse d’impact du transfert');
  // The TIA, step by step.
  await page.getByRole('tab', { name: 'Analyse d’impact (TIA)' }).click();
  await page.getByLabel('1. Connaître le transfert').fill('Numéros, détail du trafic et contenu des SMS des clients CPaaS, en continu.');
  await page.getByLabel('2. Identifier l’outil de transfert').fill('CCT 2021, module 3, annexées au DPA Twilio.');
  await page.getByLabel('3. Évaluer le droit et la pratique du pays tiers').fill('FISA 702 ; l’importateur publie un rapport de transparence.');
  await page.getByLabel('4. Mesures supplémentaires').fill('Chiffrement des contenus, minimisation des champs transmis.');
  await page.getByLabel('Chiffrement, clés détenues dans l’EEE').check();
  await page.getByRole('combobox', { name: 'Conclusion' }).selectOption('effectiveWithMeasures');
  await page.getByLabel('Analyse d’impact réalisée').check();
  await page.getByLabel('Réalisée le').fill(typed(DateTime.now().toISODate()!));
  await page.getByLabel('Réévaluation prévue le').fill(typed(DateTime.now().plus({ years: 1 }).toISODate()!));
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Transfert enregistré' }).last()).toBeVisible();
  await expect(page.getByText('Aucun point d’attention')).toBeVisible();
  // The TIA as a Word document, with the six steps.
  const tiaDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Analyse d’impact (Word)' }).click();
  const tia = (await docxParagraphs(readFileSync(await (await tiaDownload).path()))).filter((p) => p.style === 'Heading1').map((p) => p.text);
  expect(tia).toEqual(['Le transfert', '1. Connaître le transfert', '2. Identifier l’outil de transfert', '3. Évaluer le droit et la pratique du pays tiers', '4. Mesures supplémentaires', '5. Démarches procédurales', '6. Réévaluation', 'Conclusion']);

  // The Privacy Shield transfer is flagged on the list, on the activity and on the dashboard.
  await page.goto(`${demoHarness.url}#/`);
  await expect(page.getByTestId('transfer-warnings-dashboard')).toContainText('Ancien outil de mesure d’audience (Privacy Shield)');
  await expect(page.getByTestId('transfer-warnings-dashboard')).not.toContainText('Twilio');
  await page.goto(`${demoHarness.url}#/register/controller`);
  await page.getByRole('link', { name: 'RT-014' }).click();
  await expect(page.getByTestId('record-transfers')).toContainText('Fondement invalide depuis le 16 juil. 2020');
  await page.getByTestId('record-transfers').getByRole('link', { name: /Privacy Shield/ }).click();
  await expect(page.getByTestId('transfer-warnings')).toContainText('Fondement invalide');
  // Fixed: the importer is certified under the Data Privacy Framework, checked today.
  await page.getByRole('combobox', { name: 'Fondement du transfert' }).selectOption('DPF');
  await page.getByLabel('Importateur certifié au Data Privacy Framework').check();
  await page.getByLabel('Certification vérifiée le').fill(typed(DateTime.now().toISODate()!));
  await page.getByLabel('Intitulé').fill('Outil de mesure d’audience (DPF)');
  // Issue 11: the DPF covers self-certified organisations in the United States only.
  await page.getByRole('combobox', { name: 'Pays de l’importateur' }).selectOption('IN');
  await expect(page.getByTestId('transfer-warnings').locator('[data-warning="dpfOutsideUs"]')).toContainText('ne couvre que les organisations auto-certifiées aux États-Unis');
  await page.getByRole('combobox', { name: 'Pays de l’importateur' }).selectOption('US');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Aucun point d’attention')).toBeVisible();
  await page.goto(`${demoHarness.url}#/`);
  await expect(page.getByText('Aucun transfert à régulariser.')).toBeVisible();

  // The yearly register's transfers annex, with each ground and the dated notes.
  await page.goto(`${demoHarness.url}#/exports`);
  await page.getByLabel('Français').check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Générer le document Word' }).click();
  const download = await downloading;
  const ps = await docxParagraphs(readFileSync(await download.path()));
  const annex = under(ps, 'Annexe – Transferts hors de l’Espace économique européen').map((p) => p.text).join('\n');
  expect(annex).toContain('Module 3 – sous-traitant à sous-traitant (P2P)');
  expect(annex).toContain('EU-US Data Privacy Framework (importateur certifié)');
  expect(annex).toContain('Mécanismes invalidés : notes datées');
  expect(annex).toContain('CJUE, 16 juillet 2020, Schrems II, C-311/18');
  expect(annex).toContain('CJUE, 6 octobre 2015, Schrems I, C-362/14');

  // Issue 11: a TIA concluding "not effective" on an active transfer is the most serious warning, first and in red on the dashboard.
  await page.goto(`${demoHarness.url}#/transfers`);
  await page.getByRole('link', { name: /^Google Cloud – accès de Google LLC/ }).click();
  await expect(page.getByText('Aucun point d’attention')).toBeVisible();
  await page.getByRole('tab', { name: 'Analyse d’impact (TIA)' }).click();
  await page.getByRole('combobox', { name: 'Conclusion' }).selectOption('notEffective');
  await expect(page.getByTestId('transfer-warnings').locator('[data-severity="critical"]')).toContainText('suspendez le transfert');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Transfert enregistré' }).last()).toBeVisible();
  await page.goto(`${demoHarness.url}#/`);
  const first = page.getByTestId('transfer-warnings-dashboard').locator('li').first();
  await expect(first).toHaveAttribute('data-critical', 'true');
  await expect(first).toContainText('Google Cloud – accès de Google LLC');
  await expect(first.locator('[data-severity="critical"]')).toContainText('CRITIQUE');
  await expect(first.locator('.warning-critical')).toHaveCSS('color', 'rgb(176, 0, 32)');
});
