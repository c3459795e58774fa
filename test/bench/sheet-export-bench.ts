/**
 * Part of `npm run bench`, run in its own process so its memory figure is the export's: opens
 * an existing register file, exports it as a spreadsheet (the flat .xlsx, and the CNIL model as
 * .xlsx: one sheet per record), prints JSON (time, size, RSS).
 */
import { performance } from 'node:perf_hooks';
import { closeCore, openCore } from '../../electron/core/core';
import { prepareSheetExport, type SheetLayout } from '../../electron/core/export/sheet/sheet-export.service';

async function main() {
  const core = openCore(process.argv[2]!);
  const rssAfterOpen = process.memoryUsage().rss;
  let peak = rssAfterOpen;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const figures: Record<string, unknown> = {};
  for (const layout of ['register', 'cnil'] as SheetLayout[]) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const prepared = await prepareSheetExport(core, {
      layout,
      format: 'xlsx',
      language: 'fr',
      registers: 'both',
      asOf: new Date().toISOString().slice(0, 10),
      includeArchived: true,
      includeDrafts: true,
    });
    figures[`${layout}XlsxMs`] = Math.round(performance.now() - t);
    // The processor time too: on a shared machine the wall time says more about the neighbours.
    const used = process.cpuUsage(cpu);
    figures[`${layout}XlsxCpuMs`] = Math.round((used.user + used.system) / 1000);
    figures[`${layout}XlsxBytes`] = prepared.buffer.length;
    figures[`${layout}Records`] = prepared.records;
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  closeCore(core);
  const mb = (n: number) => Math.round(n / 1048576);
  console.log(JSON.stringify({ ...figures, rssAfterOpenMB: mb(rssAfterOpen), peakRssMB: mb(peak) }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
