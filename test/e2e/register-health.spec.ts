import { spawnSync } from 'node:child_process';
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { SHOTS, expect, startHarness, test } from './fixtures';

/**
 * Issue 14B, as a user meets it: a damaged register opens on the error screen with its good
 * backups, and "restore this one" brings the register back; a read-only register shows the
 * banner and every save button says why it is disabled.
 */
const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

/** A good backup (the CLI's), then the middle half of the register's pages overwritten with garbage. */
function backUpThenDamage(dbPath: string, dir: string): void {
  const backup = path.join(dir, 'backups', 'register-20261120T080000Z.sqlite');
  const r = spawnSync(tsx, ['electron/cli/index.ts', 'backup', '--db', dbPath, '--out', backup], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`backup failed: ${r.stderr}`);
  const page = 4096;
  const pages = statSync(dbPath).size / page;
  const count = Math.max(1, Math.floor(pages / 2));
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(count * page, 0x5a), 0, count * page, Math.floor(pages / 4) * page);
  closeSync(fd);
}

const TEXT = {
  fr: {
    damaged: 'Le fichier du registre est endommagé',
    restore: 'Restaurer celle-ci',
    dashboard: 'Tableau de bord',
    banner: /Lecture seule\u00a0: le fichier du registre ne peut pas être modifié/,
    why: 'Désactivé\u00a0: le fichier du registre est en lecture seule',
    save: 'Enregistrer',
    backupNow: 'Sauvegarder maintenant',
    checkNow: 'Lancer le contrôle complet',
    checked: /Contrôle complet réussi/,
  },
  en: {
    damaged: 'The register file is damaged',
    restore: 'Restore this one',
    dashboard: 'Dashboard',
    banner: /Read-only: the register file cannot be written/,
    why: 'Disabled: the register file is read-only',
    save: 'Save',
    backupNow: 'Back up now',
    checkNow: 'Run the full check',
    checked: /Full check passed/,
  },
} as const;

for (const lang of ['fr', 'en'] as const) {
  test.describe(`register health (${lang})`, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
    const tx = TEXT[lang];
    // Each test builds a demo register with the CLI first: slow on a loaded machine.
    test.setTimeout(150_000);

    test(`a damaged register opens on the error screen, and restoring a good backup brings it back (${lang})`, async ({ page }) => {
      const h = await startHarness({ demo: true, before: backUpThenDamage });
      try {
        await page.goto(h.url);
        const screen = page.getByTestId('problem-screen');
        await expect(screen.getByRole('heading', { level: 1 })).toHaveText(tx.damaged);
        await expect(screen).toContainText(h.dbPath);
        const rows = page.getByTestId('recovery-backups').locator('tbody tr');
        await expect(rows).toHaveCount(1);
        await expect(rows.first()).toContainText('register-20261120T080000Z.sqlite');
        await expect(rows.first().locator('td').first()).toHaveText(/\d{4}/); // its date
        await page.screenshot({ path: path.join(SHOTS, `${lang}-40-damaged-register.png`), fullPage: true });

        page.once('dialog', (d) => void d.accept());
        await rows.first().getByRole('button', { name: tx.restore }).click();
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(tx.dashboard);
        await page.goto(`${h.url}#/register/controller`);
        await expect(page.getByRole('link', { name: 'RT-013' })).toBeVisible();
        await expect(page.getByTestId('read-only-banner')).toHaveCount(0);
      } finally {
        await h.stop();
      }
    });

    test(`a read-only register shows the banner, and every save button says why it is disabled (${lang})`, async ({ page }) => {
      const h = await startHarness({ demo: true, args: ['--read-only'] });
      try {
        await page.goto(`${h.url}#/register/controller`);
        await expect(page.getByTestId('read-only-banner')).toContainText(tx.banner);
        await page.getByRole('link', { name: 'RT-013' }).click();
        const save = page.getByRole('button', { name: tx.save, exact: true });
        await expect(save).toBeDisabled();
        await expect(save).toHaveAttribute('title', tx.why);
        await page.screenshot({ path: path.join(SHOTS, `${lang}-41-read-only-record.png`) });

        await page.goto(`${h.url}#/organisation`);
        await expect(page.getByRole('button', { name: tx.save, exact: true })).toHaveAttribute('title', tx.why);
        await page.goto(`${h.url}#/settings`);
        await expect(page.getByRole('button', { name: tx.backupNow })).toBeDisabled();
        await page.getByRole('button', { name: tx.checkNow }).click();
        await expect(page.getByTestId('integrity-result')).toContainText(tx.checked);
        await page.screenshot({ path: path.join(SHOTS, `${lang}-42-read-only-settings.png`), fullPage: true });
      } finally {
        await h.stop();
      }
    });
  });
}

/** Issue 14A + 14B: an encrypted complete backup (the CLI's, passphrase from the environment), then the register damaged. */
function encryptedBackUpThenDamage(dbPath: string, dir: string): void {
  const backup = path.join(dir, 'backups', 'register-20261120T080000Z.dpobackup');
  const r = spawnSync(tsx, ['electron/cli/index.ts', 'backup', '--db', dbPath, '--out', backup, '--encrypt'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, DPO_BACKUP_PASSPHRASE: 'correct horse battery' },
  });
  if (r.status !== 0) throw new Error(`backup failed: ${r.stderr}`);
  const page = 4096;
  const pages = statSync(dbPath).size / page;
  const count = Math.max(1, Math.floor(pages / 2));
  const fd = openSync(dbPath, 'r+');
  writeSync(fd, Buffer.alloc(count * page, 0x5a), 0, count * page, Math.floor(pages / 4) * page);
  closeSync(fd);
}

test.describe('register health, encrypted backup (en)', () => {
  test.use({ locale: 'en-GB' });
  test.setTimeout(150_000);

  test('the error screen lists an encrypted complete backup and asks for its passphrase before restoring it', async ({ page }) => {
    const h = await startHarness({ demo: true, before: encryptedBackUpThenDamage });
    try {
      await page.goto(h.url);
      const rows = page.getByTestId('recovery-backups').locator('tbody tr');
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText('register-20261120T080000Z.dpobackup');
      await expect(rows.first()).toContainText('Encrypted');
      await rows.first().getByRole('button', { name: 'Restore this one' }).click();
      const form = page.getByTestId('recovery-passphrase');
      await form.getByLabel('Passphrase of this backup').fill('wrong horse battery');
      await form.getByRole('button', { name: 'Restore this backup' }).click();
      await expect(form).toContainText('Wrong passphrase (or a tampered backup file): nothing was restored.');
      await page.screenshot({ path: path.join(SHOTS, 'en-43-damaged-encrypted-backup.png'), fullPage: true });
      await form.getByLabel('Passphrase of this backup').fill('correct horse battery');
      await form.getByRole('button', { name: 'Restore this backup' }).click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Dashboard');
      await expect(page.getByTestId('read-only-banner')).toHaveCount(0);
    } finally {
      await h.stop();
    }
  });
});
