import { fileSlug } from '../../../shared/domain/text';
import type { Language } from '../../../shared/domain/enums';
import type { RegisterDoc } from '../../../shared/domain/register';
import { informsControllers, notifiesAuthority } from '../../../shared/domain/breach-role';
import { AppError } from '../../../shared/errors';
import { activityNames } from '../db/repos/export.repo';
import { listSuppliers as listSupplierRows } from '../db/repos/supplier.repo';
import type { Core } from '../core';
import { getBreach, listBreaches } from '../services/breach.service';
import { getLists } from '../services/lists.service';
import { getOrganisation } from '../services/organisation.service';
import { regimesFile } from '../services/breach-regimes.service';
import { breachContext, buildBreachDocument, buildBreachLogDocx, type BreachCtx, type BreachDocumentKind, type BreachItem } from './docx/breach-docx';

/** The context the breach documents are written with: labels, the organisation, the register's activity names. */
/** `now`: the day the document speaks of (the register export's as-of date), today by default. */
export function breachCtx(core: Core, language: Language, now: Date = core.now()): BreachCtx {
  const activities = activityNames(core.db, false);
  const suppliers = new Map(listSupplierRows(core.db, false).map((s) => [s.id, s.name]));
  return { ...breachContext(language, getOrganisation(core), getLists(core), activities, now, suppliers), regimes: regimesFile().regimes };
}

/** Every incident of the log (not in the trash), oldest awareness first, as the log lists them. */
export function breachLogItems(core: Core): BreachItem[] {
  return listBreaches(core, 'live')
    .map((s) => getBreach(core, s.id))
    .sort((a, b) => a.doc.awareAt.localeCompare(b.doc.awareAt) || a.ref.localeCompare(b.ref));
}

export type PreparedDocument = Readonly<{ buffer: Buffer; fileName: string }>;

export async function prepareBreachDocument(
  core: Core,
  id: string,
  kind: BreachDocumentKind,
  language: Language,
  options: { phase?: 'initial' | 'complementary'; party?: string; regime?: string; step?: string },
): Promise<PreparedDocument> {
  const entry = getBreach(core, id);
  if (kind === 'regime') {
    const regime = regimesFile().regimes.find((r) => r.id === options.regime);
    const step = regime?.steps.find((s) => s.id === options.step);
    if (!regime || !step) throw AppError.notFound(`No step "${options.step ?? ''}" of regime "${options.regime ?? ''}"`);
    const c = breachCtx(core, language);
    const buffer = await buildBreachDocument(c, entry, 'regime', options);
    return { buffer, fileName: `${entry.ref}-${fileSlug(regime.id)}-${fileSlug(language === 'fr' ? step.nameFr : step.nameEn)}.docx` };
  }
  if (kind === 'controller') {
    if (!informsControllers(entry.doc.role)) throw AppError.conflict('This incident has no client controller: the organisation is the controller.');
    const party = options.party ?? entry.doc.controllers[0]?.name;
    if (!party || !entry.doc.controllers.some((c) => c.name.trim() === party.trim())) throw AppError.notFound(`No client controller "${party ?? ''}" on ${entry.ref}`);
    options = { ...options, party };
  }
  // Art. 33(2): a processor alone tells its controllers; the authority and the data subjects are theirs to tell.
  if (kind !== 'controller' && !notifiesAuthority(entry.doc.role)) throw AppError.conflict('The organisation is processor for this incident: the controllers notify the authority and inform the data subjects.');
  const c = breachCtx(core, language);
  const buffer = await buildBreachDocument(c, entry, kind, options);
  const name = c.t(`breachDoc.file${kind === 'authority' ? 'Authority' : kind === 'subjects' ? 'Subjects' : 'Controller'}`);
  const suffix = kind === 'authority' ? `-${options.phase ?? 'initial'}` : kind === 'controller' ? `-${fileSlug(options.party ?? '')}` : '';
  return { buffer, fileName: `${entry.ref}-${name}${suffix}.docx` };
}

export async function prepareBreachLog(core: Core, language: Language): Promise<PreparedDocument> {
  const c = breachCtx(core, language);
  const buffer = await buildBreachLogDocx(c, breachLogItems(core));
  return { buffer, fileName: `${c.t('breachDoc.fileLog')}-${core.now().toISOString().slice(0, 10)}.docx` };
}

