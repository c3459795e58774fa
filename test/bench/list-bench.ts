/**
 * Issue 15, the register list as a query: the core's window queries and FTS5 searches, and in
 * Chromium through the web harness the register page's first paint and the keystroke-to-table
 * latency of EVERY keystroke (each one waits for the table to show the answer to its own query,
 * whether or not the row count changes), plus the bytes of the first window's answer.
 *
 *   npx tsx test/bench/list-bench.ts 5000 20000     (builds /tmp/dpo-scale-<n>.sqlite once per size)
 *
 * Targets at 20,000: window query < 20 ms; open + first window < 100 ms; first paint < 500 ms
 * after the app is loaded; keystroke to table painted: median < 50 ms, max < 100 ms.
 */
import { chromium } from '@playwright/test';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeCore, openCore } from '../../electron/core/core';
import { listWindow, searchEntries } from '../../electron/core/services/register.service';
import { startHarness } from '../../electron/web/server';
import type { RegisterWindowArgs } from '../../shared/domain/register-list';
import { cachedScaleFile } from './scale-register';

const round = (n: number) => Math.round(n * 10) / 10;
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
function timed<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}
const load = () => os.loadavg().map((l) => Math.round(l * 100) / 100);

/** The scale register of `records` records, built once into /tmp (about a minute or two at 20,000) and reused. */
const SEARCHES = ['p', 'pa', 'pai', 'paie', 'twilio', 'etats-unis scc', 'm123x', 'zzz-nothing'];
/** Typed one key at a time in the Chromium measure: each keystroke is measured. */
const TYPED = ['paie', 'twilio', 'm123x', 'etats'];

export async function listBench(reg: { records: number; dbPath: string }): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-list-bench-'));
  const dbPath = path.join(dir, 'register.sqlite');
  copyFileSync(reg.dbPath, dbPath);
  const figures: Record<string, unknown> = { records: reg.records, loadBefore: load() };
  try {
    // Opened once first: a file built by an older version migrates here, not in the measure.
    closeCore(openCore(dbPath, { backupDir: path.join(dir, 'backups') }));
    const base: RegisterWindowArgs = { kind: 'controller', scope: 'live', offset: 0, limit: 100 };

    const opens: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const c = openCore(dbPath);
      listWindow(c, base);
      opens.push(performance.now() - t);
      closeCore(c);
    }
    figures.openPlusFirstWindowMs = round(median(opens));
    // The same without issue 14B's quick_check at open (it reads every page: it grows with the file, not with the list).
    const quick: number[] = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      const c = openCore(dbPath, { skipQuickCheck: true });
      listWindow(c, base);
      quick.push(performance.now() - t);
      const q = performance.now();
      c.db.pragma('quick_check(20)');
      quick.push(-(performance.now() - q));
      closeCore(c);
    }
    figures.openWithoutQuickCheckPlusFirstWindowMs = round(median(quick.filter((x) => x >= 0)));
    figures.quickCheckAloneMs = round(median(quick.filter((x) => x < 0).map((x) => -x)));

    const core = openCore(dbPath);
    try {
      const windows: Record<string, number> = {};
      let total = 0;
      const cases: Array<[string, RegisterWindowArgs]> = [
        ['first', base],
        ['middle', { ...base, offset: Math.floor(reg.records * 0.45) }],
        ['last', { ...base, offset: Math.floor(reg.records * 0.9) - 100 }],
        ['name desc, middle', { ...base, offset: Math.floor(reg.records * 0.45), sort: { by: 'name', dir: 'desc' } }],
        ['next review asc', { ...base, sort: { by: 'review', dir: 'asc' } }],
        ['quick reviewOverdue', { ...base, filter: { quick: 'reviewOverdue' } }],
        ['status draft + legal basis CONSENT', { ...base, filter: { status: ['draft'], legalBasis: 'CONSENT' } }],
      ];
      for (const [label, args] of cases) {
        const runs: number[] = [];
        for (let k = 0; k < 9; k++) {
          const [w, ms] = timed(() => listWindow(core, args));
          runs.push(ms);
          if (label === 'first') total = w.all;
        }
        windows[label] = round(median(runs));
      }
      figures.windowQueryMs = windows;
      figures.controllerRecords = total;
      figures.firstWindowJsonBytes = JSON.stringify({ ok: true, value: listWindow(core, base) }).length;

      const searches: Record<string, number> = {};
      for (const q of SEARCHES) {
        const runs: number[] = [];
        let hits = 0;
        for (let k = 0; k < 7; k++) {
          const [w, ms] = timed(() => listWindow(core, { ...base, search: q }));
          hits = w.total;
          runs.push(ms);
        }
        searches[`${q} (${hits} hits)`] = round(median(runs));
      }
      figures.searchWindowMs = searches;
      const ids: number[] = [];
      for (let k = 0; k < 7; k++) ids.push(timed(() => searchEntries(core, 'controller', 'paie'))[1]);
      figures.searchEntriesPaieMs = round(median(ids));
    } finally {
      closeCore(core);
    }

    Object.assign(figures, await browserBench(dbPath, dir));
    figures.loadAfter = load();
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type BenchWindow = Window & { __t0?: number; __lat?: number[]; __want?: string };

