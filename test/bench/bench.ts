/**
 * npm run bench: builds a register of 5,000 activities (with categories, recipients and
 * transfers), measures the core, then the UI in Chromium through the web harness, and prints
 * the figures as JSON. Targets on a 2-core machine: list query < 50 ms, keystroke-to-paint
 * < 100 ms, opening the data < 300 ms.
 */
import { chromium } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import demo from '../../resources/demo/demo-register.json';
import { closeCore, openCore } from '../../electron/core/core';
import { createEntry, listSummaries, searchEntries, updateEntry } from '../../electron/core/services/register.service';
import { startHarness } from '../../electron/web/server';
import type { ControllerDoc } from '../../shared/domain/register';
import { modulesBench } from './modules-bench';
import { syncBench } from './sync-bench';
import { scaleBench } from './scale-summary';

const N = Number(process.env.BENCH_RECORDS ?? 5000);
const COUNTRIES = ['États-Unis', 'Inde', 'Royaume-Uni', 'Canada', 'Brésil', 'Japon', 'Singapour', 'Maroc'];

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}
const round = (n: number) => Math.round(n * 10) / 10;
function time<T>(fn: () => T): [T, number] {
  const t = performance.now();
  const r = fn();
  return [r, performance.now() - t];
}

function makeDoc(i: number): ControllerDoc {
  const base = demo.controller[i % 14] as unknown as ControllerDoc; // the 14 complete, active demo records
  const transfers = i % 3 === 0 ? [{ recipient: `Prestataire ${i}`, country: COUNTRIES[i % COUNTRIES.length]!, safeguard: 'SCC_2021' as const, document: `DPA-${i}` }] : [];
  return {
    ...base,
    ref: `B-${String(i).padStart(5, '0')}`,
    name: `${base.name} — site ${i}`,
    notes: `${base.notes}\nLot de mesure n° ${i}. Marqueur unique m${i}x.`,
    transfersToConvert: transfers.map((t) => ({ ...t, reason: 'country' as const })),
    recipients: [...base.recipients, { type: 'PROCESSOR', category: 'HOSTING', name: `Hébergeur ${i % 40}`, details: '' }],
  };
}

