import path from 'node:path';
import type { Page } from '@playwright/test';
import { SHOTS, expect, startHarness, test } from './fixtures';

/**
 * Issue 16: the long tasks show their progress and can be cancelled where nothing is lost. The
 * harness runs with the test-only `--test-job-pace 5:250` (five records or pages a batch, a
 * quarter of a second after each), so that the progress is seen moving and Cancel lands half-way.
 */

const ROWS = 60;
const HEADER = 'Référence;Nom du traitement;Finalité principale;Base légale;Personnes concernées;Catégories de données;Durée de conservation;Destinataires;Mesures de sécurité';
const csv = [HEADER, ...Array.from({ length: ROWS }, (_, i) => `IMP-${String(i + 1).padStart(3, '0')};Traitement importé ${i + 1};Finalité ${i + 1};Obligation légale;Salariés;Vie professionnelle;5 ans;Service RH;Sauvegarde`)].join('\r\n');

const L = {
  fr: {
    locale: 'fr-FR',
    file: 'Fichier à importer (.xlsx, .ods, .csv)',
    next: 'Suivant',
    dryRun: 'Lancer l’essai à blanc',
    confirm: 'Importer',
    checking: new RegExp(`Vérification des fiches\u00a0: \\d+ / ${ROWS}`),
    writing: new RegExp(`Écriture des fiches et transferts\u00a0: \\d+ / ${ROWS}`),
    cancelImport: 'Annuler l’import',
    importCancelled: 'Import annulé\u00a0: le registre n’a pas changé.',
    backupNow: 'Sauvegarder maintenant',
    copying: /Copie du registre\u00a0: [\d\u202f\u00a0]+ \/ [\d\u202f\u00a0]+ pages/,
    cancelBackup: 'Annuler la sauvegarde',
    backupCancelled: 'Sauvegarde annulée\u00a0: aucun fichier n’a été écrit.',
    restore: 'Restaurer',
    restoreConfirm: 'Restaurer cette sauvegarde',
    saving: /Sauvegarde préalable du registre actuel\u00a0: [\d\u202f\u00a0]+ \/ [\d\u202f\u00a0]+ pages/,
    cancelRestore: 'Annuler la restauration',
    restoreCancelled: 'Restauration annulée\u00a0: le registre n’a pas changé.',
  },
  en: {
    locale: 'en-GB',
    file: 'File to import (.xlsx, .ods, .csv)',
    next: 'Next',
    dryRun: 'Run the dry run',
    confirm: 'Import',
    checking: new RegExp(`Checking the records: \\d+ / ${ROWS}`),
    writing: new RegExp(`Writing the records and transfers: \\d+ / ${ROWS}`),
    cancelImport: 'Cancel the import',
    importCancelled: 'Import cancelled: the register is unchanged.',
    backupNow: 'Back up now',
    copying: /Copying the register: [\d,]+ \/ [\d,]+ pages/,
    cancelBackup: 'Cancel the backup',
    backupCancelled: 'Backup cancelled: no file was written.',
    restore: 'Restore',
    restoreConfirm: 'Restore this backup',
    saving: /Backing up the current register first: [\d,]+ \/ [\d,]+ pages/,
    cancelRestore: 'Cancel the restore',
    restoreCancelled: 'Restore cancelled: the register is unchanged.',
  },
} as const;

/** The register as the list shows it: each row's text, in order. */
async function registerRows(page: Page, url: string): Promise<string[]> {
  await page.goto(`${url}#/register/controller`);
  await expect(page.getByRole('link', { name: 'RT-001' })).toBeVisible();
  return page.locator('table tbody tr').allInnerTexts();
}