async function browserBench(dbPath: string, dir: string): Promise<Record<string, unknown>> {
  const harness = await startHarness({ port: 0, dbPath, log: { log() {}, warn() {}, error: console.error }, logFile: path.join(dir, 'harness.log') });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const out: Record<string, unknown> = {};
  try {
    // The harness runs issue 14B's full integrity check 3 s after start, on the thread that answers
    // the UI (it blocks every call while it runs): the measures start once it is done, and its time is said.
    const t0 = performance.now();
    while (!harness.core.health.integrity) await new Promise((r) => setTimeout(r, 100));
    out.integrityCheckDoneAfterStartMs = round(performance.now() - t0);
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
    // tsx names the functions of this file with a helper (__name) that the page does not have.
    await page.addInitScript('window.__name = (f) => f;');
    const paints: number[] = [];
    for (let k = 0; k < 3; k++) {
      // The app loaded on its dashboard, then the register opened from the menu (a hash change, as a click does).
      await page.goto(`${harness.url}#/settings`);
      await page.getByRole('navigation').waitFor();
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const t0 = performance.now();
            window.location.hash = '#/register/controller';
            const check = () => {
              const link = document.querySelector('.grid-body [role=row] a');
              const count = document.querySelector('[data-testid=row-count]')?.textContent ?? '';
              if (link && count) requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
              else requestAnimationFrame(check);
            };
            check();
          }),
      );
      paints.push(ms);
    }
    out.registerFirstPaintMs = { median: round(median(paints)), runs: paints.map(round) };
    out.rowsInDom = await page.locator('.grid-body [role=row]').count();

    // Every keystroke: the time from its keydown to the frame after the table shows the answer to the query it made.
    await page.evaluate(() => {
      const w = window as BenchWindow;
      w.__lat = [];
      const box = document.querySelector<HTMLInputElement>('input[type=search]')!;
      const grid = document.querySelector<HTMLElement>('.grid')!;
      box.addEventListener('keydown', (e) => (w.__t0 = e.timeStamp), { capture: true });
      new MutationObserver(() => {
        if (w.__want !== undefined && grid.dataset.search === w.__want) {
          const t0 = w.__t0!;
          w.__want = undefined;
          requestAnimationFrame(() => requestAnimationFrame(() => w.__lat!.push(performance.now() - t0)));
        }
      }).observe(grid, { attributes: true, attributeFilter: ['data-search'] });
    });
    const box = page.getByRole('searchbox');
    const latencies: number[] = [];
    const lost: string[] = [];
    for (const q of TYPED) {
      await box.fill('');
      await page.locator('.grid[data-search=""]').waitFor();
      let typed = '';
      for (const ch of q) {
        typed += ch;
        const before = await page.evaluate((want) => {
          const w = window as BenchWindow;
          w.__want = want;
          return w.__lat!.length;
        }, typed);
        await box.press(ch === ' ' ? 'Space' : ch);
        const ok = await page
          .waitForFunction((n) => (window as BenchWindow).__lat!.length > n, before, { timeout: 5000 })
          .then(() => true, () => false);
        if (!ok) lost.push(typed);
      }
      latencies.push(...(await page.evaluate(() => (window as BenchWindow).__lat!.splice(0))));
    }
    out.keystrokeToTablePaintedMs = { median: round(median(latencies)), max: round(Math.max(...latencies)), samples: latencies.length, typed: TYPED, notPaintedWithin5s: lost };

    // The whole table scrolled to its end: the last rows asked and painted.
    await box.fill('');
    await page.locator('.grid[data-search=""]').waitFor();
    const t = performance.now();
    await page.locator('.grid-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
    await page.locator('.grid-body [role=row]:not([aria-busy]) a').last().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.grid-body [aria-busy=true]').length === 0);
    out.scrollToEndMs = round(performance.now() - t);
  } finally {
    await browser.close();
    await harness.close();
  }
  return out;
}

async function main() {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const results: Record<string, unknown> = { node: process.version, cpus: os.cpus().length };
  for (const n of sizes.length ? sizes : [5000, 20000]) {
    const t = performance.now();
    const file = cachedScaleFile(n);
    results[`buildOrReuse${n}Ms`] = round(performance.now() - t);
    results[String(n)] = await listBench({ records: n, dbPath: file });
    console.error(JSON.stringify(results[String(n)]));
  }
  console.log(JSON.stringify(results, null, 2));
}

if (process.argv[1]?.endsWith('list-bench.ts')) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
