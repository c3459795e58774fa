import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { expect, SHOTS, startHarness, test, type HarnessHandle } from './fixtures';

/**
 * Issue 15: a register of 2,000 records is shown a window at a time. Scrolled to its end, sorted,
 * searched (fast keystrokes, a late answer dropped), filtered from a dashboard link.
 */
const root = path.resolve(import.meta.dirname, '../..');
let h: HarnessHandle & { stop: () => Promise<void> };

test.describe.configure({ timeout: 240_000 });
test.use({ locale: 'en-GB' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  h = await startHarness({
    before: (dbPath) => {
      const r = spawnSync(path.join(root, 'node_modules/.bin/tsx'), ['test/e2e/register-scale-setup.ts', dbPath], { cwd: root, encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`setup failed: ${r.stderr}`);
    },
  });
});
test.afterAll(async () => h?.stop());

const rowLinks = (page: import('@playwright/test').Page) => page.locator('.grid-body [role=row]:not([aria-busy]) a');

test('2,000 records: scrolled to the end, sorted, searched as fast as one types, and filtered from a dashboard link', async ({ page }) => {
  // The page's calls go over the harness's socket: passed through, and the answer to the query
  // "mk1" held back 1.5 s when asked below (set before the page opens its socket).
  let holdMk1 = false;
  let delayed = 0;
  await page.routeWebSocket(/\/api\/socket$/, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => {
      const call = JSON.parse(String(message)) as { channel: string; args: { search?: string } };
      if (holdMk1 && call.channel === 'register:window' && call.args.search === 'mk1') {
        delayed++;
        setTimeout(() => server.send(message), 1500);
      } else server.send(message);
    });
  });
  await page.goto(`${h.url}#/register/controller`);
  await expect(page.getByTestId('row-count')).toHaveText('2000 of 2000 record(s)');
  await expect(rowLinks(page).first()).toHaveText('S-0001');
  // Only a window of rows is in the page, never the 2,000.
  expect(await page.locator('.grid-body [role=row]').count()).toBeLessThan(120);
  await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', '2001');

  // To the end: the last rows are asked for and painted, the placeholders go.
  await page.locator('.grid-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.getByRole('link', { name: 'S-2000', exact: true })).toBeVisible();
  await expect(page.locator('.grid-body [aria-busy=true]')).toHaveCount(0);
  // Half-way, by a jump: the rows there are asked for too.
  await page.locator('.grid-body').evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
  await expect(page.getByRole('link', { name: 'S-1000', exact: true })).toBeVisible();

  // Sorted by name in the core, accents and case ignored: "abonnés" first, "Zèbre" last; then the other way.
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(page.locator('.grid-body [role=row]').first().locator('.cell-name')).toHaveText(/^abonnés \d+$/);
  const firstNames = await page.locator('.grid-body [role=row] .cell-name').allTextContents();
  expect(firstNames.slice(0, 10).every((n) => n.startsWith('abonnés'))).toBe(true);
  await page.getByRole('columnheader', { name: 'Name' }).getByRole('button').click();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.locator('.grid-body [role=row]').first().locator('.cell-name')).toHaveText(/^Zèbre \d+$/);
  await page.locator('.grid-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(page.locator('.grid-body [role=row]').last().locator('.cell-name')).toHaveText(/^abonnés \d+$/);
  // "élection" and "École" among the e's, not after the z's.
  await page.getByRole('columnheader', { name: 'Reference' }).getByRole('button').click();

  // Search: a late answer to an earlier keystroke is dropped; the table shows the last query's answer.
  const painted: string[] = [];
  await page.exposeFunction('__painted', (s: string) => painted.push(s));
  await page.locator('.grid').evaluate((grid) =>
    new MutationObserver(() => (window as unknown as { __painted: (s: string) => void }).__painted((grid as HTMLElement).dataset.search ?? '')).observe(grid, {
      attributes: true,
      attributeFilter: ['data-search'],
    }),
  );
  holdMk1 = true;
  const box = page.getByRole('searchbox');
  await box.pressSequentially('mk1');
  await box.pressSequentially('999x', { delay: 20 });
  await expect(page.locator('.grid')).toHaveAttribute('data-search', 'mk1999x');
  await expect(page.getByTestId('row-count')).toHaveText('1 of 2000 record(s)');
  await expect(rowLinks(page)).toHaveText(['S-1999']);
  expect(delayed).toBe(1);
  expect(painted).not.toContain('mk1');
  expect(painted[painted.length - 1]).toBe('mk1999x');
  holdMk1 = false;

  // Words of one or two characters (no trigram): the records holding them, as before.
  await box.fill('mk7');
  await expect(page.getByTestId('row-count')).toHaveText('111 of 2000 record(s)'); // mk7, mk70-79, mk700-799
  await box.fill('zè 20');
  await expect(page.locator('.grid')).toHaveAttribute('data-search', 'zè 20');
  const zebras = await rowLinks(page).allTextContents();
  expect(zebras.length).toBeGreaterThan(0);
  await box.fill('');
  await expect(page.getByTestId('row-count')).toHaveText('2000 of 2000 record(s)');

  // The keyboard: a row's reference is a link; Enter opens the record.
  await rowLinks(page).first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/record\/controller\/[0-9a-f-]{36}$/);

  // A dashboard link's filter, shown as a chip that can be removed.
  await page.goto(`${h.url}#/register/controller?quick=reviewOverdue`);
  await expect(page.getByTestId('quick-filter')).toContainText('Review overdue');
  await expect(page.getByTestId('row-count')).toHaveText('400 of 2000 record(s)');
  await page.screenshot({ path: path.join(SHOTS, 'en-15-register-quick-filter.png') });
  await page.getByRole('link', { name: 'Remove the filter “Review overdue”' }).click();
  await expect(page.getByTestId('quick-filter')).toHaveCount(0);
  await expect(page.getByTestId('row-count')).toHaveText('2000 of 2000 record(s)');
});

test.describe('in French', () => {
  test.use({ locale: 'fr-FR' });
  test('the dashboard filter chip in French', async ({ page }) => {
    await page.goto(`${h.url}#/register/controller?quick=incomplete`);
    const chip = page.getByTestId('quick-filter');
    await expect(chip).toContainText('Incomplètes (hors archivées)');
    // Every record of the setup is complete: none listed, the register's size still said.
    await expect(page.getByTestId('row-count')).toHaveText('0 fiche(s) sur 2000');
    await expect(page.getByText('Aucune fiche ne correspond.')).toBeVisible();
    await page.goto(`${h.url}#/register/controller?quick=reviewOverdue`);
    await expect(page.getByTestId('row-count')).toHaveText('400 fiche(s) sur 2000');
    await page.screenshot({ path: path.join(SHOTS, 'fr-15-register-quick-filter.png') });
    await page.getByRole('link', { name: 'Retirer le filtre « Revue en retard »' }).click();
    await expect(page).toHaveURL(/#\/register\/controller$/);
    await expect(page.getByTestId('row-count')).toHaveText('2000 fiche(s) sur 2000');
  });
});
