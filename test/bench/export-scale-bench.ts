/**
 * Issue 15's export bench: the yearly Word export of a large register, exactly as the CLI makes
 * it (`export --db … --out …`, every annex: lists, transfers, suppliers, breaches), each run in a
 * process of its own so that its peak memory (the kernel's high-water mark, VmHWM) is the export's.
 *   tsx test/bench/export-scale-bench.ts 5000 20000     (builds the cached registers first if needed)
 * The register is copied before each run (the CLI records the export in it).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCli } from '../../electron/cli/index';
import { cachedScaleFile } from './scale-register';

export const EXPORTED_ANNEXES = 'lists, transfers, suppliers, breaches (the CLI default)';

const peakRssMB = () => {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return Math.round((hwm ? Number(hwm[1]) * 1024 : process.memoryUsage().rss) / 1048576);
};

/** One export in this process: prints { exportMs, bytes, peakRssMB } as JSON. */
async function child(dbPath: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-export-bench-'));
  try {
    const db = path.join(dir, 'register.sqlite');
    copyFileSync(dbPath, db);
    const out = path.join(dir, 'register.docx');
    const lines: string[] = [];
    const t = performance.now();
    const cpu = process.cpuUsage();
    const code = await runCli(['export', '--db', db, '--out', out], { out: (s) => lines.push(s), err: (s) => lines.push(s) });
    const exportMs = performance.now() - t;
    const used = process.cpuUsage(cpu);
    if (code !== 0) throw new Error(lines.join('\n'));
    console.log(JSON.stringify({ exportMs: Math.round(exportMs), cpuMs: Math.round((used.user + used.system) / 1000), bytes: statSync(out).size, peakRssMB: peakRssMB() }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Run = { exportMs: number; cpuMs: number; bytes: number; peakRssMB: number };

function runChild(dbPath: string): Run {
  const r = spawnSync(process.execPath, [path.join(import.meta.dirname, '../../node_modules/tsx/dist/cli.mjs'), import.meta.filename, '--child', dbPath], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`export bench failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1)!) as Run;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The seam of test/bench/bench.ts (issue15-common.md point 3): median of `runs` exports, each in its own process. */
export async function exportScaleBench(reg: { records: number; dbPath: string }, runs = 3): Promise<Record<string, unknown>> {
  const all = Array.from({ length: runs }, () => runChild(reg.dbPath));
  return {
    records: reg.records,
    annexes: EXPORTED_ANNEXES,
    exportMs: median(all.map((r) => r.exportMs)),
    exportMsRuns: all.map((r) => r.exportMs),
    // Processor time of the process (the wall time above depends on the machine's load).
    cpuMs: median(all.map((r) => r.cpuMs)),
    peakRssMB: median(all.map((r) => r.peakRssMB)),
    peakRssMBRuns: all.map((r) => r.peakRssMB),
    docxMB: Math.round((all[0]!.bytes / 1048576) * 10) / 10,
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}

if (process.argv[2] === '--child') {
  child(process.argv[3]!).catch((err) => {
    console.error(err);
    process.exit(1);
  });
} else if (process.argv[1] === import.meta.filename) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const runs = Number(process.env.BENCH_RUNS ?? 3);
  const results: Record<string, unknown>[] = [];
  for (const n of sizes.length ? sizes : [5000, 20000]) {
    const r = await exportScaleBench({ records: n, dbPath: cachedScaleFile(n) }, runs);
    results.push(r);
    console.log(JSON.stringify(r));
  }
  if (results.length === 2) {
    const [a, b] = results as Array<{ exportMs: number; peakRssMB: number }>;
    console.log(JSON.stringify({ exportTimeRatio: Math.round((b!.exportMs / a!.exportMs) * 100) / 100, exportMemoryRatio: Math.round((b!.peakRssMB / a!.peakRssMB) * 100) / 100 }));
  }
  console.log(`targets: 5,000 < 10 s and < 500 MB; 20,000 < 40 s and < 600 MB; ratios < 4.5 (time), < 1.5 (memory). Annexes exported: ${EXPORTED_ANNEXES}. uptime: ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
