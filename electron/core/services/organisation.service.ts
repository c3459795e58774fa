import { emptyOrganisation, OrganisationSchema, type Organisation } from '../../../shared/domain/organisation';
import * as repo from '../db/repos/organisation.repo';
import { tx, type Core } from '../core';
import { audit } from './audit';

export const ORGANISATION_ENTITY = 'organisation';

export function getOrganisation(core: Core): Organisation {
  const doc = repo.getOrganisationDoc(core.db);
  if (!doc) return emptyOrganisation();
  // Documents written by an older version get the fields added since, with their defaults.
  return OrganisationSchema.parse({ ...emptyOrganisation(), ...JSON.parse(doc) });
}

export function saveOrganisation(core: Core, doc: Organisation): Organisation {
  return tx(core, () => {
    const before = repo.getOrganisationDoc(core.db);
    if (before === JSON.stringify(doc)) return doc;
    repo.saveOrganisationDoc(core.db, JSON.stringify(doc), core.now().toISOString());
    audit(core, ORGANISATION_ENTITY, '1', before ? 'update' : 'create', before ? JSON.parse(before) : null, doc);
    return getOrganisation(core);
  });
}
