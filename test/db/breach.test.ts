import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { AppError } from '../../shared/errors';
import { call, fullBreachDoc, fullControllerDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => {
  ({ core, cleanup } = testCore());
});
afterEach(() => cleanup());

const issuesOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const data = (err as AppError).data;
  return data.code === 'validation' ? data.issues : [{ path: '', message: data.code }];
};

describe('the breach log', () => {
  it('records an incident with a yearly reference, the checklist of the current template, and its clocks', async () => {
    const first = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const second = await call(core, 'breach:create', { doc: fullBreachDoc({ title: 'Second' }) });
    expect([first.ref, second.ref]).toEqual(['VIOL-2026-001', 'VIOL-2026-002']);
    expect(first.templateVersion).toBe(1);
    // The controller's checklist: it notifies the authority and informs the subjects; telling client controllers is the processor's step.
    expect(first.steps.map((s) => s.id)).toEqual(['contain', 'evidence', 'assess', 'document', 'decide', 'notifyAuthority', 'informSubjects', 'followUp', 'lessons']);
    // 22:30 on the eve of the change to summer time: 72 elapsed hours later it is 23:30 local.
    expect(first.clocks).toEqual([
      expect.objectContaining({ kind: 'authority', startUtc: '2026-03-28T21:30:00Z', dueUtc: '2026-03-31T21:30:00Z', dueLocal: '2026-03-31T23:30', stoppedUtc: null, waived: false }),
    ]);
    expect(first.suggestion.level).toBe('high');
    const list = await call(core, 'breach:list', { scope: 'live' });
    expect(list.map((s) => s.ref)).toEqual(['VIOL-2026-002', 'VIOL-2026-001'].sort().reverse());
    expect(list[0]).toMatchObject({ level: 'high', confirmed: false, stepsDone: 0, stepsTotal: 9 });
  });

  it('refuses awareness before occurrence, with the message on the field, and writes nothing', async () => {
    const issues = await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ occurredAt: '2026-03-29T08:00', discoveredAt: '2026-03-29T09:00' }) }));
    expect(issues).toContainEqual({ path: 'awareAt', message: 'awareBeforeOccurred' });
    expect(await call(core, 'breach:list', { scope: 'live' })).toEqual([]);
  });

  it('refuses a time skipped by the clock change, a time in the future, an unknown zone, codes not in the lists', async () => {
    expect(await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ awareAt: '2026-03-29T02:30' }) }))).toContainEqual({ path: 'awareAt', message: 'nonexistentTime' });
    expect(await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ awareAt: '2027-01-01T10:00' }) }))).toContainEqual({ path: 'awareAt', message: 'inFuture' });
    expect(await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ zone: 'Mars/Olympus' }) }))).toContainEqual({ path: 'zone', message: 'zone' });
    expect(await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ dataCategories: ['NOPE'] }) }))).toContainEqual({ path: 'dataCategories.0', message: 'unknownCode' });
  });

  it('requires the reasons of decisions, of an override, of a late notification, and a 34(3) exception when high risk goes uninformed', async () => {
    const issues = await issuesOf(
      call(core, 'breach:create', {
        doc: fullBreachDoc({
          risk: { ...fullBreachDoc().risk, level: 'none' },
          decision: { authority: 'notify', authorityReason: '', subjects: 'noInform', subjectsException: '', subjectsReason: 'x' },
          notifications: [{ to: 'authority', party: '', phase: 'initial', sentAt: '2026-04-02T10:00', reference: 'CNIL-1', means: 'téléservice', delayReason: '' }],
        }),
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'risk.justification', message: 'overrideJustification' },
        { path: 'decision.authorityReason', message: 'decisionReason' },
        { path: 'notifications.0.delayReason', message: 'delayReasonRequired' },
      ]),
    );
    // The override is justified, so the level retained is "none" and no exception is needed.
    const high = await issuesOf(
      call(core, 'breach:create', { doc: fullBreachDoc({ decision: { authority: 'notify', authorityReason: 'r', subjects: 'noInform', subjectsException: '', subjectsReason: 'x' } }) }),
    );
    expect(high).toContainEqual({ path: 'decision.subjectsException', message: 'exceptionRequired' });
  });

  // Issue 12: the complementary clock now starts only from an initial notification "to be completed" (Reg. 611/2013 Art. 2(3)).
  it('stops the authority clock at the initial notification and, when it is to be completed, starts the telecom complementary clock from it', async () => {
    const doc = fullBreachDoc({
      telecom: true,
      notifications: [{ to: 'authority', party: '', phase: 'initial', sentAt: '2026-03-29T18:00', reference: 'CNIL-42', means: 'téléservice', delayReason: '', completeness: 'toComplete' }],
    });
    const e = await call(core, 'breach:create', { doc });
    const byKind = Object.fromEntries(e.clocks.map((c) => [c.kind, c]));
    expect(byKind.authority!.stoppedUtc).toBe('2026-03-29T16:00:00Z');
    // Detection 21:15 CET = 20:15 UTC; 24 hours later.
    expect(byKind.telecomInitial).toMatchObject({ dueUtc: '2026-03-29T20:15:00Z', stoppedUtc: '2026-03-29T16:00:00Z' });
    expect(byKind.telecomComplementary).toMatchObject({ startUtc: '2026-03-29T16:00:00Z', dueUtc: '2026-04-01T16:00:00Z', stoppedUtc: null });
  });

  it('as processor, runs one clock per client controller with its contractual delay', async () => {
    const e = await call(core, 'breach:create', {
      doc: fullBreachDoc({ role: 'processor', controllers: [{ name: 'Client A', hours: 48 }, { name: 'Client B', hours: 24 }] }),
    });
    expect(e.clocks.filter((c) => c.kind === 'controllerNotice').map((c) => [c.party, c.dueLocal])).toEqual([
      ['Client A', '2026-03-30T23:30'], // 21:30 UTC + 48 h, in summer time
      ['Client B', '2026-03-29T23:30'],
    ]);
    expect(await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ role: 'processor', controllers: [] }) }))).toContainEqual({ path: 'controllers', message: 'controllersRequired' });
  });

  it('ticks steps with the core’s time and who, keeps a journal, and audits every change', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const ticked = await call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: 'Serveurs isolés' });
    const step = ticked.steps.find((s) => s.id === 'contain')!;
    expect(step.doneAt).toMatch(/^2026-11-24T09:00:\d\dZ|^2026-11-24T09:00:\d\d\.\d{3}Z$/);
    expect(step).toMatchObject({ doneBy: 'tester', note: 'Serveurs isolés' });
    const untouched = await call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: 'Serveurs isolés, VLAN coupé' });
    expect(untouched.steps[0]!.doneAt).toBe(step.doneAt); // the first tick's time is kept
    const j = await call(core, 'breach:journal', { id: e.id, text: 'Appel avec le prestataire de réponse à incident' });
    expect(j.journal).toEqual([expect.objectContaining({ actor: 'tester', text: 'Appel avec le prestataire de réponse à incident' })]);
    const updated = await call(core, 'breach:update', { id: e.id, version: e.version, doc: { ...e.doc, status: 'contained' } });
    expect(updated.version).toBe(e.version + 1);
    await expect(call(core, 'breach:update', { id: e.id, version: e.version, doc: e.doc })).rejects.toMatchObject({ data: { code: 'conflict' } });
    const hist = await call(core, 'breach:history', { id: e.id });
    expect(hist.map((h) => h.action)).toEqual(['update', 'journal', 'step', 'step', 'create']);
    expect(hist[0]!.changes).toContainEqual(expect.objectContaining({ path: 'status', before: 'open', after: 'contained' }));
    // Each tick says which step, when, and the note.
    expect(hist[3]!.changes).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'steps.contain.doneAt', before: null, after: step.doneAt }), expect.objectContaining({ path: 'steps.contain.note', after: 'Serveurs isolés' })]));
  });

  it('each incident keeps the checklist version it started with', async () => {
    const before = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const tpl = await call(core, 'checklist:get', {});
    const saved = await call(core, 'checklist:save', { steps: [...tpl.steps.slice(0, 2), { id: 'insurer', labelFr: 'Prévenir l’assureur cyber', labelEn: 'Tell the cyber insurer' }] });
    // The shipped lists are versions 1 (controller) and 2 (processor): one sequence of versions.
    expect([tpl.version, saved.version]).toEqual([1, 3]);
    const after = await call(core, 'breach:create', { doc: fullBreachDoc() });
    expect(after.templateVersion).toBe(3);
    expect(after.steps.map((s) => s.id)).toEqual(['contain', 'evidence', 'insurer']);
    expect((await call(core, 'breach:get', { id: before.id })).steps).toHaveLength(9);
    expect(await issuesOf(call(core, 'checklist:save', { steps: [] }))).toContainEqual({ path: 'steps', message: 'required' });
  });

  it('moves an incident to the trash and back; emptying the trash erases it', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    await call(core, 'breach:delete', { id: e.id });
    expect(await call(core, 'breach:list', { scope: 'live' })).toEqual([]);
    expect((await call(core, 'breach:list', { scope: 'trash' })).map((s) => s.id)).toEqual([e.id]);
    await expect(call(core, 'breach:step', { id: e.id, step: 'contain', done: true, note: '' })).rejects.toMatchObject({ data: { code: 'conflict' } });
    await call(core, 'breach:restore', { id: e.id });
    expect((await call(core, 'breach:list', { scope: 'live' })).map((s) => s.id)).toEqual([e.id]);
    await call(core, 'breach:delete', { id: e.id });
    expect(await call(core, 'trash:empty', {})).toEqual({ purged: 1 });
    await expect(call(core, 'breach:get', { id: e.id })).rejects.toMatchObject({ data: { code: 'not_found' } });
  });

  it('links processing activities of the register, and refuses one that is not there', async () => {
    const rec = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const e = await call(core, 'breach:create', { doc: fullBreachDoc({ activityIds: [rec.id] }) });
    expect(e.doc.activityIds).toEqual([rec.id]);
    expect(await issuesOf(call(core, 'breach:create', { doc: fullBreachDoc({ activityIds: ['7d0c7e5e-8d0b-4c53-9d7e-1f0f4c3f9a11'] }) }))).toContainEqual({
      path: 'activityIds.0',
      message: 'unknownActivity',
    });
  });

  it('puts open incidents on the dashboard, most urgent first', async () => {
    await call(core, 'breach:create', { doc: fullBreachDoc({ title: 'Later', discoveredAt: '2026-04-10T09:00', awareAt: '2026-04-10T10:00', occurredAt: '2026-04-10T08:00', endedAt: '' }) });
    await call(core, 'breach:create', { doc: fullBreachDoc({ title: 'Sooner' }) });
    await call(core, 'breach:create', { doc: fullBreachDoc({ title: 'Closed', status: 'closed', closedOn: '2026-04-30' }) });
    const d = await call(core, 'dashboard:get', { today: '2026-11-24' });
    expect(d.breaches.items.map((b) => b.title)).toEqual(['Sooner', 'Later']);
    expect(d.breaches.total).toBe(2);
  });
});
