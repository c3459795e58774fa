/**
 * Issue 14: what `synchronous = FULL` costs on the write path. The same audited save (one
 * transaction per record, as the UI does) is timed with NORMAL then FULL on a fresh register
 * in the bench's folder (the disk the register would be on).
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeCore, openCore } from '../../electron/core/core';
import { createEntry } from '../../electron/core/services/register.service';
import type { ControllerDoc } from '../../shared/domain/register';

export function syncBench(dir: string, makeDoc: (i: number) => ControllerDoc, saves = 300): Record<string, unknown> {
  const core = openCore(path.join(dir, 'sync-bench.sqlite'), { actor: 'bench' });
  const perSave: Record<string, number> = {};
  try {
    let i = 900_000;
    for (const mode of ['NORMAL', 'FULL', 'NORMAL', 'FULL'] as const) {
      core.db.pragma(`synchronous = ${mode}`);
      const t = performance.now();
      for (let n = 0; n < saves; n++) createEntry(core, 'controller', makeDoc(i++));
      const ms = (performance.now() - t) / saves;
      perSave[mode] = Math.min(perSave[mode] ?? Infinity, ms); // the better of two runs: less noise from the other users of the machine
    }
  } finally {
    closeCore(core);
  }
  const round = (n: number) => Math.round(n * 100) / 100;
  return { saves, normalMsPerSave: round(perSave.NORMAL!), fullMsPerSave: round(perSave.FULL!), fullCostMsPerSave: round(perSave.FULL! - perSave.NORMAL!) };
}
