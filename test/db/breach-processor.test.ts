import { copyFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { closeCore, openCore } from '../../electron/core/core';
import { schemaVersion } from '../../electron/core/db/connection';
import { LATEST_VERSION } from '../../electron/core/db/migrations';
import { AppError } from '../../shared/errors';
import type { BreachDoc } from '../../shared/domain/breach';
import { docxParagraphs, under, type DocParagraph } from '../docx-text';
import { call, fullBreachDoc, tempDir, testCore } from '../helpers';

/**
 * Issue 12 (roles): the processor's flow. Awareness 22:30 Paris on 28 March 2026 (21:30 UTC), the
 * eve of the change to summer time; the test clock is 2026-11-24T09:00Z.
 */
let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

const processorDoc = (overrides: Partial<BreachDoc> = {}) =>
  fullBreachDoc({ role: 'processor', controllers: [{ name: 'Boutique Exemple SARL', hours: 24 }, { name: 'Maison Démo SAS', hours: null }], decision: { authority: '', authorityReason: '', subjects: '', subjectsException: '', subjectsReason: '' }, ...overrides });

const issuesOf = async (p: Promise<unknown>) => {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  const data = (err as AppError).data;
  return data.code === 'validation' ? data.issues : [{ path: '', message: data.code }];
};

async function notice(id: string, party: string, language: 'fr' | 'en'): Promise<{ fileName: string; ps: DocParagraph[] }> {
  const r = await call(core, 'breach:document', { id, document: 'controller', party, language });
  return { fileName: r.fileName ?? '', ps: await docxParagraphs(Buffer.from(r.base64!, 'base64')) };
}
const texts = (ps: ReadonlyArray<DocParagraph>) => ps.map((p) => p.text).join('\n');

describe('a processor incident', () => {
  it('runs one clock per client controller, the contractual delay or the time since awareness, and no authority clock', async () => {
    const e = await call(core, 'breach:create', { doc: processorDoc() });
    expect(e.clocks.map((c) => [c.kind, c.party ?? '', c.dueLocal])).toEqual([['controllerNotice', 'Boutique Exemple SARL', '2026-03-29T23:30']]);
    expect(e.controllerClocks).toEqual([
      expect.objectContaining({ party: 'Boutique Exemple SARL', hours: 24, dueUtc: '2026-03-29T21:30:00Z', informed: null }),
      expect.objectContaining({ party: 'Maison Démo SAS', hours: null, startUtc: '2026-03-28T21:30:00Z', dueUtc: null, informed: null }),
    ]);
    const [summary] = await call(core, 'breach:list', { scope: 'live' });
    expect(summary!.clocks.map((c) => c.kind)).toEqual(['controllerNotice']);
    // The authority notification and the letter to data subjects are the controllers' to send.
    expect(await issuesOf(call(core, 'breach:document', { id: e.id, document: 'authority', language: 'fr', phase: 'initial' }))).toEqual([{ path: '', message: 'conflict' }]);
    expect(await issuesOf(call(core, 'breach:document', { id: e.id, document: 'subjects', language: 'fr' }))).toEqual([{ path: '', message: 'conflict' }]);
  });

  it('records when each controller was informed (time, means, reference): its clock stops and the history keeps it', async () => {
    const e = await call(core, 'breach:create', { doc: processorDoc() });
    const a = await call(core, 'breach:informController', { id: e.id, version: e.version, notice: { party: 'Boutique Exemple SARL', sentAt: '2026-03-29T10:00', means: 'E-mail au DPO du client', reference: 'TICKET-481', delayReason: '' } });
    const b = await call(core, 'breach:informController', { id: e.id, version: a.version, notice: { party: 'Maison Démo SAS', sentAt: '2026-03-29T11:30', means: 'Portail client', reference: 'PC-22', delayReason: '' } });
    expect(b.controllerClocks.map((c) => c.informed)).toEqual([
      { utc: '2026-03-29T08:00:00Z', sentAt: '2026-03-29T10:00', means: 'E-mail au DPO du client', reference: 'TICKET-481' },
      { utc: '2026-03-29T09:30:00Z', sentAt: '2026-03-29T11:30', means: 'Portail client', reference: 'PC-22' },
    ]);
    expect(b.clocks[0]).toMatchObject({ party: 'Boutique Exemple SARL', stoppedUtc: '2026-03-29T08:00:00Z' });
    // A second notice to the same controller completes the first (Art. 33(4)).
    const c = await call(core, 'breach:informController', { id: e.id, version: b.version, notice: { party: 'Maison Démo SAS', sentAt: '2026-03-30T09:00', means: 'Portail client', reference: 'PC-23', delayReason: '' } });
    expect(c.doc.notifications.map((n) => [n.party, n.phase])).toEqual([
      ['Boutique Exemple SARL', 'initial'],
      ['Maison Démo SAS', 'initial'],
      ['Maison Démo SAS', 'complementary'],
    ]);
    expect(c.controllerClocks[1]!.informed?.reference).toBe('PC-22');
    const hist = await call(core, 'breach:history', { id: e.id });
    expect(hist.map((h) => h.action)).toEqual(['update', 'update', 'update', 'create']);
    expect(hist[1]!.changes).toContainEqual(expect.objectContaining({ path: 'notifications.1.reference', before: undefined, after: 'PC-22' }));
  });

  it('refuses a notice to a controller not in the incident, in the future, before awareness, or on a stale version, on the notice’s own fields', async () => {
    const e = await call(core, 'breach:create', { doc: processorDoc() });
    const base = { party: 'Boutique Exemple SARL', sentAt: '2026-03-29T10:00', means: 'e-mail', reference: '', delayReason: '' };
    expect(await issuesOf(call(core, 'breach:informController', { id: e.id, version: e.version, notice: { ...base, party: 'Inconnu SA' } }))).toContainEqual({ path: 'party', message: 'unknownController' });
    expect(await issuesOf(call(core, 'breach:informController', { id: e.id, version: e.version, notice: { ...base, sentAt: '2027-01-01T10:00', delayReason: 'x' } }))).toContainEqual({ path: 'sentAt', message: 'inFuture' });
    expect(await issuesOf(call(core, 'breach:informController', { id: e.id, version: e.version, notice: { ...base, sentAt: '2026-03-28T20:00' } }))).toContainEqual({ path: 'sentAt', message: 'sentBeforeAware' });
    // After the contract's 24 hours: the reasons for the delay are asked for.
    expect(await issuesOf(call(core, 'breach:informController', { id: e.id, version: e.version, notice: { ...base, sentAt: '2026-03-30T10:00' } }))).toContainEqual({ path: 'delayReason', message: 'delayReasonRequired' });
    const ok = await call(core, 'breach:informController', { id: e.id, version: e.version, notice: base });
    expect(await issuesOf(call(core, 'breach:informController', { id: e.id, version: e.version, notice: base }))).toEqual([{ path: '', message: 'conflict' }]);
    expect((await call(core, 'breach:get', { id: e.id })).version).toBe(ok.version);
  });

  it('writes the notice to each controller, in French and in English, with what Art. 33(3) asks and when it was informed', async () => {
    const org = await call(core, 'org:get', {});
    await call(core, 'org:save', { doc: { ...org, legalName: 'ACME Télécom SAS', address: '1 rue de la Paix', postcode: '75002', city: 'Paris' } });
    const e = await call(core, 'breach:create', { doc: processorDoc() });
    await call(core, 'breach:informController', { id: e.id, version: e.version, notice: { party: 'Boutique Exemple SARL', sentAt: '2026-03-29T10:00', means: 'E-mail au DPO du client', reference: 'TICKET-481', delayReason: '' } });

    const fr = await notice(e.id, 'Boutique Exemple SARL', 'fr');
    expect(fr.fileName).toBe(`${e.ref}-notification-client-boutique-exemple-sarl.docx`);
    const frText = texts(fr.ps);
    expect(frText).toContain('Notification d’une violation de données personnelles à un responsable de traitement');
    expect(frText).toContain('En application de l’article 33.2 du RGPD');
    expect(frText).toContain('Destinataire\nBoutique Exemple SARL');
    expect(frText).toContain('Sous-traitant\nACME Télécom SAS, 1 rue de la Paix, 75002 Paris');
    expect(frText).toContain('24 heures, soit au plus tard le 29 mars 2026 à 23:30 (Europe/Paris, UTC+02:00)');
    expect(frText).toContain('Informé le 29 mars 2026 à 10:00 (Europe/Paris, UTC+02:00) (E-mail au DPO du client), référence TICKET-481');
    const a = under(fr.ps, 'a) Nature de la violation, personnes et enregistrements concernés').map((p) => p.text);
    for (const v of ['Perte de la confidentialité', 'Chiffrement des serveurs de facturation & exfiltration <partielle> d’un export "clients".', '12 000', '48 000']) expect(a.join('\n').replace(/\u202f|\u00a0/g, ' ')).toContain(v);
    expect(under(fr.ps, 'b) Point de contact').map((p) => p.text).join('\n')).toContain('Claire Martin – DPO – dpo@example.test');
    expect(under(fr.ps, 'c) Conséquences probables').map((p) => p.text).join('\n')).toContain('Hameçonnage ciblé des clients, fraude au prélèvement');
    const d = under(fr.ps, 'd) Mesures prises ou proposées').map((p) => p.text).join('\n');
    expect(d).toContain('Isolement des serveurs, restauration depuis les sauvegardes, plainte déposée');
    expect(d).toContain('Vigilance sur les messages demandant des coordonnées bancaires');
    // No authority deadline in a notice from a processor: its clock is the contract's.
    expect(frText).not.toContain('Échéance des 72 heures');

    const en = await notice(e.id, 'Maison Démo SAS', 'en');
    expect(en.fileName).toBe(`${e.ref}-controller-notice-maison-demo-sas.docx`);
    const enText = texts(en.ps);
    expect(enText).toContain('To\nMaison Démo SAS');
    expect(enText).toContain('No delay set by the contract: without undue delay (Art. 33(2))');
    expect(enText).toContain('Notice recorded\nNot recorded yet');
    for (const h of ['(a) Nature of the breach, data subjects and records concerned', '(b) Contact point', '(c) Likely consequences', '(d) Measures taken or proposed']) expect(en.ps.some((p) => p.style === 'Heading1' && p.text === h), h).toBe(true);
    expect(enText).not.toContain('Boutique Exemple SARL');
  });

  it('the breach log lists, for a processor incident, each controller and when it was informed', async () => {
    const e = await call(core, 'breach:create', { doc: processorDoc() });
    await call(core, 'breach:informController', { id: e.id, version: e.version, notice: { party: 'Boutique Exemple SARL', sentAt: '2026-03-29T10:00', means: 'e-mail', reference: 'T', delayReason: '' } });
    const r = await call(core, 'breach:exportLog', { language: 'fr' });
    const text = texts(await docxParagraphs(Buffer.from(r.base64!, 'base64')));
    expect(text).toContain('Responsables informés\u00a0:\nBoutique Exemple SARL – 29 mars 2026 à 10:00 (UTC+02:00)\nMaison Démo SAS – Non encore enregistrée');
    expect(text).not.toContain('Non notifiée');
  });
});

describe('both controller and processor', () => {
  it('runs the authority clock and the controllers’ clocks side by side, and offers every document', async () => {
    const e = await call(core, 'breach:create', { doc: processorDoc({ role: 'both', decision: fullBreachDoc().decision }) });
    expect(e.clocks.map((c) => c.kind)).toEqual(['authority', 'controllerNotice']);
    expect(e.controllerClocks).toHaveLength(2);
    for (const args of [{ document: 'authority', phase: 'initial' }, { document: 'subjects' }, { document: 'controller', party: 'Maison Démo SAS' }] as const) {
      const r = await call(core, 'breach:document', { id: e.id, language: 'fr', ...args });
      expect(r.base64).toBeTruthy();
    }
  });
});

describe('the checklist follows the role', () => {
  it('a processor incident gets the processor’s list, "both" the union; each list is edited apart', async () => {
    const p = await call(core, 'breach:create', { doc: processorDoc() });
    expect(p.steps.map((s) => s.id)).toEqual(['contain', 'evidence', 'assess', 'document', 'tellControllers', 'assistControllers', 'followUp', 'lessons']);
    expect([p.templateVersion, p.processorTemplateVersion]).toEqual([2, null]);
    const both = await call(core, 'breach:create', { doc: processorDoc({ role: 'both', decision: fullBreachDoc().decision }) });
    expect(both.steps.map((s) => s.id)).toEqual(['contain', 'evidence', 'assess', 'document', 'tellControllers', 'assistControllers', 'decide', 'notifyAuthority', 'informSubjects', 'followUp', 'lessons']);
    expect([both.templateVersion, both.processorTemplateVersion]).toEqual([1, 2]);

    const tpl = await call(core, 'checklist:get', { role: 'processor' });
    const saved = await call(core, 'checklist:save', { role: 'processor', steps: [...tpl.steps, { id: 'insurer', labelFr: 'Prévenir l’assureur cyber', labelEn: 'Tell the cyber insurer' }] });
    expect([saved.role, saved.version]).toEqual(['processor', 3]);
    expect((await call(core, 'checklist:get', { role: 'controller' })).version).toBe(1);
    expect((await call(core, 'breach:create', { doc: processorDoc() })).steps.map((s) => s.id)).toContain('insurer');
    expect((await call(core, 'breach:create', { doc: fullBreachDoc() })).steps.map((s) => s.id)).not.toContain('insurer');
    expect((await call(core, 'breach:get', { id: p.id })).steps).toHaveLength(8); // the open incident keeps its list
  });

  it('a change of role brings the new role’s steps, drops the old role’s steps not done, and keeps those done', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const ticked = await call(core, 'breach:step', { id: e.id, step: 'decide', done: true, note: 'Décidé en cellule de crise' });
    const moved = await call(core, 'breach:update', { id: e.id, version: ticked.version, doc: processorDoc() });
    expect(moved.steps.map((s) => s.id)).toEqual(['contain', 'evidence', 'assess', 'document', 'tellControllers', 'assistControllers', 'decide', 'followUp', 'lessons']);
    expect(moved.steps.find((s) => s.id === 'decide')).toMatchObject({ note: 'Décidé en cellule de crise', doneBy: 'tester' });
    expect(moved.templateVersion).toBe(2);
    const hist = await call(core, 'breach:history', { id: e.id });
    expect(hist[0]).toMatchObject({ action: 'checklist' });
  });
});

