import { expect, test, typed } from './fixtures';

test.use({ locale: 'en-GB' });

test('trash: a deleted record can be restored, and is erased only when the trash is emptied', async ({ page, demoHarness }) => {
  page.on('dialog', (d) => void d.accept());
  await page.goto(`${demoHarness.url}#/register/processor`);
  await page.getByRole('link', { name: 'RS-004' }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByText('Record moved to the trash.')).toBeVisible();
  await expect(page.getByTestId('row-count')).toHaveText('6 of 6 record(s)');
  await page.getByRole('link', { name: 'RS-005' }).click();
  await page.getByRole('button', { name: 'Move to trash' }).click();

  await page.getByRole('navigation').getByRole('link', { name: 'Trash' }).click();
  const rows = page.getByRole('row');
  await expect(rows.filter({ hasText: 'RS-004' })).toBeVisible();
  await rows.filter({ hasText: 'RS-004' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByText('Record restored.')).toBeVisible();
  await expect(rows.filter({ hasText: 'RS-004' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Empty the trash' }).click();
  await expect(page.getByText('1 record(s) deleted for good.')).toBeVisible();
  await expect(page.getByText('The trash is empty.')).toBeVisible();

  await page.getByRole('navigation').getByRole('link', { name: 'Processor register' }).click();
  await expect(page.getByTestId('row-count')).toHaveText('6 of 6 record(s)');
  await expect(page.getByRole('link', { name: 'RS-004' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'RS-005' })).toHaveCount(0);
});

test('reference lists: a new department is offered in the records', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/lists`);
  await page.getByRole('tab', { name: 'Departments' }).click();
  await page.getByRole('button', { name: '+ Add a value' }).click();
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('alert').first()).toHaveText('This field is required.');
  await page.getByLabel('French label').fill('Achats');
  await page.getByLabel('English label').fill('Purchasing');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('row').filter({ hasText: 'PURCHASING' })).toContainText('Achats');
  await page.goto(`${demoHarness.url}#/record/controller/new`);
  await expect(page.getByLabel('Owning department', { exact: true }).locator('option', { hasText: 'Purchasing' })).toHaveCount(1);
});

test('settings: the database path is shown and a backup is made and listed', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/settings`);
  await expect(page.getByTestId('db-path')).toHaveText(demoHarness.dbPath);
  // Issue 14: the harness made the scheduled backup at start-up, as the desktop app does.
  await expect(page.getByRole('row').filter({ hasText: /register-auto-\d{8}T\d{6}Z\.dpobackup/ })).toContainText('Scheduled');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/Backup created: register-.*\.dpobackup/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: /register-\d{8}T\d{6}Z\.dpobackup/ })).toHaveCount(1);
});

test('settings: an encrypted backup is restored with its passphrase; a wrong one is said next to the field', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/settings`);
  const passphrase = page.getByLabel('Passphrase (optional)');
  await passphrase.fill('short');
  await page.getByRole('button', { name: 'Back up and encrypt' }).click();
  await expect(page.getByText('The passphrase must be at least 8 characters long.')).toBeVisible();
  await passphrase.fill('correct horse battery');
  await page.getByRole('button', { name: 'Back up and encrypt' }).click();
  await expect(page.getByText(/Encrypted backup created: register-.*\.dpobackup/)).toBeVisible();
  const row = page.getByRole('row').filter({ hasText: 'Encrypted' });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: 'Restore' }).click();
  const panel = page.getByTestId('restore-panel');
  await panel.getByLabel('Passphrase of this backup').fill('wrong horse');
  await panel.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(panel.getByText('Wrong passphrase (or a tampered backup file): nothing was restored.')).toBeVisible();
  await panel.getByLabel('Passphrase of this backup').fill('correct horse battery');
  await panel.getByRole('button', { name: 'Restore this backup' }).click();
  await expect(page.getByText(/Register restored from register-.*\.dpobackup/)).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: /before-restore/ })).toHaveCount(1);
});

