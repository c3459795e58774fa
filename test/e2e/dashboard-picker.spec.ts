import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { SHOTS, expect, startHarness, test, type HarnessHandle } from './fixtures';

/** A register of 120 records (40 or so reviews overdue, 12 suppliers, 12 transfers, 3 breaches): more than the dashboard's top ten. */
const seeded = async () =>
  startHarness({
    before: (dbPath) => {
      const r = spawnSync(path.resolve(import.meta.dirname, '../../node_modules/.bin/tsx'), [path.join(import.meta.dirname, 'seed-scale.ts'), dbPath, '120'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
    },
  });

for (const lang of ['fr', 'en'] as const) {
  test.describe(`issue 15 (${lang})`, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });
    let h: HarnessHandle & { stop: () => Promise<void> };
    test.beforeAll(async () => {
      h = await seeded();
    });
    test.afterAll(async () => h.stop());

    test(`the dashboard shows the ten most urgent of each list and "show all" opens the filtered list (${lang})`, async ({ page }) => {
      await page.goto(`${h.url}#/dashboard`);
      const overdue = page.getByRole('region', { name: new RegExp(lang === 'fr' ? '^Revues en retard' : '^Reviews overdue') });
      await expect(overdue.getByTestId('overdue-list').getByRole('listitem')).toHaveCount(10);
      const title = await overdue.getByRole('heading').textContent();
      const total = Number(/\((\d+)\)/.exec(title ?? '')![1]);
      expect(total).toBeGreaterThan(10);
      await expect(overdue.getByTestId('more-overdue')).toContainText(lang === 'fr' ? `Les 10 plus urgents sur ${total}` : `The 10 most urgent of ${total}`);
      // The oldest review first: the scale register's record 0 has the oldest date (the order itself is tested in test/db/dashboard-summary.test.ts).
      await expect(overdue.getByTestId('overdue-list').getByRole('listitem').first()).toContainText('B-00000');
      await page.screenshot({ path: path.join(SHOTS, `${lang}-02b-dashboard-summarised.png`) });
      await overdue.screenshot({ path: path.join(SHOTS, `${lang}-02c-dashboard-overdue.png`) });

      await overdue.getByRole('link', { name: lang === 'fr' ? /Tout voir dans le registre des traitements/ : /Show all in the controller register/ }).click();
      await expect(page).toHaveURL(/#\/register\/controller\?quick=reviewOverdue$/);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(lang === 'fr' ? 'Registre des traitements' : 'Controller register');

      // The transfers to put right: the transfer list, filtered on its warnings.
      await page.goto(`${h.url}#/dashboard`);
      const transfers = page.getByTestId('more-transfers');
      if (await transfers.count()) {
        await transfers.getByRole('link').click();
        await expect(page).toHaveURL(/#\/transfers\?warnings=1$/);
        await expect(page.getByRole('checkbox', { name: lang === 'fr' ? /Seulement/ : /Only/ })).toBeChecked();
      }
    });

    test(`the activity picker of a new breach works with the keyboard (${lang})`, async ({ page }) => {
      await page.goto(`${h.url}#/breach/new`);
      const picker = page.getByTestId('picker-activityIds');
      const list = picker.getByRole('listbox');
      await expect(list).toHaveAttribute('aria-multiselectable', 'true');
      await expect(picker.getByTestId('picker-count')).toHaveText(lang === 'fr' ? '120 activité(s)' : '120 activity(ies)');
      // Only what shows is drawn, not 120 options.
      expect(await list.getByRole('option').count()).toBeLessThan(40);

      // Arrows then Space tick the third activity; it shows as a chip.
      await list.focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const third = list.getByRole('option').nth(2);
      const name = (await third.textContent())!.replace(/^[☐☑]/, '').trim();
      await page.keyboard.press('Space');
      await expect(list.getByRole('option', { name, exact: true })).toHaveAttribute('aria-selected', 'true');
      await expect(picker.getByTestId('picker-chips')).toContainText(name);
      await expect(list).toHaveAttribute('aria-activedescendant', /.+/);

      // Typing in the list searches; ArrowDown goes back to the matches; Space ticks the first.
      for (const ch of 'B-00042') await page.keyboard.press(ch);
      const search = picker.getByRole('searchbox');
      await expect(search).toBeFocused();
      await expect(search).toHaveValue('B-00042');
      await expect(picker.getByTestId('picker-count')).toHaveText(lang === 'fr' ? '1 activité(s)' : '1 activity(ies)');
      await page.keyboard.press('ArrowDown');
      await expect(list).toBeFocused();
      await page.keyboard.press('Space');
      const chips = picker.getByTestId('picker-chips').getByRole('listitem');
      await expect(chips).toHaveCount(2);
      await expect(chips.nth(1)).toContainText('B-00042');
      await picker.screenshot({ path: path.join(SHOTS, `${lang}-19b-activity-picker.png`) });

      // Space again unticks; a chip's button removes it.
      await page.keyboard.press('Space');
      await expect(chips).toHaveCount(1);
      await chips.first().getByRole('button', { name: new RegExp(lang === 'fr' ? '^Retirer' : '^Remove') }).click();
      await expect(chips).toHaveCount(0);
    });
  });
}