for (const lang of ['fr', 'en'] as const) {
  const l = L[lang];
  test.describe(`progress of long tasks (${lang})`, () => {
    test.use({ locale: l.locale });
    test.setTimeout(180_000);

    test(`the import shows records written of the total, and Cancel leaves the register as it was (${lang})`, async ({ page }) => {
      const h = await startHarness({ demo: true, args: ['--test-job-pace', '5:250'] });
      const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${lang}-progress-${name}.png`) });
      try {
        const before = await registerRows(page, h.url);
        await page.goto(`${h.url}#/import`);
        await page.getByLabel(l.file).setInputFiles({ name: 'registre.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
        await page.getByRole('button', { name: l.next }).click();
        await page.getByRole('button', { name: l.dryRun }).click();
        // The dry run too: records checked of the total.
        const checking = page.getByTestId('import-progress');
        await expect(checking.getByRole('status')).toHaveText(l.checking);
        await checking.scrollIntoViewIfNeeded();
        await shot('dry-run');
        await expect(page.locator('.import-report')).toContainText('IMP-060');
        await page.getByRole('button', { name: l.confirm, exact: true }).click();

        const progress = page.getByTestId('import-progress');
        await expect(progress).toBeVisible();
        // The records written, of the total, while the import runs.
        await expect(progress.getByRole('status')).toHaveText(l.writing);
        const bar = progress.locator('progress');
        await expect(bar).toHaveAttribute('max', String(ROWS));
        const done = Number(await bar.getAttribute('value'));
        expect(done).toBeLessThan(ROWS);
        await progress.scrollIntoViewIfNeeded();
        await shot('import');
        await progress.getByRole('button', { name: l.cancelImport }).click();
        await expect(page.getByText(l.importCancelled)).toBeVisible();
        await expect(progress).toHaveCount(0);
        await shot('import-cancelled');

        // Exactly the register from before: none of the file's records, every other one as it was.
        expect(await registerRows(page, h.url)).toEqual(before);
        await expect(page.getByRole('link', { name: /^IMP-/ })).toHaveCount(0);
      } finally {
        await h.stop();
      }
    });

    test(`a backup shows the pages copied, and Cancel leaves no file (${lang})`, async ({ page }) => {
      const h = await startHarness({ demo: true, args: ['--test-job-pace', '1:250'] });
      const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${lang}-progress-${name}.png`) });
      try {
        await page.goto(`${h.url}#/settings`);
        await expect(page.getByRole('button', { name: l.backupNow })).toBeVisible();
        // The backups listed (the one taken at start-up, if any) before and after: the same.
        const rows = () => page.getByRole('row').allInnerTexts();
        const before = await rows();
        await page.getByRole('button', { name: l.backupNow }).click();
        const progress = page.getByTestId('backup-progress');
        await expect(progress.getByRole('status')).toHaveText(l.copying);
        await progress.scrollIntoViewIfNeeded();
        await shot('backup');
        await expect(progress.locator('progress')).toHaveAttribute('max', /\d+/);
        await progress.getByRole('button', { name: l.cancelBackup }).click();
        await expect(page.getByText(l.backupCancelled)).toBeVisible();
        await page.reload();
        await expect(page.getByRole('button', { name: l.backupNow })).toBeVisible();
        expect(await rows()).toEqual(before);

        // A restore: cancellable while it checks the backup and saves the current register, said on screen.
        if (before.length > 1) {
          const registerBefore = await registerRows(page, h.url);
          await page.goto(`${h.url}#/settings`);
          await page.getByRole('row').nth(1).getByRole('button', { name: l.restore, exact: true }).click();
          await page.getByRole('button', { name: l.restoreConfirm }).click();
          const restoring = page.getByTestId('restore-progress');
          await expect(restoring.getByRole('status')).toHaveText(l.saving);
          await restoring.scrollIntoViewIfNeeded();
          await shot('restore');
          await restoring.getByRole('button', { name: l.cancelRestore }).click();
          await expect(page.getByText(l.restoreCancelled)).toBeVisible();
          await page.reload();
          // The list is drawn once its answer comes: wait for its rows before reading them.
          await expect(page.getByRole('button', { name: l.backupNow })).toBeVisible();
          await expect(page.getByRole('row')).toHaveCount(before.length);
          expect(await rows()).toEqual(before);
          expect(await registerRows(page, h.url)).toEqual(registerBefore);
        }
      } finally {
        await h.stop();
      }
    });
  });
}
