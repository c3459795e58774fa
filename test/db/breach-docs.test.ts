import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/index';
import type { Core } from '../../electron/core/core';
import { prepareRegisterExport } from '../../electron/core/export/export.service';
import { closeCore } from '../../electron/core/core';
import type { BreachDoc } from '../../shared/domain/breach';
import { docxParagraphs, under, type DocParagraph } from '../docx-text';
import { call, fullBreachDoc, fullProcessorDoc, fullSupplierDoc, testCore } from '../helpers';

let core: Core;
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ core, dir, cleanup } = testCore()));
afterEach(() => cleanup());

async function withOrganisation() {
  const org = await call(core, 'org:get', {});
  await call(core, 'org:save', {
    doc: { ...org, legalName: 'ACME Télécom SAS', registrationNumber: 'RCS Paris 123', address: '1 rue de la Paix', postcode: '75002', city: 'Paris', representative: { ...org.representative, name: 'Claire Martin' } },
  });
}

async function document(id: string, args: Record<string, unknown>): Promise<DocParagraph[]> {
  const r = await call(core, 'breach:document', { id, language: 'fr', ...args } as never);
  expect(r.cancelled).toBe(false);
  return docxParagraphs(Buffer.from(r.base64!, 'base64'));
}

const headings = (ps: ReadonlyArray<DocParagraph>) => ps.filter((p) => /^Heading\d$/.test(p.style)).map((p) => p.text);
const texts = (ps: ReadonlyArray<DocParagraph>) => ps.map((p) => p.text).join('\n');

