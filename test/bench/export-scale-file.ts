/**
 * Builds (once) the cached scale register the export bench reads: `tsx test/bench/export-scale-file.ts 5000 20000`.
 * Written to a temporary name and renamed, so a half-built file is never taken for a whole one.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { closeCore, openCore } from '../../electron/core/core';
import { buildScaleRegister, scaleSize } from './scale-register';

export const exportScaleFile = (n: number) => `/tmp/dpo-scale-i15b-${n}.sqlite`;

export function ensureExportScaleFile(n: number): string {
  const file = exportScaleFile(n);
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

/** A scale register of `n` records written to `file` (the Playwright export test). */
export function buildScaleFileAt(file: string, n: number): void {
  const core = openCore(file, { actor: 'bench' });
  buildScaleRegister(core, scaleSize(n));
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  closeCore(core);
}

if (process.argv[1]?.endsWith('export-scale-file.ts') && process.argv[2] === '--to') {
  buildScaleFileAt(process.argv[3]!, Number(process.argv[4]));
} else if (process.argv[1]?.endsWith('export-scale-file.ts')) {
  for (const n of process.argv.slice(2).map(Number)) {
    const t = Date.now();
    console.log(ensureExportScaleFile(n), `${Date.now() - t} ms`);
  }
}
