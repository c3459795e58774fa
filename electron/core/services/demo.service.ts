import demo from '../../../resources/demo/demo-register.json';
import { OrganisationSchema } from '../../../shared/domain/organisation';
import { AppError } from '../../../shared/errors';
import { countAll } from '../db/repos/register.repo';
import { tx, type Core } from '../core';
import { createEntry, parseDoc } from './register.service';
import { saveOrganisation } from './organisation.service';

/**
 * Loads the demo register (resources/demo/demo-register.json, written from the five seed
 * documents) through the same validation and services as the UI, so it is audited like any
 * other entry. Refuses to mix demo data into a register that already has records.
 */
export function loadDemo(core: Core): { controller: number; processor: number } {
  if (countAll(core.db) > 0) {
    throw AppError.conflict('The register already has records: the demo is only loaded into an empty register.');
  }
  return tx(core, () => {
    saveOrganisation(core, OrganisationSchema.parse(demo.organisation));
    for (const doc of demo.controller) createEntry(core, 'controller', parseDoc('controller', doc) as never, 'demo');
    for (const doc of demo.processor) createEntry(core, 'processor', parseDoc('processor', doc) as never, 'demo');
    return { controller: demo.controller.length, processor: demo.processor.length };
  });
}
