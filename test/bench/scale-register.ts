/**
 * A large, realistic register for the scale bench (issue 15): every record, supplier, transfer
 * and breach is one of the demo's own (resources/demo/demo-register.json, written from the five
 * seed documents) with a unique reference, name and marker word, created through the same
 * services and validation as the UI (audited), in one transaction per thousand records.
 *
 * Proportions follow issue 15: at 20,000 records, 2,000 suppliers, 2,000 transfers and 500
 * breaches (a tenth, a tenth and a fortieth of the records); one record in ten is a processor
 * activity; about a third of the reviews are overdue (issue 15 measured 7,038 of 20,000).
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import os from 'node:os';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import path from 'node:path';
import demo from '../../resources/demo/demo-register.json';
import { closeCore, openCore } from '../../electron/core/core';
import { OrganisationSchema } from '../../shared/domain/organisation';
import { BreachDocSchema, emptyBreachDoc, type BreachDoc } from '../../shared/domain/breach';
import { emptySupplierDoc } from '../../shared/domain/supplier';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import type { ControllerDoc, ProcessorDoc } from '../../shared/domain/register';
import type { Core } from '../../electron/core/core';
import { createEntry, parseDoc } from '../../electron/core/services/register.service';
import { saveOrganisation } from '../../electron/core/services/organisation.service';
import { createSupplier, parseSupplierDoc } from '../../electron/core/services/supplier.service';
import { createTransfer, parseTransferDoc } from '../../electron/core/services/transfer.service';
import { createBreach } from '../../electron/core/services/breach.service';

export type ScaleSize = { records: number; suppliers: number; transfers: number; breaches: number };

/** The proportions for a register of `records` activities. */
export function scaleSize(records: number): ScaleSize {
  return { records, suppliers: Math.round(records / 10), transfers: Math.round(records / 10), breaches: Math.round(records / 40) };
}

const pad = (i: number) => String(i).padStart(5, '0');
const COUNTRIES = ['États-Unis', 'Inde', 'Royaume-Uni', 'Canada', 'Brésil', 'Japon', 'Singapour', 'Maroc'];
const ISO = ['US', 'IN', 'GB', 'CA', 'BR', 'JP', 'SG', 'MA'];

/** Record i: one of the demo's complete controller records, renamed, with a review date spread over two years around `today`. */
export function scaleControllerDoc(i: number, today: Date): ControllerDoc {
  const base = demo.controller[i % 14] as unknown as ControllerDoc; // the 14 complete, active demo records
  const transfers = i % 3 === 0 ? [{ recipient: `Prestataire ${i}`, country: COUNTRIES[i % COUNTRIES.length]!, safeguard: 'SCC_2021' as const, document: `DPA-${i}` }] : [];
  // Offsets from -240 to +480 days: a third overdue.
  const review = new Date(today.getTime() + (((i * 37) % 720) - 240) * 86_400_000).toISOString().slice(0, 10);
  return {
    ...base,
    ref: `B-${pad(i)}`,
    name: `${base.name} — site ${i}`,
    notes: `${base.notes}\nLot de mesure n° ${i}. Marqueur unique m${i}x.`,
    nextReview: review,
    transfersToConvert: transfers.map((t) => ({ ...t, reason: 'country' as const })),
    recipients: [...base.recipients, { type: 'PROCESSOR', category: 'HOSTING', name: `Hébergeur ${i % 40}`, details: '' }],
  };
}

export function scaleProcessorDoc(i: number): ProcessorDoc {
  const base = demo.processor[i % demo.processor.length] as unknown as ProcessorDoc;
  return { ...base, ref: `P-${pad(i)}`, name: `${base.name} — client ${i}` };
}