describe('the breach documents', () => {
  it('the notification to the authority has the Art. 33(3) content in the order of the CNIL form', async () => {
    await withOrganisation();
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const ps = await document(e.id, { document: 'authority', phase: 'initial' });
    expect(headings(ps)).toEqual([
      'Type de notification',
      'Identification de l’organisme',
      'Responsable légal',
      'Personne à contacter',
      'Autres organismes impliqués',
      'Dates',
      'Nature de la violation',
      'Origine et cause de l’incident',
      'Descriptif détaillé',
      'Nature des données',
      'Volumes',
      'Catégories de personnes',
      'Mesures de sécurité préalables',
      'Conséquences et préjudices potentiels',
      'Mesures prises suite à la violation',
      'Information des personnes',
      'Notifications transfrontalières et autres',
    ]);
    const t = (h: string) => texts(under(ps, h));
    expect(t('Type de notification')).toContain('Initiale');
    expect(t('Identification de l’organisme')).toContain('ACME Télécom SAS');
    expect(t('Personne à contacter')).toContain('Claire Martin – DPO – dpo@example.test');
    expect(t('Dates')).toContain('28 mars 2026 à 22:30 (Europe/Paris, UTC+01:00)');
    expect(t('Dates')).toContain('31 mars 2026 à 23:30 (Europe/Paris, UTC+02:00)'); // 72 h later, in summer time
    expect(t('Nature de la violation')).toContain('Perte de la confidentialité');
    expect(t('Descriptif détaillé')).toContain('exfiltration <partielle> d’un export "clients"');
    expect(t('Nature des données')).toContain('État civil');
    expect(t('Volumes')).toMatch(/48\s000/); // French grouping, narrow no-break space
    expect(t('Volumes')).toMatch(/12\s000/);
    expect(t('Conséquences et préjudices potentiels')).toContain('Fraude');
    expect(t('Mesures prises suite à la violation')).toContain('Isolement des serveurs');
    // Not yet decided: the document says what is still to be completed.
    expect(t('Information des personnes')).toContain('À compléter');
  });

  it('names the suppliers involved from the supplier register, and refuses one that is not there', async () => {
    const sup = await call(core, 'supplier:create', { doc: fullSupplierDoc() });
    const e = await call(core, 'breach:create', { doc: fullBreachDoc({ supplierIds: [sup.id] }) });
    const ps = await document(e.id, { document: 'authority' });
    expect(texts(under(ps, 'Autres organismes impliqués'))).toMatch(/Twilio Ireland Limited[\s\S]*Hébergeur SAS/);
    const bad = await call(core, 'breach:create', { doc: fullBreachDoc({ supplierIds: ['7d0c7e5e-8d0b-4c53-9d7e-1f0f4c3f9a11'] }) }).catch((x: { data: unknown }) => x.data);
    expect(bad).toMatchObject({ code: 'validation', issues: [{ path: 'supplierIds.0', message: 'unknownSupplier' }] });
  });

  it('a late notification gives the reasons for the delay; a complementary one names the initial one', async () => {
    const late = await call(core, 'breach:create', {
      doc: fullBreachDoc({
        notifications: [{ to: 'authority', party: '', phase: 'initial', sentAt: '2026-04-02T10:00', reference: 'CNIL-77', means: 'téléservice', delayReason: 'Prestataire injoignable pendant le week-end de Pâques' }],
      }),
    });
    const initial = await document(late.id, { document: 'authority', phase: 'initial' });
    expect(texts(under(initial, 'Dates'))).toContain('Prestataire injoignable pendant le week-end de Pâques');
    const complementary = await document(late.id, { document: 'authority', phase: 'complementary' });
    expect(texts(under(complementary, 'Type de notification'))).toMatch(/Complémentaire[\s\S]*2 avril 2026 à 10:00 \(UTC\+02:00\), référence CNIL-77/);
  });

  it('past the deadline with no notification recorded, the missing reasons are marked to be completed', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() }); // aware in March, "now" is November
    const ps = await document(e.id, { document: 'authority' });
    const dates = under(ps, 'Dates');
    const value = dates[dates.findIndex((p) => p.text === 'Motifs du retard') + 1];
    expect(value?.text).toContain('À compléter');
    expect(value?.xml).toContain('w:rStyle w:val="ToComplete"');
  });

  it('Art. 34(2): the letter to the data subjects is written for them, from its own plain fields, without the lists’ labels', async () => {
    await withOrganisation();
    const e = await call(core, 'breach:create', { doc: fullBreachDoc() });
    // Not written yet: the document uses the draft the form offers (plain sentences, the DPO's texts).
    const draft = texts(await document(e.id, { document: 'subjects' }));
    expect(draft).toContain('Des personnes qui n’auraient pas dû y avoir accès ont pu voir certaines de vos données.');
    for (const v of ['Hameçonnage ciblé', 'Isolement des serveurs', 'Vigilance sur les messages', 'dpo@example.test', 'CNIL']) expect(draft).toContain(v);
    // Neither the internal description nor a label of the app's lists goes into it.
    for (const raw of ['Chiffrement des serveurs', 'Perte de la confidentialité', 'Perte de la disponibilité', 'État civil', 'CONFIDENTIALITY', 'IDENTITY', 'Fraude']) expect(draft).not.toContain(raw);

    const letter = { whatHappened: 'Un courriel piégé a donné accès à notre fichier clients.', meaning: 'Vous pourriez recevoir des messages frauduleux.', done: 'Nous avons coupé l’accès.', advice: 'Méfiez-vous des courriels qui demandent vos codes.', contact: 'Écrivez à dpo@example.test.' };
    const saved = await call(core, 'breach:update', { id: e.id, version: e.version, doc: { ...e.doc, letter } });
    expect(saved.doc.letter).toEqual(letter);
    expect(saved.doc.description).toBe(e.doc.description); // edited apart from the internal description
    const ps = await document(e.id, { document: 'subjects' });
    expect(headings(ps)).toEqual(['Ce qui s’est passé', 'Ce que cela signifie pour vous', 'Ce que nous avons fait', 'Ce que nous vous recommandons', 'Pour toute question']);
    const t = (h: string) => texts(under(ps, h));
    expect(t('Ce qui s’est passé')).toBe(letter.whatHappened);
    expect(t('Ce que cela signifie pour vous')).toBe(letter.meaning);
    expect(t('Ce que nous avons fait')).toBe(letter.done);
    expect(t('Ce que nous vous recommandons')).toBe(letter.advice);
    expect(t('Pour toute question')).toContain(letter.contact);
    expect(texts(ps)).not.toContain('À compléter');
  });

  it('the authority notification ends with the CNIL form’s cross-border block: other authorities, lead authority, other notifications', async () => {
    const e = await call(core, 'breach:create', {
      doc: fullBreachDoc({
        telecom: true,
        notifications: [{ to: 'authority', party: '', phase: 'initial', sentAt: '2026-03-29T10:00', reference: 'CNIL-12', means: 'téléservice', delayReason: '', completeness: 'complete' }],
        crossBorder: {
          otherAuthorities: ['BE', 'DE'],
          lead: 'FR',
          otherNotifications: [
            { kind: 'NIS2', body: 'ANSSI', sentAt: '2026-03-29T09:00', reference: 'CERTFR-1' },
            { kind: 'POLICE', body: 'Commissariat de Paris 2e', sentAt: '2026-03-30T15:00', reference: 'PV 2026/123' },
          ],
        },
      }),
    });
    const ps = await document(e.id, { document: 'authority', phase: 'initial' });
    expect(headings(ps).at(-1)).toBe('Notifications transfrontalières et autres');
    const block = texts(under(ps, 'Notifications transfrontalières et autres'));
    expect(block).toMatch(/Autres autorités de contrôle concernées \(États de l’EEE\)\n– Belgique\n– Allemagne/);
    expect(block).toContain('Autorité de contrôle – France');
    expect(block).toContain('Communications électroniques (règlement 611/2013) – CNIL – 29 mars 2026 à 10:00 (UTC+02:00)');
    expect(block).toContain('NIS 2 (ANSSI / CSIRT) – ANSSI – 29 mars 2026 à 09:00 (UTC+02:00) – réf. CERTFR-1');
    expect(block).toContain('Police ou gendarmerie (plainte) – Commissariat de Paris 2e – 30 mars 2026 à 15:00 (UTC+02:00) – réf. PV 2026/123');

    const none = await call(core, 'breach:create', { doc: fullBreachDoc() });
    const plain = texts(under(await document(none.id, { document: 'authority' }), 'Notifications transfrontalières et autres'));
    expect(plain).toContain('Aucune (traitement non transfrontalier)');
    expect(plain).not.toContain('611/2013');
  });

  it('the notice to a client controller carries the contractual delay; refused for an incident as controller', async () => {
    const e = await call(core, 'breach:create', { doc: fullBreachDoc({ role: 'processor', controllers: [{ name: 'Client A', hours: 24 }] }) });
    const ps = await document(e.id, { document: 'controller', party: 'Client A', language: 'en' });
    const all = texts(ps);
    expect(all).toContain('Client A');
    expect(all).toContain('24 hours, that is by 29 March 2026 at 23:30 (Europe/Paris, UTC+02:00)');
    const own = await call(core, 'breach:create', { doc: fullBreachDoc() });
    await expect(call(core, 'breach:document', { id: own.id, document: 'controller', language: 'fr' })).rejects.toMatchObject({ data: { code: 'conflict' } });
  });

  it('the breach log: a table from the app, the CLI, and an annex of the yearly register', async () => {
    const a = await call(core, 'breach:create', { doc: fullBreachDoc({ title: 'Rançongiciel' }) });
    await call(core, 'breach:create', {
      doc: fullBreachDoc({ title: 'Courrier égaré', decision: { authority: 'noNotify', authorityReason: 'Destinataire unique, de confiance', subjects: '', subjectsException: '', subjectsReason: '' } }),
    });
    const log = await call(core, 'breach:exportLog', { language: 'fr' });
    const table = texts(await docxParagraphs(Buffer.from(log.base64!, 'base64')));
    expect(table).toMatch(/VIOL-2026-001[\s\S]*Rançongiciel[\s\S]*VIOL-2026-002[\s\S]*Courrier égaré[\s\S]*Non notifiée\nDestinataire unique, de confiance/);

    const out = path.join(dir, 'log.docx');
    closeCore(core);
    const lines: string[] = [];
    expect(await runCli(['breaches', '--db', core.dbPath, '--out', out, '--lang', 'en'], { out: (s) => lines.push(s), err: (s) => lines.push(s) })).toBe(0);
    expect(lines.join('\n')).toContain('2 incidents');
    const cliText = texts(await docxParagraphs(readFileSync(out)));
    expect(cliText).toContain('Personal data breach log');
    expect(cliText).toContain('Rançongiciel');
    expect(await runCli(['breaches', '--db', core.dbPath, '--out', out], { out: () => {}, err: (s) => lines.push(s) })).toBe(2); // never overwrites
    ({ core, dir, cleanup } = reopen(core.dbPath, cleanup));

    const register = await prepareRegisterExport(core, { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: false, transfers: false, breaches: true } });
    const annex = under(await docxParagraphs(register.buffer), 'Annexe – Registre des violations de données (art. 33.5)');
    expect(texts(annex)).toContain(`${a.ref} – Rançongiciel`);
    expect(texts(annex)).toContain('Non notifiée\nDestinataire unique, de confiance');
    const none = await prepareRegisterExport(core, { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: false, transfers: false } });
    expect(texts(await docxParagraphs(none.buffer))).not.toContain('Registre des violations');
  });
});

