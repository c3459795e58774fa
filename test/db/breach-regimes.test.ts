import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeCore, openCore, type Core } from '../../electron/core/core';
import { AppError } from '../../shared/errors';
import type { BreachDoc } from '../../shared/domain/breach';
import { docxParagraphs, under } from '../docx-text';
import { call, fullBreachDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

/** KEEP_DOCS=dir keeps the documents written here, to look at them in LibreOffice. */
const keep = (name: string, buffer: Buffer) => {
  if (!process.env.KEEP_DOCS) return;
  mkdirSync(process.env.KEEP_DOCS, { recursive: true });
  writeFileSync(path.join(process.env.KEEP_DOCS, name), buffer);
};

const issuesOf = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const data = (err as AppError).data;
  return data.code === 'validation' ? data.issues : [{ path: '', message: data.code }];
};

async function document(id: string, args: Record<string, unknown>, language: 'fr' | 'en' = 'fr') {
  const r = await call(core, 'breach:document', { id, language, ...args } as never);
  const buffer = Buffer.from(r.base64!, 'base64');
  keep(r.fileName ?? `${String(args.document)}-${language}.docx`, buffer);
  return { name: r.fileName, paragraphs: await docxParagraphs(buffer) };
}
const texts = (ps: ReadonlyArray<{ text: string }>) => ps.map((p) => p.text).join('\n');

async function essentialEntity() {
  const settings = await call(core, 'breach:settings', {});
  await call(core, 'breach:saveSettings', { settings: { ...settings, regimeFlags: { nis2Entity: 'essential' } } });
}

/** A NIS2 significant incident: aware 28 March 2026 22:30 Paris, early warning and notification sent. */
const nis2Doc = (overrides: Partial<BreachDoc> = {}) =>
  fullBreachDoc({
    regimes: {
      nis2: {
        significant: 'yes',
        reason: 'Facturation indisponible pour tous les abonnés : perturbation opérationnelle grave.',
        steps: { earlyWarning: { sentAt: '2026-03-29T10:00', reference: 'CERT-FR-1' }, notification: { sentAt: '2026-03-30T18:00', reference: 'CERT-FR-2' } },
      },
    },
    ...overrides,
  });