/** Fills an empty register opened as `core`; returns the ids created. */
export function buildScaleRegister(core: Core, size: ScaleSize): { controllerIds: string[]; processorIds: string[]; supplierIds: string[] } {
  const today = core.now();
  const inBatches = (n: number, fn: (i: number) => void) => {
    for (let start = 0; start < n; start += 1000) {
      core.db.transaction(() => {
        for (let i = start; i < Math.min(n, start + 1000); i++) fn(i);
      })();
    }
  };
  saveOrganisation(core, OrganisationSchema.parse(demo.organisation));
  const processors = Math.round(size.records / 10);
  const controllerIds: string[] = [];
  const processorIds: string[] = [];
  inBatches(size.records - processors, (i) => controllerIds.push(createEntry(core, 'controller', parseDoc('controller', scaleControllerDoc(i, today)) as ControllerDoc, 'bench').id));
  inBatches(processors, (i) => processorIds.push(createEntry(core, 'processor', parseDoc('processor', scaleProcessorDoc(i)) as ProcessorDoc, 'bench').id));

  const demoSuppliers = (demo as unknown as { suppliers: Array<{ doc: Record<string, unknown> }> }).suppliers;
  const supplierIds: string[] = [];
  inBatches(size.suppliers, (i) => {
    const s = demoSuppliers[i % demoSuppliers.length]!;
    const doc = parseSupplierDoc({ ...emptySupplierDoc(), ...stripRelative(s.doc, today), name: `${String(s.doc.name)} ${i}`, activityIds: [controllerIds[(i * 7) % controllerIds.length]!] });
    supplierIds.push(createSupplier(core, doc, 'bench').id);
  });

  const demoTransfers = (demo as unknown as { transfers: Array<{ doc: Record<string, unknown> }> }).transfers;
  inBatches(size.transfers, (i) => {
    const base = emptyTransferDoc();
    const t = stripRelative(demoTransfers[i % demoTransfers.length]!.doc, today);
    const doc = parseTransferDoc({
      ...base,
      ...t,
      tia: { ...base.tia, ...((t.tia as object) ?? {}) },
      scc: { ...base.scc, ...((t.scc as object) ?? {}) },
      title: `${String(t.title ?? 'Transfert')} ${i}`,
      importerSupplierId: supplierIds.length ? supplierIds[i % supplierIds.length]! : '',
      exporterSupplierId: '',
      importerCountry: (t.importerCountry as string) || ISO[i % ISO.length]!,
      activityIds: [controllerIds[(i * 11) % controllerIds.length]!],
    });
    createTransfer(core, doc, 'bench');
  });

  const demoBreaches = (demo as unknown as { breaches: Array<{ doc: Partial<BreachDoc> }> }).breaches;
  inBatches(size.breaches, (i) => {
    const b = demoBreaches[i % demoBreaches.length]!;
    const day = new Date(today.getTime() - (i + 1) * 2 * 86_400_000).toISOString().slice(0, 10);
    // The demo's closed incidents keep their own times; the open one (times relative to load) gets a day in the past.
    const times = b.doc.occurredAt ? {} : { occurredAt: `${day}T08:00`, discoveredAt: `${day}T09:00`, awareAt: `${day}T10:00` };
    const base = emptyBreachDoc({ contact: { name: demo.organisation.dpo.name, role: demo.organisation.dpo.role, email: demo.organisation.dpo.email, phone: demo.organisation.dpo.phone } });
    const doc = { ...base, ...b.doc, ...times, title: `${b.doc.title ?? 'Incident'} ${i}`, activityIds: [controllerIds[(i * 13) % controllerIds.length]!] };
    createBreach(core, BreachDocSchema.parse(doc));
  });
  return { controllerIds, processorIds, supplierIds };
}

/** The demo writes some dates as "+40d" (days from load); the bench keeps them as today's offsets too. */
function stripRelative(doc: Record<string, unknown>, now: Date): Record<string, unknown> {
  const today = now.getTime();
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string' && /^[+-]\d+d$/.test(v)) return new Date(today + Number(v.slice(0, -1)) * 86_400_000).toISOString().slice(0, 10);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(doc) as Record<string, unknown>;
}

/** A scale register of `n` records written to `file` (the Playwright export test). */
export function buildScaleFileAt(file: string, n: number): void {
  const core = openCore(file, { actor: 'bench' });
  buildScaleRegister(core, scaleSize(n));
  core.db.pragma('wal_checkpoint(TRUNCATE)');
  closeCore(core);
}

/**
 * The scale register of `n` records every bench reads, built once and kept in the system's
 * temporary folder (`BENCH_SCALE_FILE`, with `<n>` for the size, overrides the name). Built
 * under a temporary name and renamed, so a half-built file is never taken for a whole one.
 * A file written by an older version is migrated by whoever opens it (the benches copy it first).
 */
function schemaOf(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

export function cachedScaleFile(n: number): string {
  const file = process.env.BENCH_SCALE_FILE?.replace('<n>', String(n)) ?? path.join(os.tmpdir(), `dpo-scale-${n}.sqlite`);
  // A file built before the last migration is built again: a bench that migrated its copy at each
  // run (a backup copy, then the migration) would time what a user's app does once, not the work.
  if (existsSync(file) && schemaOf(file) === LATEST_VERSION) return file;
  for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
  const tmp = `${file}.building`;
  for (const ext of ['', '-wal', '-shm']) rmSync(tmp + ext, { force: true });
  buildScaleFileAt(tmp, n);
  renameSync(tmp, file);
  return file;
}

if (process.argv[1]?.endsWith('scale-register.ts')) {
  // tsx test/bench/scale-register.ts --to FILE N   (one file, the e2e export test)
  // tsx test/bench/scale-register.ts 5000 20000    (the cached files)
  if (process.argv[2] === '--to') buildScaleFileAt(process.argv[3]!, Number(process.argv[4]));
  else for (const n of process.argv.slice(2).map(Number)) console.log(cachedScaleFile(n));
}
