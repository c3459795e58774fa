import { deadline, isValidZone, toInstant } from './breach-clock';
import { foldOf, type Folds } from './breach-trail';
import type { BreachDoc, BreachNotification, ChecklistStepDef, NotificationTarget } from './breach';

/**
 * What the organisation's role in an incident asks of it (issue 12, "Roles"; shared/domain.md 3.2).
 * A controller notifies the authority (Art. 33(1)) and informs the data subjects (Art. 34(1)); a
 * processor does neither on its own: it informs each controller concerned without undue delay
 * (Art. 33(2)), within the contractual delay where the contract sets one (Art. 28(3)(f)), and it is
 * the controller, once told, that notifies. An organisation that is both (its own data and its
 * clients' data in the same incident) runs the two flows side by side.
 */

export const BREACH_ROLES = ['controller', 'processor', 'both'] as const;
export type BreachRole = (typeof BREACH_ROLES)[number];
/** The two shipped checklists; "both" runs the union of the two. */
export const CHECKLIST_ROLES = ['controller', 'processor'] as const;
export type ChecklistRole = (typeof CHECKLIST_ROLES)[number];

/** Art. 33(1): the controller notifies the supervisory authority; a processor does not notify it on its own. */
export function notifiesAuthority(role: BreachRole): boolean {
  return role === 'controller' || role === 'both';
}

/** Art. 34(1): the controller communicates the breach to the data subjects; a processor does not on its own. */
export function informsSubjects(role: BreachRole): boolean {
  return role === 'controller' || role === 'both';
}

/** Art. 33(2): the processor informs each controller concerned without undue delay after becoming aware. */
export function informsControllers(role: BreachRole): boolean {
  return role === 'processor' || role === 'both';
}

/** The notifications the organisation can record in its role (Art. 33(1), 33(2), 34(1)). */
export function notificationTargetsFor(role: BreachRole): NotificationTarget[] {
  return [...(notifiesAuthority(role) ? (['authority'] as const) : []), ...(informsSubjects(role) ? (['subjects'] as const) : []), ...(informsControllers(role) ? (['controller'] as const) : [])];
}

/**
 * Art. 33(2) with Art. 28(3)(f): one clock per client controller. With a contractual delay it is a
 * deadline counted in elapsed hours from the processor's awareness; without one the law says only
 * "without undue delay", so the clock has no due time (never a made-up one) and shows the time
 * elapsed since awareness. It stops at the first notice recorded to that controller.
 */
export type ControllerClock = Readonly<{
  party: string;
  /** The contractual delay in hours, or null when the contract sets none. */
  hours: number | null;
  startUtc: string;
  dueUtc: string | null;
  dueLocal: string | null;
  zone: string;
  /** When the controller was told (the first notice recorded to it), and how. */
  informed: Readonly<{ utc: string; sentAt: string; means: string; reference: string }> | null;
}>;

export function controllerClocks(doc: Pick<BreachDoc, 'role' | 'controllers' | 'zone' | 'awareAt' | 'notifications'> & Readonly<{ folds?: Folds }>): ControllerClock[] {
  if (!informsControllers(doc.role) || !isValidZone(doc.zone)) return [];
  // Awareness at the occurrence of a repeated hour the DPO chose (breach-trail.ts).
  const aware = toInstant({ local: doc.awareAt, zone: doc.zone, fold: foldOf(doc, 'awareAt') });
  if (!aware.ok) return [];
  return doc.controllers.map((c) => {
    const party = c.name.trim();
    const due = c.hours === null ? null : deadline('controllerNotice', aware.utc, c.hours, doc.zone, party);
    return { party, hours: c.hours, startUtc: aware.utc, dueUtc: due?.dueUtc ?? null, dueLocal: due?.dueLocal ?? null, zone: doc.zone, informed: firstNoticeTo(doc, party) };
  });
}

/** The first notice recorded to a client controller (Art. 33(2)): the one that stops its clock. */
export function firstNoticeTo(doc: Pick<BreachDoc, 'zone' | 'notifications'>, party: string): ControllerClock['informed'] {
  const notices = doc.notifications
    .filter((n) => n.to === 'controller' && n.phase === 'initial' && n.party.trim() === party.trim())
    .flatMap((n: BreachNotification) => {
      const r = toInstant({ local: n.sentAt, zone: doc.zone });
      return r.ok ? [{ utc: r.utc, sentAt: n.sentAt, means: n.means, reference: n.reference }] : [];
    })
    .sort((a, b) => a.utc.localeCompare(b.utc));
  return notices[0] ?? null;
}

/** The items of Art. 33(3) the notice to a controller must carry, so that the controller can notify in turn. */
export const ART33_3_ITEMS = ['nature', 'subjectCategories', 'personsApprox', 'dataCategories', 'recordsApprox', 'contact', 'consequences', 'measures'] as const;
export type Art33Item = (typeof ART33_3_ITEMS)[number];

/**
 * Art. 33(3)(a)-(d): what is still missing from the notice to a controller. Art. 33(4) lets the
 * information come in phases: a notice may go with gaps, which the document marks "to be completed".
 */
export function art33Gaps(doc: Pick<BreachDoc, 'nature' | 'subjectCategories' | 'personsApprox' | 'dataCategories' | 'specialCategories' | 'recordsApprox' | 'contact' | 'consequences' | 'measuresTaken' | 'measuresProposed'>): Art33Item[] {
  const has: Record<Art33Item, boolean> = {
    nature: doc.nature.length > 0,
    subjectCategories: doc.subjectCategories.length > 0,
    personsApprox: doc.personsApprox !== null,
    dataCategories: doc.dataCategories.length + doc.specialCategories.length > 0,
    recordsApprox: doc.recordsApprox !== null,
    contact: doc.contact.name.trim() !== '',
    consequences: doc.consequences.trim() !== '',
    measures: doc.measuresTaken.trim() !== '' || doc.measuresProposed.trim() !== '',
  };
  return ART33_3_ITEMS.filter((k) => !has[k]);
}

/** The checklists an incident follows: the controller's, the processor's, or both. */
export function checklistRolesFor(role: BreachRole): ChecklistRole[] {
  return role === 'both' ? ['controller', 'processor'] : [role];
}

/**
 * The steps of the two checklists as one list (organisation both controller and processor): the
 * first list in its order, each step of the second that the first lacks placed after the step
 * that precedes it in the second list.
 */
export function checklistUnion(first: ReadonlyArray<ChecklistStepDef>, second: ReadonlyArray<ChecklistStepDef>): ChecklistStepDef[] {
  const out = [...first];
  let after = -1;
  for (const step of second) {
    const at = out.findIndex((s) => s.id === step.id);
    if (at >= 0) {
      after = at;
      continue;
    }
    out.splice(after + 1, 0, step);
    after += 1;
  }
  return out;
}