describe('NIS2 and other regimes beside the GDPR', () => {
  it('Settings say whether the organisation is an essential or important entity; an unknown answer is refused', async () => {
    expect((await call(core, 'breach:regimes', {})).applicable).toEqual([]);
    await essentialEntity();
    const info = await call(core, 'breach:regimes', {});
    expect(info.applicable).toEqual(['nis2']);
    expect(info.file.settings.map((s) => s.id)).toEqual(['nis2Entity']);
    const settings = await call(core, 'breach:settings', {});
    expect(await issuesOf(call(core, 'breach:saveSettings', { settings: { ...settings, regimeFlags: { nis2Entity: 'critical' } } }))).toEqual([{ path: 'regimeFlags.nis2Entity', message: 'choice' }]);
  });

  it('a significant incident runs the NIS2 clocks beside the GDPR one, each stopped by its sending; the list and the dashboard see them', async () => {
    await essentialEntity();
    const e = await call(core, 'breach:create', { doc: nis2Doc() });
    expect(e.clocks.map((c) => [c.kind, 'step' in c ? c.step : '', c.dueLocal, c.stoppedUtc])).toEqual([
      ['authority', '', '2026-03-31T23:30', null],
      ['regime', 'earlyWarning', '2026-03-29T23:30', '2026-03-29T08:00:00Z'],
      ['regime', 'notification', '2026-03-31T23:30', '2026-03-30T16:00:00Z'],
      ['regime', 'finalReport', '2026-04-30T18:00', null],
    ]);
    const [summary] = await call(core, 'breach:list', { scope: 'live' });
    expect(summary!.clocks.map((c) => c.kind)).toEqual(['authority', 'regime', 'regime', 'regime']);
    const dashboard = await call(core, 'dashboard:get', {});
    expect(dashboard.breaches.items[0]!.clocks.filter((c) => c.kind === 'regime')).toHaveLength(3);
  });

  it('checks the steps against the regimes file: known steps, in order, not in the future', async () => {
    await essentialEntity();
    const issues = await issuesOf(
      call(core, 'breach:create', {
        doc: nis2Doc({
          regimes: {
            nis2: { significant: 'yes', reason: '', steps: { finalReport: { sentAt: '2026-03-29T09:00', reference: '' }, progress: { sentAt: '2026-03-29T09:00', reference: '' }, notification: { sentAt: '2027-01-01T10:00', reference: '' } } },
          },
        }),
      }),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'regimes.nis2.steps.finalReport.sentAt', message: 'regimeStepOrder' },
        { path: 'regimes.nis2.steps.progress', message: 'unknownCode' },
        { path: 'regimes.nis2.steps.notification.sentAt', message: 'inFuture' },
      ]),
    );
    expect(await call(core, 'breach:list', { scope: 'live' })).toEqual([]);
  });

  it('each step has its Word draft in French and English, with what Art. 23(4) asks, prefilled', async () => {
    await essentialEntity();
    const e = await call(core, 'breach:create', { doc: nis2Doc() });
    const early = await document(e.id, { document: 'regime', regime: 'nis2', step: 'earlyWarning' });
    expect(early.name).toMatch(/^VIOL-2026-001-nis2-alerte-precoce\.docx$/);
    const t = texts(early.paragraphs);
    expect(t).toContain('NIS 2 – incident important – Alerte précoce');
    expect(t).toContain('Projet à adresser à ANSSI (CERT-FR), CSIRT national');
    expect(t).toContain('art. 23.4.a : sans retard injustifié et dans les 24 heures');
    expect(texts(under(early.paragraphs, 'Contenu demandé'))).toContain('Oui, suspecté (Acte externe malveillant)');
    expect(texts(under(early.paragraphs, 'Étape'))).toContain('CERT-FR-1');

    const final = await document(e.id, { document: 'regime', regime: 'nis2', step: 'finalReport' }, 'en');
    const f = texts(final.paragraphs);
    expect(final.name).toBe('VIOL-2026-001-nis2-final-report.docx');
    expect(f).toContain('NIS2 – significant incident – Final report');
    // Due one month after the notification of 30 March 18:00.
    expect(texts(under(final.paragraphs, 'Step'))).toMatch(/30 April 2026.*18:00 \(Europe\/Paris, UTC\+02:00\)/);
    expect(texts(under(final.paragraphs, 'Step'))).toContain('Incident notification sent on 30 March 2026');
    expect(texts(under(final.paragraphs, 'What the step asks'))).toContain('Type of threat or root cause');
    expect(texts(under(final.paragraphs, 'What the step asks'))).toContain('Isolement des serveurs');
    expect(await issuesOf(call(core, 'breach:document', { id: e.id, language: 'fr', document: 'regime', regime: 'nis2', step: 'nope' }))).toEqual([{ path: '', message: 'not_found' }]);
  });

  it('the breach log lists the steps sent under NIS2 beside the authority notification, and a "no" with its answer', async () => {
    await essentialEntity();
    await call(core, 'breach:create', { doc: nis2Doc() });
    await call(core, 'breach:create', { doc: fullBreachDoc({ title: 'Autre', regimes: { nis2: { significant: 'no', reason: 'Pas de perturbation du service.', steps: {} } } }) });
    const r = await call(core, 'breach:exportLog', { language: 'fr' });
    const buffer = Buffer.from(r.base64!, 'base64');
    keep('breach-log-fr.docx', buffer);
    const t = texts(await docxParagraphs(buffer));
    expect(t).toContain('NIS 2 – Alerte précoce\u00a0: 29 mars 2026 à 10:00 (UTC+02:00) – CERT-FR-1');
    expect(t).toContain('NIS 2 – Notification d’incident\u00a0: 30 mars 2026 à 18:00 (UTC+02:00) – CERT-FR-2');
    expect(t).toContain('NIS 2\u00a0: pas un incident important');
  });

  it('the history shows the regime answer and each sending', async () => {
    await essentialEntity();
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const updated = await call(core, 'breach:update', { id: e.id, version: e.version, doc: nis2Doc() });
    const history = await call(core, 'breach:history', { id: e.id });
    expect(history).toHaveLength(2);
    expect(JSON.stringify(history[0])).toContain('CERT-FR-2');
    expect(updated.clocks.some((c) => c.kind === 'regime')).toBe(true);
  });
});

describe('Regulation 611/2013 in the service and the documents', () => {
  it('Art. 2(3): the authority notification of a telecom breach says whether it is complete; a complete one starts no 3-day clock', async () => {
    const doc = fullBreachDoc({
      telecom: true,
      notifications: [{ to: 'authority', party: '', phase: 'initial', sentAt: '2026-03-29T18:00', reference: 'CNIL-42', means: 'téléservice', delayReason: '', completeness: 'complete' }],
    });
    const e = await call(core, 'breach:create', { doc });
    expect(e.clocks.map((c) => c.kind)).toEqual(['authority', 'telecomInitial']);
    const fr = await document(e.id, { document: 'authority', phase: 'initial' });
    expect(texts(under(fr.paragraphs, 'Type de notification'))).toContain('Complète');
    const en = await document(e.id, { document: 'authority', phase: 'initial' }, 'en');
    expect(texts(under(en.paragraphs, 'Notification type'))).toContain('Complete notification or to be completed (Regulation 611/2013, Art. 2(3))');
  });
});

