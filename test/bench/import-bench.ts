/**
 * Part of `npm run bench`: builds a 5,000-row .xlsx register (one row per processing) from the
 * demo's realistic texts, then, in a process of its own (so that its peak memory is the
 * import's, not the building's):
 * - the wizard's steps through the import service, with the suggested mapping: open, preview,
 *   dry run, apply into a new register file (wall and processor time per step, peak RSS as the
 *   system counts it, heap after each step and sampled while it runs);
 * - the same import cut into its phases, on another new register file: read (the rows streamed
 *   out of the file), interpret (rows into proposed records), dry run (the plan: matching,
 *   validation, report), apply (one transaction: the plan again, then the writes).
 * Prints JSON. Target (issue 13): the whole import under 20 s, memory bounded.
 * `BENCH_IMPORT_ROWS=20000 npx tsx test/bench/import-bench.ts` for another size.
 */
import ExcelJS from 'exceljs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import demo from '../../resources/demo/demo-register.json';
import lists from '../../resources/reference/lists.json';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { applyImport, dryRun } from '../../electron/core/import/apply';
import { columnsOf, readGenericRow } from '../../electron/core/import/generic';
import { applyImportFile, dryRunImport, genericContext, openImport, previewImport } from '../../electron/core/import/import.service';
import type { ImportProposal, ProposedRecord } from '../../electron/core/import/proposal';
import { openWorkbook } from '../../electron/core/import/read';
import { suggestColumns } from '../../electron/core/import/suggest';
import type { Row } from '../../electron/core/import/types';
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

const MB = 1048576;
const mb = (n: number) => Math.round(n / MB);

/** Wall and processor time of a step (on a shared machine the processor time says more than the wall time). */
async function timed<T>(fn: () => Promise<T> | T): Promise<{ value: T; ms: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: Math.round(performance.now() - t), cpuMs: Math.round((used.user + used.system) / 1000) };
}

/** The import as the wizard runs it, then phase by phase; in this process only. */
async function measure(file: string): Promise<Record<string, unknown>> {
  const bytes = new Uint8Array(readFileSync(file));
  const fileName = path.basename(file);
  const dir = path.dirname(file);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = process.memoryUsage().heapUsed;
  let heapPeak = heapBefore;
  const sampleHeap = () => {
    heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
  };
  // Samples while the reading awaits; the apply is one synchronous transaction: its heap is read right after it.
  const sampler = setInterval(sampleHeap, 5);
  const heapAfter: Record<string, number> = {};
  const wizard: Record<string, number> = {};
  let core: Core = openCore(path.join(dir, 'wizard.sqlite'), { actor: 'bench' });
  const step = async <T>(name: string, fn: () => Promise<T>) => {
    const r = await timed(fn);
    wizard[`${name}Ms`] = r.ms;
    wizard[`${name}CpuMs`] = r.cpuMs;
    sampleHeap();
    heapAfter[name] = mb(process.memoryUsage().heapUsed);
    return r.value;
  };
  const start = performance.now();
  const opened = await step('open', () => openImport(core, fileName, bytes));
  const mapping = opened.table!.suggested;
  await step('preview', () => previewImport(core, opened.token, mapping, 'fr'));
  const plan = await step('dryRun', () => dryRunImport(core, opened.token, { mapping }));
  const { batch } = await step('apply', () => applyImportFile(core, opened.token, opened.sha256, { mapping }));
  wizard.totalMs = Math.round(performance.now() - start);
  clearInterval(sampler);
  closeCore(core);
  const peakRss = process.resourceUsage().maxRSS * 1024;

  // The same file, phase by phase, into another new register.
  core = openCore(path.join(dir, 'phases.sqlite'), { actor: 'bench' });
  const phases: Record<string, number> = {};
  const read = await timed(async () => {
    const source = await openWorkbook(bytes, fileName);
    if (!source.ok) throw new Error(source.error.key);
    const rows: Row[] = [];
    for await (const row of source.value.rows(0)) rows.push(row);
    return { source: source.value, rows };
  });
  const { source, rows } = read.value;
  const interpret = await timed(() => {
    const header = rows.find((r) => r.cells.length > 0)!;
    const columns = columnsOf(header);
    const m = { columns: suggestColumns(columns.map((c) => c.header)), values: {} };
    const ctx = genericContext(core);
    const records: ProposedRecord[] = [];
    for (const row of rows) if (row.index > header.index) records.push(readGenericRow(row, columns, m, ctx, source.sheets[0]!.name));
    return { source: 'table', records, fileProblems: [] } satisfies ImportProposal;
  });
  const info = { fileName, sha256: source.sha256, format: source.format };
  const dry = await timed(() => dryRun(core, interpret.value, info, { replaceOrganisation: false }));
  const apply = await timed(() => applyImport(core, interpret.value, info, { replaceOrganisation: false }));
  for (const [name, r] of Object.entries({ read, interpret, dryRun: dry, apply })) {
    phases[`${name}Ms`] = r.ms;
    phases[`${name}CpuMs`] = r.cpuMs;
  }
  closeCore(core);
  if (apply.value.batch.created !== batch.created) throw new Error('the two runs differ');
  return {
    rows: rows.length - 1,
    fileBytes: bytes.length,
    wizard,
    phases,
    created: batch.created,
    transfers: plan.counts.transfers,
    skipped: plan.counts.skip,
    rssBeforeMB: mb(rssBefore),
    peakRssMB: mb(peakRss),
    heapBeforeMB: mb(heapBefore),
    heapPeakMB: mb(heapPeak),
    heapAfterStepMB: heapAfter,
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}

async function main() {
  const file = process.argv[2];
  if (file) {
    console.log(JSON.stringify(await measure(file)));
    return;
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-import-bench-'));
  try {
    const target = path.join(dir, `registre-${N}.xlsx`);
    writeFileSync(target, await buildXlsx());
    const run = spawnSync(process.execPath, [...process.execArgv, import.meta.filename, target], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`import bench failed: ${run.stderr}`);
    console.log(run.stdout.trim().split('\n').pop());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
