/**
 * The breach, supplier and transfer lists and the dashboard with 1,000 of each (each supplier
 * with an answered audit): far more than a DPO keeps, to see the lists stay quick. Prints JSON.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { closeCore, openCore } from '../../electron/core/core';
import { dispatch } from '../../electron/core/dispatch';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { fullBreachDoc, fullSupplierDoc } from '../helpers';

export async function modulesBench(n = 1000): Promise<Record<string, number>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-bench-modules-'));
  const core = openCore(path.join(dir, 'modules.sqlite'), { actor: 'bench' });
  const call = async (channel: string, args: unknown) => {
    const r = (await dispatch(core, channel, args)) as { ok: boolean; value?: unknown; error?: unknown };
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.value as { id: string; version: number; doc: Record<string, unknown> };
  };
  try {
    let t = performance.now();
    for (let i = 0; i < n; i++) {
      const s = await call('supplier:create', { doc: fullSupplierDoc({ name: `Supplier ${i}` }) });
      const a = await call('audit:create', { supplierId: s.id, templateId: 'builtin' });
      await call('audit:update', { id: a.id, version: a.version, doc: { ...a.doc, answers: { A2: { value: 'yes', comment: '' }, F2: { value: 'partly', comment: '' } } } });
      await call('transfer:create', { doc: { ...emptyTransferDoc(), title: `Transfer ${i}`, importerSupplierId: s.id, importerCountry: 'US', mechanism: 'DPF', dpf: { certified: true, checkedOn: '2026-10-01', scope: '' } } });
      await call('breach:create', { doc: fullBreachDoc({ title: `Breach ${i}` }) });
    }
    const figures: Record<string, number> = { items: n, createAllMs: Math.round(performance.now() - t) };
    for (const [name, channel, args] of [
      ['supplierListMs', 'supplier:list', { scope: 'live' }],
      ['transferListMs', 'transfer:list', { scope: 'live' }],
      ['breachListMs', 'breach:list', { scope: 'live' }],
      ['dashboardMs', 'dashboard:get', { today: '2026-11-24' }],
    ] as const) {
      t = performance.now();
      await call(channel, args);
      figures[name] = Math.round((performance.now() - t) * 10) / 10;
    }
    return figures;
  } finally {
    closeCore(core);
    rmSync(dir, { recursive: true, force: true });
  }
}
