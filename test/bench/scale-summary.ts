/**
 * Issue 15's targets in one run: every measure at 5,000 and at 20,000 records (the cached scale
 * registers built from the demo's texts, test/bench/scale-register.ts), the ratio, the target and
 * whether it is met. `npm run bench` prints it at its end; `BENCH_ONLY=scale npm run bench` runs
 * this part alone (the README quotes three such runs on a quiet machine).
 */
import os from 'node:os';
import { dashboardBench } from './dashboard-bench';
import { EXPORTED_ANNEXES, exportScaleBench } from './export-scale-bench';
import { listBench } from './list-bench';
import { cachedScaleFile } from './scale-register';

type Figures = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

type Row = Readonly<{ measure: string; at5000: number; at20000: number; unit: string; target: string; met: boolean | null }>;

const round = (n: number) => Math.round(n * 10) / 10;

export async function scaleBench(): Promise<{ figures: Figures; rows: Row[]; table: string }> {
  const sizes = [5000, 20000] as const;
  const list: Figures = {};
  const exported: Figures = {};
  const dash: Figures = {};
  // One export per size and run (each in its own process): three runs of the bench give the README's ranges.
  for (const n of sizes) exported[n] = await exportScaleBench({ records: n, dbPath: cachedScaleFile(n) }, Number(process.env.BENCH_EXPORT_RUNS ?? 1));
  for (const n of sizes) list[n] = await listBench({ records: n, dbPath: cachedScaleFile(n) });
  for (const n of sizes) dash[n] = await dashboardBench({ records: n, dbPath: cachedScaleFile(n) });
  const worstWindow = (f: Figures) => Math.max(...(Object.values(f.windowQueryMs) as number[]));
  const rows: Row[] = [];
  const row = (measure: string, get: (n: number) => number, unit: string, target: string, ok: ((at20000: number, at5000: number) => boolean) | null) => {
    const a = get(5000);
    const b = get(20000);
    rows.push({ measure, at5000: a, at20000: b, unit, target, met: ok ? ok(b, a) : null });
  };
  row('list window query, slowest of 7 sorts and filters (core)', (n) => worstWindow(list[n]), 'ms', '< 20 ms at 20,000', (b) => b < 20);
  row('open + first window, as the app opens (quick_check in a worker)', (n) => list[n].openWithoutQuickCheckPlusFirstWindowMs, 'ms', '< 100 ms at 20,000', (b) => b < 100);
  row('register page first paint after the app is loaded (Chromium)', (n) => list[n].registerFirstPaintMs.median, 'ms', '< 500 ms at 20,000', (b) => b < 500);
  row('keystroke to table painted, every keystroke: median', (n) => list[n].keystrokeToTablePaintedMs.median, 'ms', '< 50 ms at 20,000', (b) => b < 50);
  row('keystroke to table painted, every keystroke: max', (n) => list[n].keystrokeToTablePaintedMs.max, 'ms', '< 100 ms at 20,000', (b) => b < 100);
  row('yearly .docx export as the CLI makes it (all annexes): time', (n) => exported[n].exportMs, 'ms', '< 10 s at 5,000, < 40 s at 20,000, ratio < 4.5', (b, a) => a < 10_000 && b < 40_000 && b / a < 4.5);
  row('yearly .docx export: peak memory of its process', (n) => exported[n].peakRssMB, 'MB', '< 500 MB at 5,000, < 600 MB at 20,000, ratio < 1.5', (b, a) => a < 500 && b < 600 && b / a < 1.5);
  row('dashboard page painted after the app is loaded', (n) => dash[n].chromium.dashboardPaintMs, 'ms', '< 500 ms at 20,000', (b) => b < 500);
  row('picker tick with the accessibility tree on: median', (n) => dash[n].chromiumAccessibilityOn.pickerTickMs.median, 'ms', '< 100 ms at 20,000', (b) => b < 100);
  row('picker tick with the accessibility tree on: max', (n) => dash[n].chromiumAccessibilityOn.pickerTickMs.max, 'ms', '(max, for the record)', null);
  row('new-breach form open', (n) => dash[n].chromium.newBreachFormOpenMs, 'ms', '(for the record)', null);
  row('supplier / transfer / breach list painted (slowest)', (n) => Math.max(dash[n].chromium.supplierListPaintMs, dash[n].chromium.transferListPaintMs, dash[n].chromium.breachListPaintMs), 'ms', '< 500 ms at 20,000', (b) => b < 500);
  const table = [
    `Issue 15 targets (load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}; export: ${EXPORTED_ANNEXES})`,
    '| measure | 5,000 | 20,000 | ratio | target | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.measure} | ${round(r.at5000)} ${r.unit} | ${round(r.at20000)} ${r.unit} | ${r.at5000 ? round(r.at20000 / r.at5000) : '–'} | ${r.target} | ${r.met === null ? '' : r.met ? 'yes' : 'NO'} |`),
  ].join('\n');
  return { figures: { list, export: exported, dashboard: dash }, rows, table };
}