test('dashboard: counts, incomplete records and overdue reviews link to the records', async ({ page, demoHarness }) => {
  await page.goto(demoHarness.url);
  await expect(page.getByTestId('stat-controller')).toContainText('16');
  await expect(page.getByTestId('incomplete-list')).toContainText('RT-015');
  await page.getByTestId('overdue-list').getByRole('link', { name: /RT-003/ }).click();
  await expect(page.getByLabel('Reference', { exact: true })).toHaveValue('RT-003');
});

test('the page has no Node, no bridge in a browser, and the API refuses a call without the token', async ({ page, demoHarness }) => {
  await page.goto(demoHarness.url);
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const probe = await page.evaluate(async () => {
    const res = await fetch('./api/app:info', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return { require: typeof (window as unknown as { require?: unknown }).require, process: typeof (window as unknown as { process?: unknown }).process, status: res.status };
  });
  expect(probe).toEqual({ require: 'undefined', process: 'undefined', status: 403 });
  // The CSP forbids inline scripts: one injected now does not run.
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__injected = 1';
    document.body.appendChild(s);
    return (window as unknown as { __injected?: number }).__injected ?? null;
  });
  expect(ran).toBeNull();
});

test('unsaved edits are not lost by leaving the record by mistake', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/register/controller`);
  await page.getByRole('link', { name: 'RT-005' }).click();
  const name = page.getByLabel('Name of the processing', { exact: true });
  await name.fill('Edited but not saved');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Archive' })).toBeDisabled();

  const dialogs: string[] = [];
  page.once('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click();
  await expect.poll(() => dialogs).toEqual(['Some changes are not saved. Leave the record without saving them?']);
  await expect(name).toHaveValue('Edited but not saved');
  await expect(page).toHaveURL(/#\/record\/controller\//);

  await page.getByRole('button', { name: 'Discard changes' }).click();
  await expect(name).toHaveValue(/^Enquêtes de satisfaction/);
  await page.getByRole('navigation').getByRole('link', { name: 'Dashboard' }).click(); // no question now
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
});

test('export: the yearly register is downloaded as Word, recorded with its checksum', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/exports`);
  await expect(page.getByText('No export yet.')).toBeVisible();
  await page.getByLabel('Français').check();
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Generate the Word document' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^registre-traitements-\d{4}-\d{2}-\d{2}-v1\.docx$/);
  const file = await download.path();
  const { readFileSync } = await import('node:fs');
  const { docxParagraphs } = await import('../docx-text');
  const paragraphs = await docxParagraphs(readFileSync(file));
  expect(paragraphs.some((p) => p.style === 'Heading2' && p.text === 'RT-013 – Gestion du personnel et paie')).toBe(true);
  const table = page.getByRole('table', { name: 'Previous exports' });
  await expect(table.getByRole('row')).toHaveCount(2);
  const { createHash } = await import('node:crypto');
  const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
  await expect(table.locator('code[title]')).toHaveAttribute('title', sha);
});

test('export: the drafts left out are listed, a date before the first record is explained instead of a document', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/exports`);
  const drafts = page.getByTestId('export-drafts-left-out');
  await expect(drafts).toContainText('RT-015');
  await expect(drafts).toContainText('RS-007');
  await page.getByLabel('Include drafts').check();
  await expect(drafts).toHaveCount(0);
  await page.getByLabel('As of', { exact: true }).fill(typed('2020-01-01'));
  await expect(page.getByTestId('export-before-first')).toContainText('the register had no record yet');
  await expect(page.getByRole('button', { name: 'Generate the Word document' })).toBeDisabled();
});

test('a new record gets the next free reference of its register, editable', async ({ page, demoHarness }) => {
  await page.goto(`${demoHarness.url}#/record/controller/new`);
  await expect(page.getByLabel('Reference', { exact: true })).toHaveValue('RT-017');
  await page.goto(`${demoHarness.url}#/record/processor/new`);
  await expect(page.getByLabel('Reference', { exact: true })).toHaveValue(/^RS-0\d\d$/);
});
