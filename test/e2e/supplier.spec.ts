import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { docxParagraphs } from '../docx-text';
import { expect, test, typed } from './fixtures';

test.use({ locale: 'fr-FR' });

test('a supplier: add it, link it to activities, audit it with the built-in grid, see the score and a finding, export the report', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/suppliers`);
  await page.getByRole('link', { name: '+ Nouveau sous-traitant' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouveau sous-traitant');

  // Saving without the services provided is refused next to the field.
  await page.getByLabel('Raison sociale').fill('Brevo SAS');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText('Ce champ est obligatoire.')).toBeVisible();
  await page.getByLabel('Services fournis').fill('Envoi des e-mails transactionnels et des campagnes');
  // The activities: picked in the searchable list (issue 15), one in view, one found by its reference.
  await page.getByRole('option', { name: 'RT-003 – Gestion de la relation client (CRM) et du support' }).click();
  await page.getByRole('searchbox', { name: 'Rechercher : Traitements du registre concernés' }).fill('RS-004');
  await page.getByRole('option', { name: 'RS-004 – Campagnes SMS, e-mail, vocal, fax et courrier' }).click();
  await expect(page.getByTestId('picker-chips').getByRole('listitem')).toHaveText([/RT-003/, /RS-004/]);
  // The contract: signed, with a clause missing.
  await page.getByRole('tab', { name: 'Contrat et certifications' }).click();
  await page.getByLabel('Contrat signé').check();
  await page.getByLabel('Signé le').fill(typed('2026-02-01'));
  await page.getByLabel('28.3.h – Informations et audits').selectOption('missing');
  // Where the data are: France, and reached from the United States.
  await page.getByRole('tab', { name: 'Localisation et sous-traitants' }).click();
  await page.getByLabel('Pays de stockage des données').selectOption({ label: 'France' });
  await page.getByLabel('Pays depuis lesquels les données sont accessibles').selectOption({ label: 'États-Unis' });
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/#\/supplier\/[0-9a-f-]{36}$/);
  // No transfer is recorded for the United States: the page says so.
  await expect(page.getByTestId('transfer-gaps')).toContainText('(États-Unis) sans transfert enregistré');
  await expect(page.getByTestId('contract-findings')).toContainText('Clause absente : 28.3.h – Informations et audits');

  // The signed agreement, kept in the app with its SHA-256, opened again from the list.
  await page.getByRole('tab', { name: 'Documents' }).click();
  await page.getByLabel('Type de document').selectOption('dpa');
  const pdf = Buffer.from('%PDF-1.4\n% DPA Brevo signé\n');
  await page.getByLabel('Ajouter un fichier').setInputFiles({ name: 'DPA Brevo.pdf', mimeType: 'application/pdf', buffer: pdf });
  const docs = page.getByTestId('documents');
  await expect(docs).toContainText('DPA Brevo.pdf');
  await expect(docs).toContainText(createHash('sha256').update(pdf).digest('hex').slice(0, 16));
  const opening = page.waitForEvent('download');
  await docs.getByRole('button', { name: 'Ouvrir' }).click();
  expect(readFileSync(await (await opening).path()).equals(pdf)).toBe(true);

  // The link shows from the activity's side too.
  const supplierUrl = page.url();
  await page.goto(`${demoHarness.url}#/register/controller`);
  await page.getByRole('link', { name: 'RT-003' }).click();
  await expect(page.getByTestId('activity-suppliers')).toContainText('Brevo SAS');
  await page.goto(supplierUrl);

  // An audit from the built-in grid: answers, a knock-out question failed, a finding.
  await page.getByRole('tab', { name: 'Audits' }).click();
  await page.getByRole('button', { name: '+ Nouvel audit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit de Brevo SAS');
  await expect(page.getByTestId('audit-score')).toContainText('non évalué');
  await page.locator('#q-B1').selectOption('yes');
  await page.locator('#q-B2').selectOption('yes');
  await page.locator('#q-E1').selectOption('partly');
  // 83,3 % over three answers: too few for a verdict (90 % of the weight by default).
  await expect(page.getByTestId('audit-score')).toContainText('83,3 % · Incomplet (réponses insuffisantes)');
  await expect(page.getByTestId('audit-coverage')).toContainText('du poids de la grille (seuil pour un verdict : 90 %)');
  await expect(page.getByTestId('audit-incomplete')).toContainText('Thèmes sans aucune réponse : A, C, D');
  await page.locator('#q-F2').selectOption('no');
  await expect(page.getByTestId('audit-score')).toContainText('Non conforme');
  await expect(page.getByText('Questions éliminatoires non satisfaites : F2')).toBeVisible();
  // L2, the breach notice to us: a number of hours, or only "without undue delay" (Art. 33(2)).
  await page.locator('#q-L2').selectOption({ label: 'Nombre d’heures' });
  await page.getByLabel('Heures L2').fill('24');
  await expect(page.locator('[data-question="L2"] .error')).toHaveCount(0);
  await page.locator('#q-L2').selectOption({ label: 'Dans les meilleurs délais' });
  await expect(page.getByLabel('Heures L2')).toHaveCount(0);
  await page.getByRole('group', { name: 'Constats' }).getByRole('button', { name: '+ Ajouter' }).click();
  await page.getByRole('group', { name: 'Constats' }).getByLabel('Question').selectOption('F2');
  await page.getByRole('group', { name: 'Constats' }).getByLabel('Description').fill('Pas d’authentification multifacteur pour les administrateurs');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Audit enregistré' }).last()).toBeVisible();

  // The report, as Word, with the score by theme and the finding.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Rapport d’audit (Word)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^rapport-audit-brevo-sas-\d{4}-\d{2}-\d{2}\.docx$/);
  const text = (await docxParagraphs(readFileSync(await download.path()))).map((p) => p.text).join('\n');
  expect(text).toContain('Rapport d’audit – Brevo SAS');
  expect(text).toContain('Non conforme');
  expect(text).toContain('B. Contrat et instructions');
  expect(text).toContain('Dans les meilleurs délais\nRéponse attendue : ≤ 48 heures');
  expect(text).toContain('Pas d’authentification multifacteur pour les administrateurs');
  expect(text).toContain('Clause absente : 28.3.h – Informations et audits');

  // The supplier list shows the audit's result.
  await page.goto(`${demoHarness.url}#/suppliers`);
  await expect(page.getByRole('row', { name: /Brevo SAS/ })).toContainText('Non conforme');
});

