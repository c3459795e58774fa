import demo from '../../../resources/demo/demo-register.json';
import { OrganisationSchema } from '../../../shared/domain/organisation';
import { AppError } from '../../../shared/errors';
import { countAll } from '../db/repos/register.repo';
import { tx, type Core } from '../core';
import { createEntry, parseDoc } from './register.service';
import { saveOrganisation } from './organisation.service';
import { DateTime } from 'luxon';
import { BreachDocSchema, emptyBreachDoc, type BreachDoc } from '../../../shared/domain/breach';
import { addJournalEntry, createBreach, getBreach, informController, saveBreachSettings, setBreachStep } from './breach.service';
import { createSupplier, parseSupplierDoc } from './supplier.service';
import { BUILT_IN_TEMPLATE, createAudit, parseAuditDoc, updateAudit } from './audit.service';
import { emptySupplierDoc } from '../../../shared/domain/supplier';
import { emptyTransferDoc } from '../../../shared/domain/transfer';
import { createTransfer, parseTransferDoc } from './transfer.service';

/** importerSupplier / exporterSupplier: supplier names (an onward transfer is exported by a supplier). */
type DemoTransfer = { importerSupplier: string; exporterSupplier?: string; activityRefs: string[]; doc: Record<string, unknown> };

function loadDemoTransfers(core: Core, ids: Map<string, string>, suppliers: Map<string, string>): number {
  const transfers = (demo as unknown as { transfers: DemoTransfer[] }).transfers;
  for (const t of transfers) {
    const base = emptyTransferDoc();
    const raw = relativeDates({ ...base, ...t.doc, tia: { ...base.tia, ...((t.doc.tia as object) ?? {}) }, scc: { ...base.scc, ...((t.doc.scc as object) ?? {}) } }, core.now());
    const doc = parseTransferDoc({ ...raw, importerSupplierId: t.importerSupplier ? suppliers.get(t.importerSupplier)! : '', exporterSupplierId: t.exporterSupplier ? suppliers.get(t.exporterSupplier)! : '', activityIds: t.activityRefs.map((r) => ids.get(r)!) });
    createTransfer(core, doc, 'demo');
  }
  return transfers.length;
}

type DemoSupplier = {
  activityRefs: string[];
  doc: Record<string, unknown>;
  audit?: { answers: Record<string, string>; [key: string]: unknown };
};

/** Dates written "+40d" or "-10d" in the demo are days from the day it is loaded, so its alerts are current. */
function relativeDates<T>(value: T, today: Date): T {
  if (typeof value === 'string' && /^[+-]\d+d$/.test(value)) {
    return new Date(today.getTime() + Number(value.slice(0, -1)) * 86_400_000).toISOString().slice(0, 10) as T;
  }
  if (Array.isArray(value)) return value.map((v) => relativeDates(v, today)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relativeDates(v, today)])) as T;
  return value;
}

function loadDemoSuppliers(core: Core, ids: Map<string, string>): Map<string, string> {
  const suppliers = (demo as unknown as { suppliers: DemoSupplier[] }).suppliers;
  const byName = new Map<string, string>();
  for (const s of suppliers) {
    const doc = parseSupplierDoc(relativeDates({ ...emptySupplierDoc(), ...s.doc, activityIds: s.activityRefs.map((ref) => ids.get(ref)!) }, core.now()));
    const entry = createSupplier(core, doc, 'demo');
    byName.set(doc.name, entry.id);
    if (s.audit) {
      const a = createAudit(core, entry.id, BUILT_IN_TEMPLATE);
      const { answers, ...rest } = relativeDates(s.audit, core.now());
      const auditDoc = parseAuditDoc({ ...a.doc, ...rest, answers: Object.fromEntries(Object.entries(answers).map(([q, value]) => [q, { value, comment: '' }])) });
      updateAudit(core, a.id, a.version, auditDoc, 'demo');
    }
  }
  return byName;
}

type DemoBreach = {
  activityRefs: string[];
  processorRefs?: string[];
  /** Times given in hours before the demo is loaded, so that its open incident has a running clock. */
  relative?: { occurred: number; discovered: number; aware: number };
  /** Processor incident (issue 12): the client controllers already informed, hours before the demo is loaded. */
  informed?: Array<{ party: string; hoursAgo: number; means: string; reference: string }>;
  steps: string[];
  journal: string[];
  doc: Partial<BreachDoc>;
};

function loadDemoBreaches(core: Core, ids: Map<string, string>): number {
  const breaches = (demo as unknown as { breaches: DemoBreach[] }).breaches;
  for (const b of breaches) {
    const base = emptyBreachDoc({ contact: { name: demo.organisation.dpo.name, role: demo.organisation.dpo.role, email: demo.organisation.dpo.email, phone: demo.organisation.dpo.phone } });
    const doc: BreachDoc = { ...base, ...b.doc, activityIds: [...b.activityRefs, ...(b.processorRefs ?? [])].map((ref) => ids.get(ref)!) } as BreachDoc;
    if (b.relative) {
      const ago = (hours: number) => DateTime.fromJSDate(core.now()).setZone(doc.zone).minus({ hours }).toFormat("yyyy-MM-dd'T'HH:mm");
      Object.assign(doc, { occurredAt: ago(b.relative.occurred), discoveredAt: ago(b.relative.discovered), awareAt: ago(b.relative.aware) });
    }
    const entry = createBreach(core, BreachDocSchema.parse(doc));
    for (const step of b.steps) setBreachStep(core, entry.id, step, true, '');
    for (const text of b.journal) addJournalEntry(core, entry.id, text);
    for (const n of b.informed ?? []) {
      const sentAt = DateTime.fromJSDate(core.now()).setZone(doc.zone).minus({ hours: n.hoursAgo }).toFormat("yyyy-MM-dd'T'HH:mm");
      informController(core, entry.id, getBreach(core, entry.id).version, { party: n.party, sentAt, means: n.means, reference: n.reference, delayReason: '' });
    }
  }
  return breaches.length;
}

/**
 * Loads the demo register (resources/demo/demo-register.json, written from the five seed
 * documents) through the same validation and services as the UI, so it is audited like any
 * other entry. Refuses to mix demo data into a register that already has records.
 */
export function loadDemo(core: Core): { controller: number; processor: number; breaches: number; suppliers: number; transfers: number } {
  if (countAll(core.db) > 0) {
    throw AppError.conflict('The register already has records: the demo is only loaded into an empty register.');
  }
  return tx(core, () => {
    saveOrganisation(core, OrganisationSchema.parse(demo.organisation));
    const ids = new Map<string, string>();
    for (const doc of demo.controller) ids.set(doc.ref, createEntry(core, 'controller', parseDoc('controller', doc) as never, 'demo').id);
    for (const doc of demo.processor) ids.set(doc.ref, createEntry(core, 'processor', parseDoc('processor', doc) as never, 'demo').id);
    // The demo company is a telecom operator and CPaaS (seed 002): the 24-hour regime applies, clients are told within 48 hours (seeds 000, 003);
    // a provider of public electronic communications of its size is an essential entity under NIS2 (Directive 2022/2555, Annex I), so NIS2 incidents are tracked.
    saveBreachSettings(core, { telecom: true, zone: 'Europe/Paris', controllerHours: 48, regimeFlags: { nis2Entity: 'essential' } });
    const breaches = loadDemoBreaches(core, ids);
    const suppliers = loadDemoSuppliers(core, ids);
    const transfers = loadDemoTransfers(core, ids, suppliers);
    return { controller: demo.controller.length, processor: demo.processor.length, breaches, suppliers: suppliers.size, transfers };
  });
}