async function main() {
  // Issue 15's measures alone (the README's three quiet runs): BENCH_ONLY=scale npm run bench
  if (process.env.BENCH_ONLY === 'scale') {
    const scale = await scaleBench();
    console.log(JSON.stringify(scale.figures, null, 2));
    console.log(`\n${scale.table}`);
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-'));
  const dbPath = path.join(dir, 'bench.sqlite');
  const figures: Record<string, unknown> = { records: N, node: process.version, cpus: os.cpus().length };
  try {
    // Create, one audited transaction per record, as the UI does.
    let core = openCore(dbPath, { actor: 'bench' });
    const [, createMs] = time(() => {
      for (let i = 0; i < N; i++) createEntry(core, 'controller', makeDoc(i));
    });
    figures.createMs = round(createMs);
    figures.createPerRecordMs = round(createMs / N);
    closeCore(core);

    // Open the existing file (pragmas, migration check, lists), then a fresh file that migrates from 0.
    const opens: number[] = [];
    for (let k = 0; k < 5; k++) {
      const [c, ms] = time(() => openCore(dbPath));
      opens.push(ms);
      closeCore(c);
    }
    figures.openExistingMs = round(median(opens));
    const [fresh, migrateMs] = time(() => openCore(path.join(dir, 'fresh.sqlite')));
    figures.openAndMigrateNewFileMs = round(migrateMs);
    closeCore(fresh);

    core = openCore(dbPath);
    const [, firstListMs] = time(() => listSummaries(core, 'controller', 'live'));
    figures.openPlusFirstListMs = round(median(opens) + firstListMs);
    const lists: number[] = [];
    let count = 0;
    for (let k = 0; k < 10; k++) {
      const [rows, ms] = time(() => listSummaries(core, 'controller', 'live'));
      count = rows.length;
      lists.push(ms);
    }
    figures.listQueryMs = round(median(lists));
    figures.listRows = count;
    const searches: Record<string, number> = {};
    for (const q of ['twilio', 'paie', 'etats-unis scc', 'm4999x', 'zzz-nothing']) {
      const runs: number[] = [];
      let hits = 0;
      for (let k = 0; k < 7; k++) {
        const [ids, ms] = time(() => searchEntries(core, 'controller', q));
        hits = ids.length;
        runs.push(ms);
      }
      searches[`${q} (${hits} hits)`] = round(median(runs));
    }
    figures.filteredQueryMs = searches;
    const target = listSummaries(core, 'controller', 'live')[N >> 1]!;
    const [, updateMs] = time(() => {
      const entry = core.db.prepare('SELECT doc, version FROM register_entry WHERE id = ?').get(target.id) as { doc: string; version: number };
      const doc = JSON.parse(entry.doc) as ControllerDoc;
      updateEntry(core, target.id, 'controller', entry.version, { ...doc, name: `${doc.name} (modifié)` });
    });
    figures.updateWithAuditMs = round(updateMs);
    figures.auditRows = core.db.prepare('SELECT count(*) FROM audit_log').pluck().get();
    closeCore(core);

    // The UI: Chromium through the harness, keystroke to filtered table painted.
    const harness = await startHarness({ port: 0, dbPath, log: { log() {}, warn() {}, error: console.error } });
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'en-GB' });
      const t0 = Date.now();
      await page.goto(`${harness.url}#/register/controller`);
      await page.getByTestId('row-count').filter({ hasText: `${N} of ${N}` }).waitFor();
      figures.uiFirstPaintOfListMs = Date.now() - t0;
      figures.uiRowsInDom = await page.locator('[role=row]').count();
      await page.evaluate(() => {
        const w = window as unknown as { __t0: number; __lat: number[] };
        w.__lat = [];
        const box = document.querySelector('input[type=search]')!;
        box.addEventListener('keydown', (e) => (w.__t0 = e.timeStamp), { capture: true });
        new MutationObserver(() => requestAnimationFrame(() => requestAnimationFrame(() => w.__lat.push(performance.now() - w.__t0)))).observe(
          document.querySelector('[data-testid=row-count]')!,
          { characterData: true, childList: true, subtree: true },
        );
      });
      const box = page.getByRole('searchbox');
      const latencies: number[] = [];
      for (const q of ['paie', 'twilio', 'm123x', 'etats']) {
        await box.fill('');
        await page.getByTestId('row-count').filter({ hasText: `${N} of ${N}` }).waitFor();
        for (const ch of q) {
          const before = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.length);
          await box.press(ch === ' ' ? 'Space' : ch);
          await page.waitForFunction((n) => (window as unknown as { __lat: number[] }).__lat.length > n, before, { timeout: 1500 }).catch(() => {});
        }
        const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat.splice(0));
        latencies.push(...lat);
      }
      figures.keystrokeToPaintMs = { median: round(median(latencies)), max: round(Math.max(...latencies)), samples: latencies.length };
      await box.fill('');
      const scrollStart = Date.now();
      await page.locator('.grid-body').evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.getByRole('link', { name: `B-${String(N - 1).padStart(5, '0')}` }).waitFor();
      figures.uiScrollToLastRowMs = Date.now() - scrollStart;

      // A breach form offers every activity of the register in its picker (a virtualised listbox since
      // issue 15: only the options in view are drawn): typing its title must stay quick.
      const formStart = Date.now();
      await page.goto(`${harness.url}#/breach/new`);
      await page.locator('[data-testid=picker-activityIds] [role=option] .picker-text').first().waitFor();
      figures.uiBreachFormWithAllActivitiesMs = Date.now() - formStart;
      // Resolved once: a label locator would rescan the 5,000 labelled checkboxes at every press and time Playwright, not the app.
      const title = (await page.getByLabel('Title').elementHandle())!;
      await title.click();
      const typing: number[] = [];
      for (const ch of 'Stolen laptop') {
        const t = performance.now();
        await title.press(ch === ' ' ? 'Space' : ch);
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        typing.push(performance.now() - t);
      }
      figures.breachFormKeystrokeMs = { median: round(median(typing)), max: round(Math.max(...typing)), samples: typing.length };
    } finally {
      await browser.close();
      await harness.close();
    }
    // The Word export of the whole register, in a process of its own (targets: < 15 s, < 500 MB).
    const exported = spawnSync(process.execPath, [path.join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), path.join(import.meta.dirname, 'export-bench.ts'), dbPath], { encoding: 'utf8' });
    if (exported.status !== 0) throw new Error(`export bench failed: ${exported.stderr}`);
    figures.wordExport = JSON.parse(exported.stdout.trim().split('\n').pop()!);
    // The register as a spreadsheet: the flat workbook and the CNIL model (one sheet per record), .xlsx and .ods, for these
    // 5,000 records and a copy grown to 20,000, each export in a process of its own (time, peak RSS).
    const sheets = spawnSync(process.execPath, [path.join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), path.join(import.meta.dirname, 'sheet-export-bench.ts'), dbPath], { encoding: 'utf8' });
    if (sheets.status !== 0) throw new Error(`spreadsheet export bench failed: ${sheets.stderr}`);
    figures.sheetExport = JSON.parse(sheets.stdout.trim().split('\n').pop()!);
    // The import of a 5,000-row .xlsx register (issue 13), in a process of its own (target: < 20 s, memory bounded):
    // the wizard's steps, then the phases read, interpret, dry run, apply.
    const imported = spawnSync(process.execPath, [path.join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), path.join(import.meta.dirname, 'import-bench.ts')], { encoding: 'utf8' });
    if (imported.status !== 0) throw new Error(`import bench failed: ${imported.stderr}`);
    figures.xlsxImport = JSON.parse(imported.stdout.trim().split('\n').pop()!);
    figures.modules1000 = await modulesBench(1000);
    figures.synchronousFull = syncBench(dir, makeDoc);
    // Issue 15: the list, the export, the dashboard and the picker at 5,000 and 20,000 records, with the ratios.
    const scale = process.env.BENCH_ISSUE15 !== '0' ? await scaleBench() : null;
    if (scale) figures.scale = scale.figures;
    figures.rssMB = Math.round(process.memoryUsage().rss / 1024 / 1024);
    console.log(JSON.stringify(figures, null, 2));
    if (scale) console.log(`\n${scale.table}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
