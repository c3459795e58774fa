import { readFileSync } from 'node:fs';
import path from 'node:path';
import ICAL from 'ical.js';
import { expect, test } from './fixtures';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screens');

test.describe('This week, the start-up reminder and the calendar (issue 16), in French', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 1000 } });

  test('the reminder at start, the panel counted by kind, an item opened, the .ics read back by a calendar parser', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/register/controller`);
    // At start-up, over any screen: what is late, due today, and the running breach clocks.
    const reminder = page.getByTestId('startup-reminder');
    await expect(reminder).toContainText(/Rappel\u00a0: \d+ échéance\(s\) en retard et \d+ aujourd’hui\./);
    await expect(reminder).toContainText(/\d+ délai\(s\) de violation en cours\./);
    await reminder.getByRole('link', { name: 'Voir «\u00a0Cette semaine\u00a0»' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tableau de bord');

    const panel = page.getByRole('region', { name: /^Cette semaine \(\d+\)$/ });
    await expect(panel).toBeVisible();
    const total = Number(/\((\d+)\)/.exec((await panel.getByRole('heading', { level: 2 }).textContent())!)![1]);
    expect(total).toBeGreaterThan(0);
    // The counts by kind add up to the total.
    const chips = await panel.getByRole('list', { name: 'Par type' }).getByRole('link').allTextContents();
    expect(chips.map((c) => Number(/\u00a0: (\d+)/.exec(c)![1])).reduce((a, b) => a + b, 0)).toBe(total);
    const items = panel.getByTestId('week-items').getByRole('listitem');
    await expect(items).toHaveCount(Math.min(10, total));
    await panel.screenshot({ path: path.join(SHOTS, 'fr-02b-this-week.png') });

    // The calendar: one event per obligation, stable UIDs, parsed by ical.js.
    const downloading = page.waitForEvent('download');
    await panel.getByRole('button', { name: 'Exporter le calendrier (.ics)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^echeances-dpo-\d{4}-\d{2}-\d{2}\.ics$/);
    const cal = new ICAL.Component(ICAL.parse(readFileSync(await download.path(), 'utf8')));
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.length).toBeGreaterThanOrEqual(total); // the week, plus what falls later
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    const first = (await items.first().getByRole('link').textContent())!;
    expect(events.map((e) => e.summary)).toContain(first);
    await expect(page.getByText(/^Calendrier enregistré : echeances-dpo-/)).toBeVisible();

    // The most urgent item opens where it is dealt with.
    await items.first().getByRole('link').click();
    await expect(page).toHaveURL(/#\/(breach|record\/\w+|supplier|transfer)\/[0-9a-f-]{36}$/);

    // Dismissed, the reminder stays hidden for the session.
    await page.getByTestId('startup-reminder').getByRole('button', { name: 'Masquer le rappel' }).click();
    await expect(page.getByTestId('startup-reminder')).toHaveCount(0);
  });
});

test.describe('This week, in English', () => {
  test.use({ locale: 'en-GB', viewport: { width: 1440, height: 1000 } });

  test('the panel and the reminder in English, no French spacing', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/dashboard`);
    const panel = page.getByRole('region', { name: /^This week \(\d+\)$/ });
    await expect(panel.getByTestId('week-summary')).toHaveText(/^\d+ late · \d+ today · \d+ until \d{1,2} \w{3} \d{4}$/);
    const chips = await panel.getByRole('list', { name: 'By type' }).getByRole('link').allTextContents();
    for (const c of chips) expect(c).toMatch(/^[A-Z][^:]*: \d+/);
    await expect(page.getByTestId('startup-reminder')).toContainText(/^Reminder: \d+ item\(s\) late and \d+ due today\./);
    await panel.screenshot({ path: path.join(SHOTS, 'en-02b-this-week.png') });
    await page.screenshot({ path: path.join(SHOTS, 'en-02c-dashboard-with-week.png') });
  });
});

test.describe('This week: a chip opens a list of exactly its number of rows (issue 16)', () => {
  test.use({ locale: 'en-GB', viewport: { width: 1440, height: 1000 } });

  test('the review chip opens the register filtered by "review due by", as many rows as the chip; another chip its own list', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/dashboard`);
    const panel = page.getByRole('region', { name: /^This week \(\d+\)$/ });
    const chips = panel.getByRole('list', { name: 'By type' });
    const review = chips.getByRole('link', { name: /^Processing review/ }).first();
    const count = Number(/: (\d+)/.exec((await review.textContent())!)![1]);
    expect(count).toBeGreaterThan(0);
    await review.click();
    await expect(page).toHaveURL(/#\/register\/(controller|processor)\?quick=reviewDue&by=\d{4}-\d{2}-\d{2}$/);
    await expect(page.getByTestId('quick-filter')).toContainText(/^Review due by \d{1,2} \w{3} \d{4} \(late included\)/);
    const table = page.getByRole('table');
    await expect(table).toHaveAttribute('aria-rowcount', String(count + 1));
    await expect(table.getByRole('rowgroup').last().getByRole('row')).toHaveCount(count);

    // A kind whose items are not one list's rows (a breach runs several clocks): its own list of the week.
    await page.goto(`${demoHarness.url}#/dashboard`);
    const clock = chips.getByRole('link', { name: /^Breach deadline/ });
    const clocks = Number(/: (\d+)/.exec((await clock.textContent())!)![1]);
    await clock.click();
    await expect(page).toHaveURL(/#\/week\/breachClock$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('This week: Breach deadline');
    await expect(page.getByTestId('week-list').getByRole('listitem')).toHaveCount(clocks);
    await page.screenshot({ path: path.join(SHOTS, 'en-02d-week-list.png') });
  });
});

test.describe('This week: the chips’ lists in French', () => {
  test.use({ locale: 'fr-FR', viewport: { width: 1440, height: 1000 } });

  test('the review chip’s register and a chip’s own list, in French', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/dashboard`);
    const chips = page.getByRole('list', { name: 'Par type' });
    const review = chips.getByRole('link', { name: /^Revue d’un traitement/ }).first();
    const count = Number(/\u00a0: (\d+)/.exec((await review.textContent())!)![1]);
    await review.click();
    await expect(page.getByTestId('quick-filter')).toContainText(/^Revue à faire d’ici au \d{1,2} \S+ \d{4} \(retards compris\)/);
    await expect(page.getByRole('table')).toHaveAttribute('aria-rowcount', String(count + 1));
    await page.screenshot({ path: path.join(SHOTS, 'fr-02e-register-review-due.png') });
    await page.goto(`${demoHarness.url}#/dashboard`);
    await chips.getByRole('link', { name: /^Échéance d’une violation/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cette semaine\u00a0: Échéance d’une violation');
    await page.screenshot({ path: path.join(SHOTS, 'fr-02d-week-list.png') });
  });
});
