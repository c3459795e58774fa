import demo from '../../../resources/demo/demo-register.json';
import { OrganisationSchema } from '../../../shared/domain/organisation';
import { AppError } from '../../../shared/errors';
import { countAll } from '../db/repos/register.repo';
import { tx, type Core } from '../core';
import { createEntry, parseDoc } from './register.service';
import { saveOrganisation } from './organisation.service';
import { DateTime } from 'luxon';
import { BreachDocSchema, emptyBreachDoc, type BreachDoc } from '../../../shared/domain/breach';
import { addJournalEntry, createBreach, saveBreachSettings, setBreachStep } from './breach.service';

type DemoBreach = {
  activityRefs: string[];
  processorRefs?: string[];
  /** Times given in hours before the demo is loaded, so that its open incident has a running clock. */
  relative?: { occurred: number; discovered: number; aware: number };
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
  }
  return breaches.length;
}

/**
 * Loads the demo register (resources/demo/demo-register.json, written from the five seed
 * documents) through the same validation and services as the UI, so it is audited like any
 * other entry. Refuses to mix demo data into a register that already has records.
 */
export function loadDemo(core: Core): { controller: number; processor: number; breaches: number } {
  if (countAll(core.db) > 0) {
    throw AppError.conflict('The register already has records: the demo is only loaded into an empty register.');
  }
  return tx(core, () => {
    saveOrganisation(core, OrganisationSchema.parse(demo.organisation));
    const ids = new Map<string, string>();
    for (const doc of demo.controller) ids.set(doc.ref, createEntry(core, 'controller', parseDoc('controller', doc) as never, 'demo').id);
    for (const doc of demo.processor) ids.set(doc.ref, createEntry(core, 'processor', parseDoc('processor', doc) as never, 'demo').id);
    // The demo company is a telecom operator and CPaaS (seed 002): the 24-hour regime applies, clients are told within 48 hours (seeds 000, 003).
    saveBreachSettings(core, { telecom: true, zone: 'Europe/Paris', controllerHours: 48 });
    const breaches = loadDemoBreaches(core, ids);
    return { controller: demo.controller.length, processor: demo.processor.length, breaches };
  });
}