/** Opens the same file again after the CLI used it (the test's cleanup still removes the folder). */
function reopen(file: string, cleanupBefore: () => void) {
  const again = testCore(file);
  return { core: again.core, dir: path.dirname(file), cleanup: () => { again.cleanup(); cleanupBefore(); } };
}

const missing = ['libreoffice', 'pdftotext'].filter((cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status !== 0);

describe('the breach documents opened by LibreOffice', () => {
  it('the authority notification reads, page by page, with its sections and the late-notice reasons', async () => {
    expect(missing, 'install libreoffice-writer-nogui and poppler-utils').toEqual([]);
    const doc: BreachDoc = fullBreachDoc({
      role: 'both',
      controllers: [{ name: 'Client A', hours: 48 }],
      notifications: [{ to: 'authority', party: '', phase: 'initial', sentAt: '2026-04-02T10:00', reference: 'CNIL-77', means: 'téléservice', delayReason: 'Prestataire injoignable' }],
    });
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    const e = await call(core, 'breach:create', { doc });
    const r = await call(core, 'breach:document', { id: e.id, document: 'authority', language: 'en', phase: 'complementary' });
    const file = path.join(dir, 'authority.docx');
    writeFileSync(file, Buffer.from(r.base64!, 'base64'));
    execFileSync('libreoffice', ['--headless', `-env:UserInstallation=file://${path.join(dir, 'lo-profile')}`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 120_000 });
    const text = execFileSync('pdftotext', ['-layout', path.join(dir, 'authority.pdf'), '-'], { encoding: 'utf8' });
    const order = ['Notification type', 'Organisation', 'Contact person', 'Other bodies involved', 'Timeline', 'Nature of the breach', 'Detailed description', 'Data concerned', 'Volumes', 'Likely consequences and potential harms', 'Measures taken after the breach', 'Communication to the data subjects'];
    const at = order.map((h) => text.search(new RegExp(`^\\s*${h}\\s*$`, 'm')));
    expect(at.every((i) => i >= 0), `sections found: ${order.filter((_, i) => at[i]! >= 0).join(', ')}`).toBe(true);
    expect([...at].sort((x, y) => x - y)).toEqual(at);
    expect(text).toContain('Complementary');
    expect(text).toContain('Prestataire injoignable');
    expect(text).toContain('Client A');
    expect(text).toMatch(/Page 1 of \d/);
  });
});
