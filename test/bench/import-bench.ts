/**
 * Part of `npm run bench`, in its own process so its memory figure is the import's: builds a
 * 5,000-row .xlsx register (one row per processing) from the demo's realistic texts, then opens
 * it, runs the dry run and applies it to a new register file through the import service, as the
 * wizard does with the suggested mapping. Prints JSON: time per step, peak RSS. Target (issue 13):
 * the whole import under 20 s, memory bounded.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import demo from '../../resources/demo/demo-register.json';
import lists from '../../resources/reference/lists.json';
import { closeCore, openCore } from '../../electron/core/core';
import { applyImportFile, dryRunImport, openImport, previewImport } from '../../electron/core/import/import.service';
import type { ControllerDoc } from '../../shared/domain/register';
import { translate } from '../../shared/i18n';

const N = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
const label = (list: keyof typeof lists.lists, code: string) => (lists.lists[list] as Array<{ code: string; labelFr: string }>).find((i) => i.code === code)?.labelFr ?? code;

async function buildXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Registre');
  ws.addRow(['Référence', 'Nom du traitement', 'Finalité principale', 'Sous-finalités', 'Base légale', 'Précision base légale', 'Personnes concernées', 'Catégories de données', 'Durée de conservation', 'Destinataires', 'Mesures de sécurité', 'Pays hors UE', 'Destinataire hors UE', 'Garanties', 'Notes']);
  const records = demo.controller as unknown as ControllerDoc[];
  for (let i = 0; i < N; i++) {
    const d = records[i % records.length]!;
    const r = d.dataCategories[0]?.retention;
    ws.addRow([
      `IMP-${String(i).padStart(5, '0')}`,
      `${d.name} — site ${i}`,
      d.purposes[0]?.text ?? '',
      d.purposes.slice(1).map((p) => p.text).join('\n'),
      (d.purposes[0]?.bases ?? []).map((b) => (b.basis ? translate('fr', `enums.legalBasis.${b.basis}`) : '')).join('; '),
      d.purposes[0]?.bases[0]?.detail ?? '',
      d.dataSubjects.map((s) => label('dataSubjects', s.category)).join('; '),
      [...new Set(d.dataCategories.map((c) => label('dataCategories', c.category)))].join('; '),
      r?.duration ? `${r.duration} ${translate('fr', `enums.retentionUnit.${r.unit}`)} ${r.criterion}` : (r?.note ?? ''),
      d.recipients.map((x) => (x.category ? label('recipients', x.category) : x.name)).join('; '),
      d.securityMeasures.map((m) => label('securityMeasures', m.type)).join('; '),
      i % 3 === 0 ? 'États-Unis' : '',
      i % 3 === 0 ? `Prestataire ${i % 50}` : '',
      i % 3 === 0 ? 'Clauses contractuelles types' : '',
      d.notes,
    ]);
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-import-bench-'));
  try {
    const bytes = await buildXlsx();
    // The workbook is built before the measure starts: the figures are the import's.
    global.gc?.();
    const core = openCore(path.join(dir, 'import.sqlite'), { actor: 'bench' });
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const lap = (() => {
      let t = performance.now();
      return () => {
        const now = performance.now();
        const ms = Math.round(now - t);
        t = now;
        return ms;
      };
    })();
    const start = performance.now();
    const opened = await openImport(core, 'registre-5000.xlsx', bytes);
    const openMs = lap();
    const mapping = opened.table!.suggested;
    await previewImport(core, opened.token, mapping, 'fr');
    const previewMs = lap();
    const plan = await dryRunImport(core, opened.token, { mapping });
    const dryRunMs = lap();
    const { batch } = await applyImportFile(core, opened.token, opened.sha256, { mapping });
    const applyMs = lap();
    const totalMs = Math.round(performance.now() - start);
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    closeCore(core);
    const mb = (n: number) => Math.round(n / 1048576);
    console.log(
      JSON.stringify({
        rows: N,
        fileBytes: bytes.length,
        openMs,
        previewMs,
        dryRunMs,
        applyMs,
        totalMs,
        created: batch.created,
        transfers: plan.counts.transfers,
        skipped: plan.counts.skip,
        rssBeforeMB: mb(rssBefore),
        peakRssMB: mb(peak),
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
