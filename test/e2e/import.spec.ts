import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import ExcelJS from 'exceljs';
import { SHOTS, expect, test } from './fixtures';

/**
 * The import wizard as a DPO drives it (issue 13): a register kept in Excel, one row per
 * processing, mapped column by column and value by value, tried in a dry run, imported, undone.
 * Run in French (the product's first language) and in English; each step's picture is kept.
 */

async function registerXlsx(dir: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Registre');
  ws.addRow(['Référence', 'Nom du traitement', 'Finalité principale', 'Base juridique', 'Personnes concernées', 'Données traitées', 'Durée de conservation', 'Pays hors UE', 'Destinataire hors UE', 'Garanties', 'Commentaires']);
  ws.addRow(['IMP-01', 'Gestion des badges d’accès', 'Contrôler l’accès aux locaux', 'Intérêt légitime', 'Salariés', 'Identité', '3 mois', '', '', '', '']);
  ws.addRow(['IMP-02', 'Newsletter', 'Envoyer la lettre d’information', 'Prestation de service', 'Prospects', 'Coordonnées', '3 ans à compter du dernier contact', 'États-Unis', 'Mailchimp', 'Privacy Shield', 'Outil hébergé']);
  ws.addRow(['IMP-03', 'Annuaire interne', 'Publier l’annuaire', 'Intérêt légitime', 'Salariés', 'Identité; Vie professionnelle', 'Non concerné', '', '', '', '']);
  const file = path.join(dir, 'registre-2026.xlsx');
  await wb.xlsx.writeFile(file);
  return file;
}

const L = {
  fr: {
    locale: 'fr-FR',
    register: 'Registre des traitements',
    open: 'Importer un registre',
    file: 'Fichier à importer (.xlsx, .ods, .csv)',
    name: 'Nom du traitement',
    next: 'Suivant',
    contract: 'Exécution d’un contrat (art. 6.1.b)',
    mappingName: 'Nom de la correspondance',
    save: 'Enregistrer la correspondance',
    saved: 'Correspondance « Registre Excel » enregistrée.',
    dryRun: 'Lancer l’essai à blanc',
    summary: '3 fiche(s) à créer, 0 à mettre à jour, 0 ligne(s) non importée(s), 1 transfert(s) hors EEE.',
    confirm: 'Importer',
    done: /Import terminé\s*: 3 fiche\(s\) créée\(s\)/,
    draft: 'Brouillon',
    undo: 'Annuler cet import',
    undone: /Import annulé\s*: 3 fiche\(s\) et 1 transfert\(s\) mis à la corbeille/,
    badFile: /porte l’extension \.xlsx, mais son contenu est d’un autre type/,
    invalidated: /Privacy Shield/,
    another: 'Importer un autre fichier',
    cnil: /Modèle de registre de la CNIL reconnu/,
    replaceOrg: 'Remplacer le profil de l’organisation par l’en-tête du fichier',
  },
  en: {
    locale: 'en-GB',
    register: 'Controller register',
    open: 'Import a register',
    file: 'File to import (.xlsx, .ods, .csv)',
    name: 'Processing name',
    next: 'Next',
    contract: 'Performance of a contract (Art. 6(1)(b))',
    mappingName: 'Mapping name',
    save: 'Save the mapping',
    saved: 'Mapping “Registre Excel” saved.',
    dryRun: 'Run the dry run',
    summary: '3 record(s) to create, 0 to update, 0 row(s) not imported, 1 transfer(s) outside the EEA.',
    confirm: 'Import',
    done: /Import done: 3 record\(s\) created/,
    draft: 'Draft',
    undo: 'Undo this import',
    undone: /Import undone: 3 record\(s\) and 1 transfer\(s\) moved to the trash/,
    badFile: /has the \.xlsx extension, but its content is of another type/,
    invalidated: /Privacy Shield/,
    another: 'Import another file',
    cnil: /CNIL register model recognised/,
    replaceOrg: 'Replace the organisation profile with the file’s header',
  },
} as const;

