/**
 * Reading a 50,000-row register as .csv, .ods and .xlsx with the streaming readers of the
 * import (electron/core/import/read.ts): rows counted one by one, never held. Reports per
 * format the file size, the time and the heap above the baseline (sampled every 1,000 rows),
 * so that `npm run bench` can print them. Run alone: `npx tsx test/bench/import-read-bench.ts`.
 */
import { performance } from 'node:perf_hooks';
import { openWorkbook } from '../../electron/core/import/read';
import type { Row } from '../../electron/core/import/types';
import { bigCsv, bigOds, bigXlsx } from '../import-files';

export type ReadFigure = { format: string; rows: number; fileMB: number; ms: number; heapPeakMB: number; rssPeakMB: number };

const MB = 1024 * 1024;
const round = (n: number) => Math.round(n * 10) / 10;

/** Streams every row of the file's first sheet; the heap is sampled as it goes. */
export async function measureRead(bytes: Uint8Array, fileName: string, onRow?: (row: Row) => void): Promise<ReadFigure> {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  let heapPeak = 0;
  let rssPeak = 0;
  const t = performance.now();
  const opened = await openWorkbook(bytes, fileName);
  if (!opened.ok) throw new Error(`${fileName}: ${opened.error.key}`);
  let rows = 0;
  for await (const row of opened.value.rows(0)) {
    if (row.cells.length) rows++;
    onRow?.(row);
    if (rows % 1000 === 0) {
      const m = process.memoryUsage();
      heapPeak = Math.max(heapPeak, m.heapUsed - heap0);
      rssPeak = Math.max(rssPeak, m.rss - rss0);
    }
  }
  const ms = performance.now() - t;
  return { format: fileName.replace(/^.*\./, ''), rows, fileMB: round(bytes.length / MB), ms: Math.round(ms), heapPeakMB: round(Math.max(0, heapPeak) / MB), rssPeakMB: round(Math.max(0, rssPeak) / MB) };
}

export async function importReadBench(rows = 50_000): Promise<ReadFigure[]> {
  const out: ReadFigure[] = [];
  out.push(await measureRead(bigCsv(rows), 'registre.csv'));
  out.push(await measureRead(bigOds(rows), 'registre.ods'));
  out.push(await measureRead(await bigXlsx(rows), 'registre.xlsx'));
  return out;
}

if (process.argv[1]?.endsWith('import-read-bench.ts')) {
  void importReadBench(Number(process.env.BENCH_IMPORT_ROWS ?? 50_000)).then((figures) => console.log(JSON.stringify({ importRead: figures }, null, 2)));
}
