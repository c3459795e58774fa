import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { SHOTS, api, expect, startHarness, test } from './fixtures';

/**
 * Issue 16, "Tables": resizable columns remembered per table, the full text of a cut cell on
 * hover, no column cut off at 1,440 px wide (the config's viewport is 1440×900).
 */

const width = async (l: Locator) => (await l.boundingBox())!.width;

/** Drags a column's handle by dx pixels, as a mouse does (press, several moves, release). */
async function drag(page: Page, handle: Locator, dx: number) {
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(x + (dx * i) / 5, y);
  await page.mouse.up();
}

/** The list pages, their heading, and where their header cells and scrolling area are. */
const LISTS = [
  { hash: '#/register/controller', header: '.grid [role="columnheader"], .grid-row-body .grid-cell', label: '.grid [role="columnheader"] button.sort', area: '.grid-body' },
  { hash: '#/register/processor', header: '.grid [role="columnheader"], .grid-row-body .grid-cell', label: '.grid [role="columnheader"] button.sort', area: '.grid-body' },
  { hash: '#/suppliers', header: '[data-testid="supplier-table"] th', label: '[data-testid="supplier-table"] th', area: '.table-scroll' },
  { hash: '#/transfers', header: '[data-testid="transfer-table"] th', label: '[data-testid="transfer-table"] th', area: '.table-scroll' },
  { hash: '#/breaches', header: '[data-testid="breach-table"] th', label: '[data-testid="breach-table"] th', area: '.table-scroll' },
  { hash: '#/trash', header: '[data-testid="trash-table"] th', label: '[data-testid="trash-table"] th', area: '.table-scroll' },
] as const;

