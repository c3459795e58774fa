/**
 * Issue 15's dashboard, picker and other lists, on a scale register (test/bench/scale-register.ts):
 * the core's dashboard call, then Chromium through the web harness, with and without the
 * browser's accessibility tree (`--force-renderer-accessibility`, what a screen reader turns on):
 * the dashboard painted, the new-breach form open, a tick in its activity picker (keydown to the
 * option's new state painted, every tick counted), and the supplier, transfer and breach lists'
 * first paint. Every page time is measured after the app is loaded (a hash change from another
 * screen), median of three. Figures are noisy on a shared machine: the load average is printed.
 *
 *   tsx test/bench/dashboard-bench.ts 5000 20000   (builds /tmp/dpo-scale-<n>.sqlite once)
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeCore, openCore } from '../../electron/core/core';
import { dashboard } from '../../electron/core/services/dashboard.service';
import { listBreaches } from '../../electron/core/services/breach.service';
import { listSuppliers } from '../../electron/core/services/supplier.service';
import { listTransfers } from '../../electron/core/services/transfer.service';
import { startHarness } from '../../electron/web/server';
import { cachedScaleFile } from './scale-register';

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (n: number) => Math.round(n * 10) / 10;
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function timeCore<T>(fn: () => T, runs = 3): { first: number; median: number } {
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    fn();
    xs.push(performance.now() - t);
  }
  return { first: round(xs[0]!), median: round(median(xs)) };
}

/** From another screen to `hash` painted: `ready` present, then two animation frames. */
async function hashToPaint(page: Page, hash: string, ready: string): Promise<number> {
  await page.evaluate(() => (location.hash = '#/organisation'));
  await page.locator('h1').first().waitFor();
  // Written as a string: tsx names inner functions with a helper the page does not have.
  return page.evaluate(`(async () => {
    const t0 = performance.now();
    location.hash = ${JSON.stringify(hash)};
    await new Promise((resolve) => {
      (function check() { if (document.querySelector(${JSON.stringify(ready)})) resolve(); else requestAnimationFrame(check); })();
    });
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    return performance.now() - t0;
  })()`) as Promise<number>;
}

async function threeTimes(page: Page, hash: string, ready: string): Promise<number> {
  const xs: number[] = [];
  for (let i = 0; i < 3; i++) xs.push(await hashToPaint(page, hash, ready));
  return round(median(xs));
}

/** Ticks in the new-breach form's picker: ArrowDown then Space, keydown of Space to the option's aria-selected painted. */
async function ticks(page: Page, count: number): Promise<{ median: number; max: number; samples: number }> {
  await hashToPaint(page, '#/breach/new', '[data-testid=picker-activityIds] [role=option] .picker-text');
  const list = page.locator('[data-testid=picker-activityIds] [role=listbox]');
  await list.focus();
  await page.evaluate(() => {
    const w = window as unknown as { __t0: number; __lat: number[] };
    w.__lat = [];
    const box = document.querySelector('[data-testid=picker-activityIds] [role=listbox]')!;
    box.addEventListener('keydown', (e) => ((e as KeyboardEvent).key === ' ' ? (w.__t0 = e.timeStamp) : undefined), { capture: true });
    new MutationObserver(() => requestAnimationFrame(() => requestAnimationFrame(() => w.__lat.push(performance.now() - w.__t0)))).observe(box, {
      attributes: true,
      attributeFilter: ['aria-selected'],
      subtree: true,
    });
  });
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('ArrowDown');
    const before = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.length);
    await page.keyboard.press('Space');
    await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length > n, before, { timeout: 30_000 });
  }
  const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.splice(0));
  return { median: round(median(lat)), max: round(Math.max(...lat)), samples: lat.length };
}

