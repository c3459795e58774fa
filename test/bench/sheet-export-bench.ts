/**
 * Part of `npm run bench`: the register as a spreadsheet, each export in a process of its own so
 * that its peak memory (getrusage's maximum resident set) is that export's: the flat workbook
 * and the CNIL model (one sheet per record), as .xlsx and .ods, for the register file given
 * (5,000 records in `npm run bench`) and for a copy grown to 20,000 records (the same records
 * again under other references, written through the import's bulk path). Prints JSON: per size,
 * layout and format, wall and processor time, size, peak RSS. The writers stream each sheet into
 * the zip as its rows are made: the peak should grow with the records read, not with the sheets.
 * `BENCH_SHEET_SIZES=5000` leaves the 20,000 out.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeCore, openCore, tx } from '../../electron/core/core';
import { withStatementCache } from '../../electron/core/db/statement-cache';
import { prepareSheetExport, type SheetFormat, type SheetLayout } from '../../electron/core/export/sheet/sheet-export.service';
import { registerBulkWriter } from '../../electron/core/services/register.service';
import type { ControllerDoc } from '../../shared/domain/register';

const mb = (n: number) => Math.round(n / 1048576);

/** One export, in this process: what the child prints. */
async function one(dbPath: string, layout: SheetLayout, format: SheetFormat): Promise<Record<string, number>> {
  const core = openCore(dbPath);
  const rssAfterOpen = process.memoryUsage().rss;
  const t = performance.now();
  const cpu = process.cpuUsage();
  const prepared = await prepareSheetExport(core, {
    layout,
    format,
    language: 'fr',
    registers: 'both',
    asOf: core.now().toISOString().slice(0, 10),
    includeArchived: true,
    includeDrafts: true,
  });
  const ms = Math.round(performance.now() - t);
  // The processor time too: on a shared machine the wall time says more about the neighbours.
  const used = process.cpuUsage(cpu);
  closeCore(core);
  return { ms, cpuMs: Math.round((used.user + used.system) / 1000), bytes: prepared.buffer.length, records: prepared.records, rssAfterOpenMB: mb(rssAfterOpen), peakRssMB: mb(process.resourceUsage().maxRSS * 1024) };
}

/** A copy of the register grown to `n` controller records: its records again, under other references. */
function grow(source: string, target: string, n: number): void {
  copyFileSync(source, target);
  const core = openCore(target, { actor: 'bench' });
  withStatementCache(core.db, () =>
    tx(core, () => {
      const docs = (core.db.prepare("SELECT doc FROM register_entry WHERE kind = 'controller' AND deleted_at IS NULL").pluck().all() as string[]).map((d) => JSON.parse(d) as ControllerDoc);
      const writer = registerBulkWriter(core, 'controller');
      for (let i = docs.length, k = 0; i < n; i++, k++) {
        const d = docs[k % docs.length]!;
        writer.create({ ...d, ref: `${d.ref}-x${Math.floor(k / docs.length) + 1}` }, 'create', []);
      }
    }),
  );
  closeCore(core);
}

async function main() {
  if (process.argv[2] === '--one') {
    console.log(JSON.stringify(await one(process.argv[3]!, process.argv[4] as SheetLayout, process.argv[5] as SheetFormat)));
    return;
  }
  const source = process.argv[2]!;
  const sizes = (process.env.BENCH_SHEET_SIZES ?? '5000,20000').split(',').map(Number);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-sheet-bench-'));
  const figures: Record<string, unknown> = {};
  try {
    for (const size of sizes) {
      const db = path.join(dir, `register-${size}.sqlite`);
      grow(source, db, size);
      for (const layout of ['register', 'cnil'] as SheetLayout[]) {
        for (const format of ['xlsx', 'ods'] as SheetFormat[]) {
          const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, '--one', db, layout, format], { encoding: 'utf8', maxBuffer: 1 << 24 });
          if (run.status !== 0) throw new Error(`sheet export ${layout} ${format} ${size}: ${run.stderr}`);
          figures[`${layout}-${format}-${size}`] = JSON.parse(run.stdout.trim().split('\n').pop()!);
        }
      }
    }
    figures.loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
    console.log(JSON.stringify(figures));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