for (const lang of ['fr', 'en'] as const) {
  test.describe(`tables at 1440 px (${lang})`, () => {
    test.use({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB' });

    test(`every list shows all its columns, headers whole, at 1440×900 (${lang})`, async ({ page }) => {
      test.setTimeout(120_000);
      const h = await startHarness({ demo: true });
      try {
        await page.goto(h.url);
        await expect(page.locator('.sidebar')).toBeVisible();
        // Something in the trash, so that its table is shown.
        const [first] = await api<Array<{ id: string }>>(page, 'register:list', { kind: 'controller', scope: 'live' });
        await api(page, 'register:delete', { id: first!.id });
        expect(page.viewportSize()).toEqual({ width: 1440, height: 900 });
        for (const list of LISTS) {
          await page.goto(h.url + list.hash);
          const headers = page.locator(list.header);
          await expect(headers.first()).toBeVisible();
          const found = await page.evaluate(
            ({ header, label, area }) => {
              const box = document.querySelector(area)!;
              const visible = box.getBoundingClientRect();
              const problems: string[] = [];
              for (const el of [box, box.closest('.grid')].filter((e): e is Element => e !== null)) {
                if (el.scrollWidth > el.clientWidth) problems.push(`${el.className} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}`);
              }
              for (const el of document.querySelectorAll<HTMLElement>(header)) {
                const r = el.getBoundingClientRect();
                if (r.right > Math.min(visible.left + box.clientWidth, window.innerWidth) + 0.5) problems.push(`"${el.textContent}" ends at ${r.right}, past ${visible.right}`);
              }
              for (const el of document.querySelectorAll<HTMLElement>(label)) {
                if (el.scrollWidth > el.clientWidth) problems.push(`"${el.textContent}" is cut: ${el.scrollWidth} > ${el.clientWidth}`);
              }
              return { problems, count: document.querySelectorAll(header).length };
            },
            { header: list.header, label: list.label, area: list.area },
          );
          expect(found.count, list.hash).toBeGreaterThan(4);
          expect(found.problems, `${list.hash} (${lang})`).toEqual([]);
          if (['#/register/controller', '#/register/processor', '#/suppliers', '#/breaches', '#/transfers'].includes(list.hash)) {
            await page.screenshot({ path: path.join(SHOTS, `${lang}-tables-${list.hash.replace(/\W+/g, '-').replace(/^-|-$/g, '')}-1440.png`) });
          }
        }
      } finally {
        await h.stop();
      }
    });
  });
}

test.describe('resizable columns', () => {
  test.use({ locale: 'fr-FR' });

  test('a dragged register column keeps its width after a reload; double-click and "default widths" restore it', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/register/controller`);
    const nameHeader = page.getByRole('columnheader', { name: 'Nom du traitement' });
    await expect(nameHeader).toBeVisible();
    const before = await width(nameHeader);
    const handle = page.getByRole('separator', { name: 'Largeur de la colonne «\u00a0Nom du traitement\u00a0»' });
    await expect(handle).toHaveAttribute('aria-valuenow', String(Math.round(before)));
    await drag(page, handle, 90);
    await expect.poll(() => width(nameHeader)).toBeGreaterThan(before + 80);
    const dragged = await width(nameHeader);
    // The rows follow the header: the first body cell of the column is as wide.
    expect(await width(page.locator('.grid-row-body .cell-name').first())).toBeCloseTo(dragged, 0);
    // Saved in the register's settings (a moment after the drag), then kept across a reload.
    await expect.poll(async () => (await api<Record<string, Record<string, number>>>(page, 'ui:columnWidths', {}))['register.controller']?.name).toBe(Math.round(dragged));
    await page.reload();
    await expect(nameHeader).toBeVisible();
    expect(await width(nameHeader)).toBeCloseTo(dragged, 0);
    // The processor register has its own widths: untouched.
    expect((await api<Record<string, unknown>>(page, 'ui:columnWidths', {}))['register.processor']).toBeUndefined();

    // The keyboard: arrows on the focused handle, by 10 px.
    await handle.focus();
    await page.keyboard.press('ArrowLeft');
    await expect(handle).toHaveAttribute('aria-valuenow', String(Math.round(dragged) - 10));
    // A double click gives the column its default width back.
    await handle.dblclick();
    await expect.poll(() => width(nameHeader)).toBeCloseTo(before, 0);

    // "Largeurs d’origine" puts every column back.
    const status = page.getByRole('columnheader', { name: 'Statut' });
    const statusBefore = await width(status);
    await expect(page.getByRole('button', { name: 'Largeurs d’origine' })).toHaveCount(0);
    await drag(page, page.getByRole('separator', { name: 'Largeur de la colonne «\u00a0Statut\u00a0»' }), 40);
    await expect.poll(() => width(status)).toBeGreaterThan(statusBefore + 30);
    await page.getByRole('button', { name: 'Largeurs d’origine' }).click();
    await expect.poll(() => width(status)).toBeCloseTo(statusBefore, 0);
    await expect(page.getByRole('button', { name: 'Largeurs d’origine' })).toHaveCount(0);
    await expect.poll(async () => (await api<Record<string, unknown>>(page, 'ui:columnWidths', {}))['register.controller']).toBeUndefined();
  });

  test('a plain list (suppliers) keeps a dragged width after a reload', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/suppliers`);
    const table = page.getByTestId('supplier-table');
    const first = table.locator('th').first();
    await expect(first).toBeVisible();
    const before = await width(first);
    await drag(page, table.getByRole('separator').first(), -60);
    await expect.poll(() => width(first)).toBeLessThan(before - 50);
    const dragged = await width(first);
    await expect.poll(async () => (await api<Record<string, Record<string, number>>>(page, 'ui:columnWidths', {})).suppliers?.name).toBe(Math.round(dragged));
    await page.reload();
    await expect(first).toBeVisible();
    expect(await width(first)).toBeCloseTo(dragged, 0);
  });
});

test.describe('cut cells', () => {
  test.use({ locale: 'en-GB' });

  test('a cut register cell shows its full text on hover (title) and on keyboard focus of its row', async ({ page, demoHarness }) => {
    await page.goto(`${demoHarness.url}#/register/controller`);
    await expect(page.getByRole('columnheader', { name: 'Purpose' })).toBeVisible();
    // Narrow the name column with the keyboard until names are cut.
    const handle = page.getByRole('separator', { name: 'Width of the “Name of the processing” column' });
    await handle.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    const cell = page.locator('.grid-row-body .cell-name').filter({ hasText: /.{25,}/ }).first();
    const cut = cell.locator('span');
    const text = (await cut.textContent())!;
    expect(text.length).toBeGreaterThan(25);
    expect(await cell.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await cut.hover();
    await expect(cut).toHaveAttribute('title', text);
    // Tabbing to the row's reference link shows the row's texts whole (wrapped, over the rows below).
    await cell.locator('xpath=..').locator('.cell-ref a').focus();
    await expect.poll(() => cell.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect((await cell.boundingBox())!.height).toBeGreaterThan(40);
    await page.screenshot({ path: path.join(SHOTS, 'en-tables-focused-row.png') });
  });
});