for (const lang of ['fr', 'en'] as const) {
  const l = L[lang];
  test.describe(`import wizard (${lang})`, () => {
    test.use({ locale: l.locale });
    // Eight screens and a demo register to start: longer than the default minute on a shared machine.
    test.setTimeout(180_000);

    test(`a DPO imports an Excel register: mapping, values, dry run, confirm, undo (${lang})`, async ({ page, demoHarness }) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-import-'));
      const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${lang}-import-${name}.png`), fullPage: true });
      try {
        const file = await registerXlsx(dir);
        await page.goto(`${demoHarness.url}#/register/controller`);
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.register);
        await page.getByRole('link', { name: l.open }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(l.open);

        // A file that is not what it claims: refused next to the field, in the user's language.
        await page.getByLabel(l.file).setInputFiles({ name: 'faux.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from('Référence;Nom\nA;B\n') });
        await expect(page.locator('.field .error')).toHaveText(l.badFile);
        await shot('1-file');

        await page.getByLabel(l.file).setInputFiles(file);
        // Columns: suggested from the French headers.
        await expect(page.getByLabel(l.name, { exact: true })).toHaveValue('Nom du traitement');
        await expect(page.locator('#map-legalBasis')).toHaveValue('Base juridique');
        await expect(page.locator('#map-transferCountry')).toHaveValue('Pays hors UE');
        await expect(page.locator('.import-preview')).toContainText('Gestion des badges d’accès');
        await shot('2-mapping');

        await page.getByRole('button', { name: l.next }).click();
        // Values: "Prestation de service" matches no basis; the DPO maps it to the contract.
        const prestation = page.getByLabel('Prestation de service');
        await expect(prestation).toHaveValue('');
        await prestation.selectOption({ label: l.contract });
        await expect(page.getByLabel('Intérêt légitime')).toHaveValue('LEGITIMATE_INTEREST');
        await expect(page.getByLabel('États-Unis')).toHaveValue('US');
        await page.getByLabel(l.mappingName).fill('Registre Excel');
        await page.getByRole('button', { name: l.save }).click();
        await expect(page.getByText(l.saved)).toBeVisible();
        await shot('3-values');

        await page.getByRole('button', { name: l.dryRun }).click();
        await expect(page.getByRole('status').filter({ hasText: l.summary })).toBeVisible();
        await expect(page.locator('.import-report')).toContainText(l.invalidated);
        await shot('4-report');

        await page.getByRole('button', { name: l.confirm, exact: true }).click();
        await expect(page.getByText(l.done)).toBeVisible();
        await shot('5-done');

        // The records are in the register, as drafts (seen from a second window: the wizard keeps its result).
        const other = await page.context().newPage();
        await other.goto(`${demoHarness.url}#/register/controller`);
        await expect(other.getByRole('row').filter({ hasText: 'IMP-02' })).toContainText(l.draft);
        await other.close();

        // Undo, from the result: the three drafts and the transfer go to the trash.
        await page.getByRole('button', { name: l.undo }).click();
        await expect(page.locator('.card-body > p[role="status"]').filter({ hasText: l.undone })).toBeVisible();
        await shot('6-undone');

        // The CNIL model is recognised by itself: its options (the CNIL's example, the organisation profile), then the dry run.
        await page.getByRole('button', { name: l.another }).click();
        await page.getByLabel(l.file).setInputFiles(path.resolve(import.meta.dirname, '../fixtures/import/cnil-filled.ods'));
        await expect(page.getByText(l.cnil)).toBeVisible();
        await expect(page.getByLabel(l.replaceOrg)).not.toBeChecked();
        await shot('7-cnil-options');
        await page.getByRole('button', { name: l.dryRun }).click();
        await expect(page.locator('.import-report')).toContainText('RH-001');
        await shot('8-cnil-report');

        await page.getByRole('link', { name: l.register }).first().click();
        await expect(page.getByRole('link', { name: 'RT-001' })).toBeVisible();
        await expect(page.getByRole('link', { name: 'IMP-02' })).toHaveCount(0);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}

for (const lang of ['fr', 'en'] as const) {
  const l = L[lang];
  test.describe(`round trip (${lang})`, () => {
    test.use({ locale: l.locale });
    test.setTimeout(180_000);

    test(`a workbook exported by DPO Desk is recognised and comes back without a mapping (${lang})`, async ({ page, demoHarness }) => {
      const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${lang}-import-${name}.png`), fullPage: true });
      await page.goto(`${demoHarness.url}#/exports`);
      await page.getByLabel(/Excel \(\.xlsx\)/).check();
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: lang === 'fr' ? 'Générer le classeur' : 'Generate the workbook' }).click();
      const file = await (await downloading).path();

      await page.goto(`${demoHarness.url}#/register/controller`);
      await page.getByRole('link', { name: l.open }).click();
      await page.getByLabel(l.file).setInputFiles({ name: 'registre-exporte.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: (await import('node:fs')).readFileSync(file) });
      // No mapping: the wizard goes straight to the options, and says what it found.
      await expect(page.getByText(lang === 'fr' ? /Registre exporté par DPO Desk reconnu/ : /Register exported by DPO Desk recognised/)).toBeVisible();
      await shot('9-own-options');
      await page.getByRole('button', { name: l.dryRun }).click();
      // Every record is already in the register (same references): each is an update.
      await expect(page.locator('.import-report')).toContainText('RT-013');
      await shot('10-own-report');
    });
  });
}