describe('incidents stored before issue 12', () => {
  it('the demo file of schema 60 opens: its telecom incident has no 3-day clock overdue until its notification says it is to be completed', async () => {
    const d = mkdtempSync(path.join(os.tmpdir(), 'dpo-12b-'));
    const file = path.join(d, 'demo-v60.sqlite');
    copyFileSync(path.resolve(import.meta.dirname, '../fixtures/demo-v60.sqlite'), file);
    const old = openCore(file, { backupDir: path.join(d, 'backups') });
    try {
      const list = await call(old, 'breach:list', { scope: 'live' });
      expect(list).toHaveLength(3);
      const telecom = list.find((b) => b.title.startsWith('Consultation illicite'))!;
      expect(telecom.clocks.map((c) => c.kind)).toEqual(['authority', 'telecomInitial']);
      const entry = await call(old, 'breach:get', { id: telecom.id });
      expect(entry.doc.regimes).toBeUndefined();
      // Saved again, the initial notification must say whether it is complete (message on the field).
      expect(await issuesOf(call(old, 'breach:update', { id: entry.id, version: entry.version, doc: { ...entry.doc, lessons: 'x' } }))).toContainEqual({
        path: 'notifications.0.completeness',
        message: 'completenessRequired',
      });
      const notifications = entry.doc.notifications.map((n, i) => (i === 0 ? { ...n, completeness: 'toComplete' as const } : n));
      const saved = await call(old, 'breach:update', { id: entry.id, version: entry.version, doc: { ...entry.doc, notifications } });
      expect(saved.clocks.map((c) => c.kind)).toEqual(['authority', 'telecomInitial', 'telecomComplementary']);
    } finally {
      closeCore(old);
    }
  });

  it('the demo: a NIS2 essential entity, its telecom breach notified to ANSSI in three steps, its open incident significant with the early warning running', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    expect((await call(core, 'breach:settings', {})).regimeFlags).toEqual({ nis2Entity: 'essential' });
    const list = await call(core, 'breach:list', { scope: 'live' });
    const telecom = list.find((b) => b.title.startsWith('Consultation illicite'))!;
    expect(telecom.clocks.filter((c) => !c.stoppedUtc && !c.waived)).toEqual([]);
    expect(telecom.clocks.map((c) => ('step' in c ? c.step : c.kind))).toEqual(['authority', 'telecomInitial', 'telecomComplementary', 'earlyWarning', 'notification', 'finalReport']);
    const open = list.find((b) => b.title.startsWith('Enregistrements d’appels'))!;
    expect(open.clocks.find((c) => 'step' in c && c.step === 'earlyWarning')).toMatchObject({ stoppedUtc: null, waived: false });
  });
});

describe('the three parts of issue 12 together', () => {
  it('NIS2 Art. 23: a processor-only incident runs no CNIL clock but keeps the NIS2 clocks, beside one clock per client controller', async () => {
    await essentialEntity();
    const e = await call(core, 'breach:create', { doc: nis2Doc({ role: 'processor', controllers: [{ name: 'Client A', hours: 24 }] }) });
    const kinds = e.clocks.map((c) => ('step' in c ? c.step : c.kind));
    expect(kinds).not.toContain('authority');
    expect(kinds).toEqual(expect.arrayContaining(['earlyWarning', 'notification', 'finalReport', 'controllerNotice']));
    expect(e.controllerClocks.map((c) => c.party)).toEqual(['Client A']);
  });

  it('the cross-border block of the authority notification lists the regime steps sent and the telecom second notification', async () => {
    await essentialEntity();
    const e = await call(core, 'breach:create', {
      doc: nis2Doc({
        telecom: true,
        notifications: [
          { to: 'authority', party: '', phase: 'initial', sentAt: '2026-03-29T10:00', reference: 'CNIL-12', means: 'téléservice', delayReason: '', completeness: 'toComplete' },
          { to: 'authority', party: '', phase: 'complementary', sentAt: '2026-03-31T09:00', reference: 'CNIL-12-2', means: 'téléservice', delayReason: '' },
        ],
      }),
    });
    const ps = (await document(e.id, { document: 'authority', phase: 'complementary' })).paragraphs;
    const block = texts(under(ps, 'Notifications transfrontalières et autres'));
    expect(block).toContain('Communications électroniques (règlement 611/2013) – CNIL – 29 mars 2026 à 10:00 (UTC+02:00)');
    expect(block).toContain('notification complémentaire du 31 mars 2026 à 09:00 (UTC+02:00) (réf. CNIL-12-2)');
    expect(block).toContain('NIS 2 – incident important – Alerte précoce – ANSSI (CERT-FR), CSIRT national – 29 mars 2026 à 10:00 (UTC+02:00) – réf. CERT-FR-1');
    expect(block).toContain('Notification d’incident – ANSSI (CERT-FR), CSIRT national – 30 mars 2026 à 18:00 (UTC+02:00) – réf. CERT-FR-2');
  });
});
