/**
 * Builds (once) the cached scale register the dashboard bench reads: `tsx test/bench/dashboard-scale-file.ts 5000 20000`.
 * Written to a temporary name and renamed, so a half-built file is never taken for a whole one.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { closeCore, openCore } from '../../electron/core/core';
import { buildScaleRegister, scaleSize } from './scale-register';

export const scaleFile = (n: number) => process.env.BENCH_SCALE_FILE?.replace('<n>', String(n)) ?? `/tmp/dpo-scale-i15c-${n}.sqlite`;

export function ensureScaleFile(n: number): string {
  const file = scaleFile(n);
  if (existsSync(file)) return file;
  const tmp = `${file}.building`;
  for (const ext of ['', '-wal', '-shm']) rmSync(tmp + ext, { force: true });
  const core = openCore(tmp, { actor: 'bench' });
  buildScaleRegister(core, scaleSize(n));
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  closeCore(core);
  renameSync(tmp, file);
  return file;
}

if (process.argv[1]?.endsWith('dashboard-scale-file.ts')) {
  for (const n of process.argv.slice(2).map(Number)) {
    const t = Date.now();
    console.log(ensureScaleFile(n), `${Date.now() - t} ms`);
  }
}