async function browserFigures(browser: Browser, url: string, rows: Record<string, number>): Promise<Record<string, unknown>> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
  // Leaving the breach form with activities ticked asks for confirmation: the bench says yes.
  page.on('dialog', (d) => void d.accept());
  try {
    const t0 = Date.now();
    await page.goto(`${url}#/organisation`);
    await page.locator('h1').first().waitFor();
    const appLoadMs = Date.now() - t0;
    return {
      appLoadMs,
      dashboardPaintMs: await threeTimes(page, '#/dashboard', '[data-testid=overdue-list] li'),
      dashboardNodes: await page.evaluate(() => document.querySelectorAll('*').length),
      newBreachFormOpenMs: await threeTimes(page, '#/breach/new', '[data-testid=picker-activityIds] [role=option] .picker-text'),
      pickerOptionsInDom: await page.locator('[role=option]').count(),
      pickerTickMs: await ticks(page, 12),
      supplierListPaintMs: await threeTimes(page, '#/suppliers', '[data-testid=supplier-table] tbody tr[data-index]'),
      transferListPaintMs: await threeTimes(page, '#/transfers', '[data-testid=transfer-table] tbody tr[data-index]'),
      breachListPaintMs: await threeTimes(page, '#/breaches', '[data-testid=breach-table] tbody tr[data-index]'),
      rowsInDom: { ...rows, suppliers: await rowsAt(page, '#/suppliers', 'supplier-table'), transfers: await rowsAt(page, '#/transfers', 'transfer-table'), breaches: await rowsAt(page, '#/breaches', 'breach-table') },
    };
  } finally {
    await page.close();
  }
}

async function rowsAt(page: Page, hash: string, testId: string): Promise<number> {
  await hashToPaint(page, hash, `[data-testid=${testId}] tbody tr[data-index]`);
  return page.locator(`[data-testid=${testId}] tbody tr[data-index]`).count();
}

export async function dashboardBench(reg: { records: number; dbPath: string }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-dash-bench-'));
  const dbPath = path.join(dir, 'register.sqlite');
  copyFileSync(reg.dbPath, dbPath);
  const figures: Record<string, unknown> = { records: reg.records, loadBefore: load() };
  try {
    const core = openCore(dbPath, { actor: 'bench' }); // migrates the copy if the cached file is older
    const today = core.now().toISOString().slice(0, 10);
    const d = dashboard(core, today);
    figures.sections = { overdue: d.reviewsOverdue.total, incomplete: d.incomplete.total, toConvert: d.transfersToConvert.total, breaches: d.breaches.total, transfers: d.transfers.total };
    figures.coreDashboardMs = timeCore(() => dashboard(core, today));
    figures.coreDashboardJsonKB = Math.round(JSON.stringify(d).length / 1024);
    figures.coreListsMs = {
      suppliers: timeCore(() => listSuppliers(core, 'live')).median,
      transfers: timeCore(() => listTransfers(core, 'live')).median,
      breaches: timeCore(() => listBreaches(core, 'live')).median,
    };
    const counts = { suppliers: listSuppliers(core, 'live').length, transfers: listTransfers(core, 'live').length, breaches: listBreaches(core, 'live').length };
    figures.counts = counts;
    closeCore(core);

    const harness = await startHarness({ port: 0, dbPath, log: { log() {}, warn() {}, error: console.error } });
    try {
      for (const [key, extra] of [
        ['chromium', []],
        ['chromiumAccessibilityOn', ['--force-renderer-accessibility']],
      ] as const) {
        const browser = await chromium.launch({
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', ...extra],
        });
        try {
          figures[key] = await browserFigures(browser, harness.url, {});
        } finally {
          await browser.close();
        }
      }
    } finally {
      await harness.close();
    }
    figures.loadAfter = load();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('dashboard-bench.ts')) {
  const sizes = process.argv.slice(2).map(Number);
  (async () => {
    const out: Record<string, unknown> = { cpus: os.cpus().length, node: process.version };
    for (const n of sizes.length ? sizes : [5000, 20000]) out[n] = await dashboardBench({ records: n, dbPath: cachedScaleFile(n) });
    console.log(JSON.stringify(out, null, 2));
  })().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