test('an audit questionnaire goes out as Excel and its answers come back, with the rows that could not be read', async ({ page, demoHarness }) => {
  const ExcelJS = (await import('exceljs')).default;
  await page.goto(`${demoHarness.url}#/suppliers`);
  await page.getByRole('link', { name: 'Google Ireland Limited' }).click();
  await page.getByRole('tab', { name: 'Audits' }).click();
  await page.getByRole('button', { name: '+ Nouvel audit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Audit de Google Ireland Limited');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Questionnaire à remplir (Excel)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^questionnaire-google-ireland-limited-\d{4}-\d{2}-\d{2}\.xlsx$/);

  // The supplier answers in its spreadsheet program.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  // It never sees the answer we expect.
  expect((ws.getRow(4).values as unknown[]).slice(1)).toEqual(['N°', 'Thème', 'Question', 'Type', 'Réponse', 'Commentaire, preuve']);
  ws.eachRow((row) => {
    const id = row.getCell(1).value;
    if (id === 'B1' || id === 'B2' || id === 'G1') row.getCell(5).value = 'oui';
    if (id === 'F2') row.getCell(5).value = 'non';
    if (id === 'L2') row.getCell(5).value = 'bientôt';
    // It rewrites A7 into a question it likes better, and answers that one.
    if (id === 'A7') {
      row.getCell(3).value = 'Avez-vous reçu un prix de la CNIL ?';
      row.getCell(5).value = 'oui';
    }
  });
  const filled = Buffer.from(await wb.xlsx.writeBuffer());

  await page.locator('input[type="file"]').setInputFiles({ name: 'reponses.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: filled });
  await expect(page.getByRole('status').filter({ hasText: '4 réponse(s) importée(s)' }).last()).toBeVisible();
  await expect(page.getByTestId('import-report')).toContainText('(L2) : réponse « bientôt » non reconnue.');
  await expect(page.getByTestId('import-report')).toContainText('(A7) : la colonne « Question » a été modifiée (« Avez-vous reçu un prix de la CNIL ? ») : ligne écartée, la réponse précédente est conservée.');
  await expect(page.locator('#q-A7')).toHaveValue('');
  await expect(page.getByLabel('Envoyé le')).not.toHaveValue('');
  await expect(page.getByLabel('Répondu le')).not.toHaveValue('');
  await expect(page.locator('#q-B1')).toHaveValue('yes');
  await expect(page.locator('#q-F2')).toHaveValue('no');
  await expect(page.getByTestId('audit-score')).toContainText('Non conforme');
  await expect(page.getByRole('combobox', { name: 'Statut' })).toHaveValue('answered');

  // A file that is not the workbook sent is refused whole, with a message that says so.
  await page.locator('input[type="file"]').setInputFiles({ name: 'notes.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from('pas un classeur') });
  await expect(page.getByTestId('form-banner')).toHaveText('Ce fichier n’est pas un classeur Excel (.xlsx) lisible.');
  await expect(page.locator('#q-B1')).toHaveValue('yes');
});

test('audit grids: the built-in one is copied, the copy edited into a new version', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/templates`);
  const table = page.getByTestId('templates');
  await expect(table).toContainText('Grille d’audit sous-traitant (intégrée)');
  page.once('dialog', (d) => void d.accept('Grille télécom'));
  await table.getByRole('row', { name: /intégrée/ }).getByRole('button', { name: 'Copier' }).click();
  const editor = page.getByTestId('template-editor');
  await expect(editor).toContainText('Modifier « Grille télécom » (version 1)');
  await expect(editor.getByRole('button', { name: 'Enregistrer une nouvelle version' })).toBeDisabled();
  await editor.getByLabel('Nom de la grille').fill('Grille télécom (opérateurs)');
  await editor.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
  await expect(editor).toContainText('Modifier « Grille télécom (opérateurs) » (version 2)');
  await expect(table.getByRole('row', { name: /Grille télécom \(opérateurs\)/ })).toContainText('v2');
  await expect(table.getByRole('row', { name: /Grille télécom \(opérateurs\)/ })).toContainText('55');
});

test('the coverage an audit needs for a verdict is set in Settings and shown on the audit', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/settings`);
  const form = page.getByTestId('audit-settings');
  await expect(form.getByLabel('Réponses exigées pour un verdict (% du poids)')).toHaveValue('90');
  await form.getByLabel('Réponses exigées pour un verdict (% du poids)').fill('40');
  await expect(form.getByRole('alert')).toHaveText('Doit être au moins 50.');
  await form.getByLabel('Réponses exigées pour un verdict (% du poids)').fill('80');
  await form.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Paramètres des audits enregistrés' }).last()).toBeVisible();
  // The demo's Twilio audit: 81 % of the weight answered, but the theme K left blank: still incomplete.
  await page.goto(`${demoHarness.url}#/suppliers`);
  await page.getByRole('link', { name: 'Twilio Inc.' }).click();
  await page.getByRole('tab', { name: 'Audits' }).click();
  await page.getByTestId('audits').getByRole('link').first().click();
  await expect(page.getByTestId('audit-coverage')).toContainText('seuil pour un verdict : 80 %');
  await expect(page.getByTestId('audit-incomplete')).toContainText('Thèmes sans aucune réponse : K');
  await expect(page.getByTestId('audit-score')).toContainText('Incomplet (réponses insuffisantes)');
});