describe('the demo', () => {
  it('its processor incident follows the processor flow: no authority clock, one controller informed, one still to inform without a contractual delay', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const list = await call(core, 'breach:list', { scope: 'live' });
    const summary = list.find((s) => s.role === 'processor')!;
    expect(summary.controllersToInform).toBe(1); // the log list says one controller is still to inform
    const e = await call(core, 'breach:get', { id: summary.id });
    // No CNIL clock for a processor; the NIS2 clocks of the demo's significant incident run whatever the GDPR role (NIS2 Art. 23).
    const gdpr = e.clocks.filter((c) => c.kind !== 'regime');
    expect(gdpr.map((c) => [c.kind, c.party])).toEqual([['controllerNotice', 'Boutique Exemple SARL (client call tracking)']]);
    expect(gdpr[0]!.stoppedUtc).not.toBeNull();
    expect(e.clocks.filter((c) => c.kind === 'regime').map((c) => ('step' in c ? c.step : ''))).toEqual(['earlyWarning', 'notification']);
    expect(e.controllerClocks.map((c) => [c.party, c.hours, c.informed?.reference ?? null])).toEqual([
      ['Boutique Exemple SARL (client call tracking)', 48, 'INC-2026-031'],
      ['Maison Démo SAS (client call tracking)', null, null],
    ]);
    expect(e.steps.map((s) => s.id)).toContain('tellControllers');
    expect(e.steps.map((s) => s.id)).not.toContain('notifyAuthority');
    const r = await call(core, 'breach:document', { id: e.id, document: 'controller', party: 'Maison Démo SAS (client call tracking)', language: 'fr' });
    expect(texts(await docxParagraphs(Buffer.from(r.base64!, 'base64')))).toContain('Aucun délai fixé par le contrat : dans les meilleurs délais (art. 33.2)'.replace(' :', '\u00a0:'));
  });
});

