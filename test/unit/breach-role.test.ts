import { describe, expect, it } from 'vitest';
import { BreachDocSchema, SHIPPED_CHECKLISTS, breachClocks, emptyBreachDoc, type BreachDoc } from '../../shared/domain/breach';
import {
  art33Gaps,
  checklistRolesFor,
  checklistUnion,
  controllerClocks,
  informsControllers,
  informsSubjects,
  notificationTargetsFor,
  notifiesAuthority,
} from '../../shared/domain/breach-role';

/** An incident at 22:30 Paris on the eve of the change to summer time (21:30 UTC). */
const incident = (overrides: Partial<BreachDoc> = {}): BreachDoc => ({
  ...emptyBreachDoc(),
  title: 'Stockage exposé',
  discoveredAt: '2026-03-28T22:00',
  awareAt: '2026-03-28T22:30',
  nature: ['CONFIDENTIALITY'],
  description: 'Un espace de stockage lisible publiquement.',
  contact: { name: 'Claire Martin', role: 'DPO', email: '', phone: '' },
  ...overrides,
});

const notice = (party: string, sentAt: string, phase: 'initial' | 'complementary' = 'initial') => ({ to: 'controller' as const, party, phase, sentAt, reference: 'T-1', means: 'e-mail', delayReason: '' });

