/**
 * Part of `npm run bench`, run in its own process so its memory figure is the export's:
 * opens an existing register file, exports it to Word, prints JSON (time, size, RSS).
 */
import { performance } from 'node:perf_hooks';
import { closeCore, openCore } from '../../electron/core/core';
import { prepareRegisterExport } from '../../electron/core/export/export.service';

async function main() {
  const core = openCore(process.argv[2]!);
  const rssAfterOpen = process.memoryUsage().rss;
  let peak = rssAfterOpen;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const prepared = await prepareRegisterExport(core, {
    language: 'fr',
    registers: 'both',
    asOf: new Date().toISOString().slice(0, 10),
    includeArchived: false,
    annexes: { lists: true, transfers: true },
  });
  const ms = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  closeCore(core);
  const mb = (n: number) => Math.round(n / 1048576);
  console.log(JSON.stringify({ exportMs: Math.round(ms), exportBytes: prepared.buffer.length, rssAfterOpenMB: mb(rssAfterOpen), peakRssMB: mb(peak) }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