describe('migration 0110 (one checklist per role)', () => {
  it('splits the demo file’s single checklist into the two roles’ lists, keeps every incident’s steps, and runs the demo’s processor incident in the processor flow', async () => {
    const t = tempDir();
    try {
      const file = path.join(t.dir, 'demo-v60.sqlite');
      copyFileSync(path.resolve(import.meta.dirname, '../fixtures/demo-v60.sqlite'), file);
      const before = new Database(file);
      const oldSteps = before.prepare('SELECT breach_id, step_id, position, done_at, note FROM breach_step ORDER BY breach_id, position').all();
      const oldTemplate = JSON.parse(before.prepare('SELECT steps FROM checklist_template WHERE version = 1').pluck().get() as string) as Array<{ id: string }>;
      before.close();

      const migrated = openCore(file, { backupDir: path.join(t.dir, 'backups') });
      try {
        expect(schemaVersion(migrated.db)).toBe(LATEST_VERSION);
        expect(migrated.db.prepare('SELECT breach_id, step_id, position, done_at, note FROM breach_step ORDER BY breach_id, position').all()).toEqual(oldSteps);
        const rows = migrated.db.prepare('SELECT version, role, steps FROM checklist_template ORDER BY version').all() as Array<{ version: number; role: string; steps: string }>;
        expect(rows.map((r) => [r.version, r.role])).toEqual([[1, 'controller'], [2, 'controller'], [3, 'processor']]);
        expect(JSON.parse(rows[0]!.steps)).toEqual(oldTemplate); // the old version is untouched
        const ids = (i: number) => (JSON.parse(rows[i]!.steps) as Array<{ id: string }>).map((s) => s.id);
        expect(ids(1)).toEqual(oldTemplate.map((s) => s.id).filter((id) => id !== 'tellControllers'));
        expect(ids(2)).toEqual(['contain', 'evidence', 'assess', 'document', 'tellControllers', 'assistControllers', 'followUp', 'lessons']);
        expect(migrated.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'checklist_template' AND action = 'migrate'").pluck().get()).toBe(2);

        const { listBreaches, getBreach, updateBreach } = await import('../../electron/core/services/breach.service');
        const live = listBreaches(migrated, 'live');
        expect(live).toHaveLength(3);
        const processor = getBreach(migrated, live.find((s) => s.role === 'processor')!.id);
        expect(processor.templateVersion).toBe(1);
        expect(processor.clocks.map((c) => c.kind)).toEqual(['controllerNotice', 'controllerNotice']);
        expect(processor.controllerClocks.map((c) => [c.party, c.hours])).toEqual([
          ['Boutique Exemple SARL (client call tracking)', 48],
          ['Maison Démo SAS (client call tracking)', 24],
        ]);
        // Stored incidents still save through the ordinary service.
        for (const s of live) {
          const e = getBreach(migrated, s.id);
          expect(updateBreach(migrated, e.id, e.version, { ...e.doc, lessons: `${e.doc.lessons} (relu)` }).version, e.ref).toBe(e.version + 1);
        }
      } finally {
        closeCore(migrated);
      }
    } finally {
      t.cleanup();
    }
  });
});