describe('the organisation’s role in an incident', () => {
  it('Art. 33(1): the controller notifies the supervisory authority; a processor does not on its own', () => {
    expect([notifiesAuthority('controller'), notifiesAuthority('processor'), notifiesAuthority('both')]).toEqual([true, false, true]);
    const kinds = (role: BreachDoc['role']) => breachClocks(incident({ role, controllers: role === 'controller' ? [] : [{ name: 'Client A', hours: 24 }] })).map((c) => c.kind);
    expect(kinds('controller')).toEqual(['authority']);
    expect(kinds('processor')).toEqual(['controllerNotice']); // no 72-hour authority clock
    expect(kinds('both')).toEqual(['authority', 'controllerNotice']);
    // Nor the telecom clocks: they are the provider's notification to the authority.
    expect(breachClocks(incident({ role: 'processor', telecom: true, controllers: [{ name: 'Client A', hours: null }] }))).toEqual([]);
  });

  it('Art. 34(1): the controller informs the data subjects; a processor does not on its own', () => {
    expect([informsSubjects('controller'), informsSubjects('processor'), informsSubjects('both')]).toEqual([true, false, true]);
    expect(notificationTargetsFor('processor')).toEqual(['controller']);
    expect(notificationTargetsFor('controller')).toEqual(['authority', 'subjects']);
    expect(notificationTargetsFor('both')).toEqual(['authority', 'subjects', 'controller']);
    const r = BreachDocSchema.safeParse(
      incident({ role: 'processor', controllers: [{ name: 'Client A', hours: null }], notifications: [{ to: 'subjects', party: '', phase: 'initial', sentAt: '2026-03-29T10:00', reference: '', means: 'e-mail', delayReason: '' }] }),
    );
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual(['notifications.0.to', 'processorDoesNotNotify']);
  });

  it('Art. 33(2): a processor informs each controller without undue delay', () => {
    expect([informsControllers('controller'), informsControllers('processor'), informsControllers('both')]).toEqual([false, true, true]);
    const doc = incident({ role: 'processor', controllers: [{ name: 'Client A', hours: 48 }, { name: 'Client B', hours: null }] });
    const [a, b] = controllerClocks(doc);
    // With a contractual delay: elapsed hours from awareness, across the change to summer time.
    expect(a).toMatchObject({ party: 'Client A', hours: 48, startUtc: '2026-03-28T21:30:00Z', dueUtc: '2026-03-30T21:30:00Z', dueLocal: '2026-03-30T23:30', informed: null });
    // Without one: "without undue delay", no made-up deadline; the clock counts from awareness.
    expect(b).toMatchObject({ party: 'Client B', hours: null, startUtc: '2026-03-28T21:30:00Z', dueUtc: null, dueLocal: null, informed: null });
    expect(breachClocks(doc).map((c) => c.party)).toEqual(['Client A']);
    // A processor names the controllers it informs, each once.
    const issues = (d: BreachDoc) => {
      const r = BreachDocSchema.safeParse(d);
      return r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message]);
    };
    expect(issues(incident({ role: 'processor', controllers: [] }))).toContainEqual(['controllers', 'controllersRequired']);
    expect(issues(incident({ role: 'both', controllers: [{ name: 'A', hours: 24 }, { name: 'A ', hours: 12 }] }))).toContainEqual(['controllers.1.name', 'duplicateController']);
  });

  it('Art. 33(2): each controller’s clock stops at the first notice recorded to it, and says when and how', () => {
    const doc = incident({
      role: 'processor',
      controllers: [{ name: 'Client A', hours: 24 }, { name: 'Client B', hours: null }],
      notifications: [notice('Client B', '2026-03-29T12:00', 'complementary'), notice('Client B', '2026-03-29T09:15'), notice('Client A', '2026-03-30T01:00')],
    });
    const [a, b] = controllerClocks(doc);
    expect(b!.informed).toEqual({ utc: '2026-03-29T07:15:00Z', sentAt: '2026-03-29T09:15', means: 'e-mail', reference: 'T-1' });
    expect(a!.informed?.utc).toBe('2026-03-29T23:00:00Z');
    expect(breachClocks(doc)).toEqual([expect.objectContaining({ kind: 'controllerNotice', party: 'Client A', dueUtc: '2026-03-29T21:30:00Z', stoppedUtc: '2026-03-29T23:00:00Z' })]);
    // Late against the contract: the reasons are asked for (Art. 33(1) by analogy, the contract's delay).
    const r = BreachDocSchema.safeParse(doc);
    expect(r.success ? [] : r.error.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['notifications.2.delayReason', 'delayReasonRequired']]);
    expect(controllerClocks({ ...doc, role: 'controller' })).toEqual([]);
  });

  it('Art. 33(3): the notice to a controller carries the nature, the people and records, a contact point, the consequences and the measures', () => {
    expect(art33Gaps(incident())).toEqual(['subjectCategories', 'personsApprox', 'dataCategories', 'recordsApprox', 'consequences', 'measures']);
    const full = incident({ subjectCategories: ['CALLERS'], personsApprox: 800, dataCategories: ['CONTACT'], recordsApprox: 1900, consequences: 'Écoute d’appels', measuresProposed: 'Revue de configuration' });
    expect(art33Gaps(full)).toEqual([]);
    expect(art33Gaps({ ...full, contact: { name: ' ', role: '', email: '', phone: '' } })).toEqual(['contact']);
  });

  it('Art. 33(2) and 33(1): the checklist follows the role, the processor’s alone carrying "inform the client controllers"', () => {
    const ids = (role: 'controller' | 'processor') => SHIPPED_CHECKLISTS[role].map((s) => s.id);
    expect(ids('processor')).toContain('tellControllers');
    expect(ids('controller')).not.toContain('tellControllers');
    expect(ids('controller')).toEqual(expect.arrayContaining(['notifyAuthority', 'informSubjects']));
    expect(ids('processor')).not.toEqual(expect.arrayContaining(['notifyAuthority']));
    expect(checklistRolesFor('both')).toEqual(['controller', 'processor']);
    expect(checklistRolesFor('processor')).toEqual(['processor']);
    // Both: the union, each step once, the processor's steps where they sit in its own list.
    const union = checklistUnion(SHIPPED_CHECKLISTS.controller, SHIPPED_CHECKLISTS.processor).map((s) => s.id);
    expect(union).toEqual(['contain', 'evidence', 'assess', 'document', 'tellControllers', 'assistControllers', 'decide', 'notifyAuthority', 'informSubjects', 'followUp', 'lessons']);
  });
});
