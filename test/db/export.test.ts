import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { prepareRegisterExport, recordExport } from '../../electron/core/export/export.service';
import type { ExportOptions } from '../../electron/core/export/model';
import { emptyControllerDoc, emptyRetention } from '../../shared/domain/register';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { docxPart, docxParagraphs, under } from '../docx-text';
import { AppError } from '../../shared/errors';
import { call, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';

let core: Core;
let cleanup: () => void;
beforeEach(() => ({ core, cleanup } = testCore()));
afterEach(() => cleanup());

const FR: ExportOptions = { language: 'fr', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: true, transfers: true } };

async function exportNow(options: ExportOptions = FR) {
  const prepared = await prepareRegisterExport(core, options);
  const record = recordExport(core, prepared, prepared.fileName);
  return { prepared, record, paragraphs: await docxParagraphs(prepared.buffer) };
}

async function withOrganisation() {
  const org = await call(core, 'org:get', {});
  await call(core, 'org:save', {
    doc: { ...org, legalName: 'ACME Télécom SAS', address: '1 rue de la Paix', city: 'Paris', representative: { ...org.representative, name: 'Claire Martin' }, dpo: { ...org.dpo, name: 'Julien Moreau', email: 'dpo@acme.test' } },
  });
}

describe('the yearly register in Word', () => {
  it('prints every field of a complete record under its own heading, in the CNIL order', async () => {
    await withOrganisation();
    const big = `Début ${'x'.repeat(10_000)} fin & < > " ' 😀 é`;
    const rec = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ notes: big }) });
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    const scc = { ...emptyTransferDoc().scc, module: 2 as const };
    await call(core, 'transfer:create', { doc: { ...emptyTransferDoc(), title: 'Twilio', importerName: 'Twilio Inc.', importerCountry: 'US', activityIds: [rec.id], mechanism: 'SCC_2021', scc } });
    const { paragraphs } = await exportNow();
    const section = under(paragraphs, 'T-001 – Enregistrement des appels');
    const record = section.map((p) => p.text);
    const text = record.join('\n');
    for (const value of [
      'Logiciel d’enregistrement',
      'Support client', // department label
      'Partenaire SAS, 1 rue de Paris, dpo@partenaire.test, 0102030405, Accord art. 26',
      'Finalité principale\nFormer les conseillers',
      'Base légale\nIntérêt légitime (art. 6.1.f) – Intérêt légitime à améliorer le service',
      'Sous-finalité 1\nPreuve des engagements',
      'Base légale\nExécution d’un contrat (art. 6.1.b) – Contrat d’abonnement',
      'Base légale\nObligation légale (art. 6.1.c) – Code de la consommation, art. L.221-16',
      '– Chiffrement des données : TLS et SRTP',
      'Contenu des communications (enregistrements d\'appels, messages)',
      'Enregistrement audio',
      'Conservation : 90 jours, après l’appel',
      'Données de santé',
      'Conservation : 1 an',
      '9.2.a – Consentement explicite',
      '– Clients : Appelants',
      '– Destinataire interne – Service interne en charge du traitement – Support – Responsables',
      '– Twilio Inc. – États-Unis – Clauses contractuelles types 2021 (décision 2021/914) (Module 2 – responsable à sous-traitant (C2P))',
      'Oui', // DPIA needed
      '15 janvier 2026',
      'Deux critères WP248',
      'Plateforme téléphonique',
      '31 janvier 2027',
      big, // 10,000 characters, & < > " ' and an emoji, intact
    ]) {
      expect(text, value.slice(0, 40)).toContain(value);
    }
    // Sections in the order of the CNIL record sheet.
    const order = ['Description du traitement', 'Acteurs', 'Finalités et bases légales', 'Mesures de sécurité', 'Catégories de données personnelles', 'Données sensibles', 'Personnes concernées', 'Destinataires', 'Transferts hors de l’EEE', 'Analyse d’impact (AIPD)', 'Sources et notes'];
    expect(section.filter((p) => p.style === 'Heading3').map((p) => p.text)).toEqual(order);
    expect(text).not.toContain('À compléter');

    const processor = under(paragraphs, 'P-001 – Call tracking').map((p) => p.text).join('\n');
    for (const value of ['Sous-traitant\nACME Télécom SAS', 'Client SA', '2 rue de Lyon', 'Mme Client\nclient@exemple.test\n01', 'DPO Client', '– Attribution de numéros', '– Opérateur – Numéros – France', 'Comptes nominatifs', 'Numéro appelant, horodatage', 'Durée du contrat puis un mois', 'Restitution puis suppression', '48 heures']) {
      expect(processor).toContain(value);
    }
    // The processor part names the organisation as processor, never as controller.
    expect(processor).not.toContain('Responsable de traitement');
    const org = under(paragraphs, 'Organisme (responsable de traitement et sous-traitant)').map((p) => p.text).join('\n');
    expect(org).toContain('ACME Télécom SAS');
    expect(org).toContain('Julien Moreau');
  });

  it('marks each mandatory field left empty as "to be completed", visibly', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: { ...emptyControllerDoc(), ref: 'D-1', name: 'Brouillon', dataCategories: [{ category: 'IDENTITY', description: 'Nom', retention: emptyRetention() }] } });
    const { paragraphs } = await exportNow({ ...FR, language: 'en', registers: 'controller', includeDrafts: true });
    const record = under(paragraphs, 'D-1 – Brouillon');
    const marked = record.filter((p) => p.text.includes('To be completed'));
    // main purpose, legal basis, security measures, retention of the data category, data subjects, recipients, DPIA needed
    expect(marked.length).toBeGreaterThanOrEqual(7);
    expect(record.find((p) => p.text === 'To be completed')!.xml).toContain('<w:rStyle w:val="ToComplete"/>');
    expect(record.map((p) => p.text)).toContain('Retention: To be completed');
    // The organisation profile is empty too: its mandatory fields are marked.
    expect(under(paragraphs, 'Controller').filter((p) => p.text === 'To be completed').length).toBeGreaterThanOrEqual(3);
  });

  it('lists the changes since the previous export: added, changed with fields, archived', async () => {
    const a = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc() });
    const b = await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-002', name: 'Paie' }) });
    const first = await exportNow();
    expect(under(first.paragraphs, 'Changements depuis le dernier export').map((p) => p.text)).toEqual([
      'Premier export du registre : il n’y a pas d’export antérieur avec lequel comparer.',
    ]);
    await call(core, 'register:update', { kind: 'controller', id: a.id, version: 1, doc: fullControllerDoc({ purposes: [{ text: 'Nouvelle finalité', bases: [{ basis: 'CONSENT', detail: 'Formulaire' }], review: false }] }) });
    await call(core, 'register:setStatus', { id: b.id, version: 1, status: 'archived' });
    await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
    const second = await exportNow();
    expect(second.record.version).toBe(2);
    const changes = under(second.paragraphs, 'Changements depuis le dernier export').map((p) => p.text);
    expect(changes[0]).toBe(`Par rapport à l’export n° 1 du 24 novembre 2026 (${first.record.fileName}).`);
    const at = (title: string, n = 2) => changes.slice(changes.indexOf(title) + 1, changes.indexOf(title) + 1 + n);
    expect(at('Fiches ajoutées')[0]).toBe('P-001 – Call tracking');
    expect(at('Fiches modifiées', 2)).toEqual([
      'T-001 – Enregistrement des appels',
      'Finalités et bases légales : Former les conseillers (Intérêt légitime) → Nouvelle finalité (Consentement)',
    ]);
    expect(at('Fiches archivées')[0]).toBe('T-002 – Paie');
    expect(changes[changes.indexOf('Fiches retirées du registre') + 1]).toBe('Aucune.');
  });

  it('prints every basis of every purpose, in the record and in the summary table, and the retention by phase', async () => {
    const network = fullControllerDoc({
      purposes: [
        { text: 'Exploiter le réseau', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Gérer la capacité' }, { basis: 'LEGAL_OBLIGATION', detail: 'CPCE, art. D.98-5' }], review: false },
        { text: 'Recommandations', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Développer la relation client' }, { basis: 'CONSENT', detail: 'Case à cocher' }], review: true },
      ],
      dataCategories: [
        {
          category: 'TRAFFIC',
          description: 'CDR',
          retention: { ...emptyRetention(), criterion: 'jusqu’au paiement de la facture', archive: { duration: 1, unit: 'years', criterion: 'à compter de l’exigibilité', reason: 'prescription (CPCE, art. L.34-2)' }, end: 'delete', note: '6 mois avec l’option' },
        },
        { category: 'ALL', description: 'Réquisitions', retention: { ...emptyRetention(), criterion: 'durée de la procédure' } },
      ],
    });
    await call(core, 'register:create', { kind: 'controller', doc: network });
    const { paragraphs } = await exportNow({ ...FR, language: 'en', registers: 'controller' });
    const record = under(paragraphs, 'T-001 – Enregistrement des appels').map((p) => p.text).join('\n');
    for (const value of [
      'Main purpose\nExploiter le réseau',
      'Legal basis\nLegitimate interests (Art. 6(1)(f)) – Gérer la capacité',
      'Legal basis\nLegal obligation (Art. 6(1)(c)) – CPCE, art. D.98-5',
      'Sub-purpose 1\nRecommandations',
      'Legal basis (basis to be checked)\nLegitimate interests (Art. 6(1)(f)) – Développer la relation client',
      'Legal basis (basis to be checked)\nConsent (Art. 6(1)(a)) – Case à cocher',
      'Retention: Active use: jusqu’au paiement de la facture; intermediate archive: 1 year, à compter de l’exigibilité, reason: prescription (CPCE, art. L.34-2); then deletion; 6 mois avec l’option',
      'Every category of data of the processing\nRéquisitions\nRetention: durée de la procédure',
    ]) {
      expect(record, value).toContain(value);
    }
    const summary = under(paragraphs, 'Summary of processing activities').map((p) => p.text);
    expect(summary).toEqual(
      expect.arrayContaining([
        '– Exploiter le réseau',
        '– Recommandations',
        '– Legitimate interests + Legal obligation',
        '– Legitimate interests + Consent',
        '– jusqu’au paiement de la facture; archive 1 year, à compter de l’exigibilité → deletion',
        '– durée de la procédure',
      ]),
    );
  });

  it('has a table of contents with page fields, header and footer on every page, rows that do not split', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const { prepared, paragraphs } = await exportNow();
    const toc = paragraphs.filter((p) => p.style === 'TOC1' || p.style === 'TOC2');
    const headings = paragraphs.filter((p) => p.style === 'Heading1' || p.style === 'Heading2');
    expect(toc.map((p) => p.text.replace(/\t\d*$/, ''))).toEqual(headings.map((h) => h.text));
    for (const entry of toc) expect(entry.xml).toMatch(/<w:instrText[^>]*>PAGEREF _Toc\d+<\/w:instrText>/);
    // Word gets the page numbers written in; the first entries are on pages 3 and up.
    expect(Number(/(\d+)$/.exec(toc[0]!.text)![1])).toBeGreaterThanOrEqual(3);
    const doc = await docxPart(prepared.buffer, 'word/document.xml');
    expect((doc.match(/<w:tr>|<w:tr /g) ?? []).length).toBe((doc.match(/<w:cantSplit\/>/g) ?? []).length);
    expect(doc).toContain('w:orient="landscape"');
    const header = await docxPart(prepared.buffer, 'word/header1.xml');
    expect(header).toContain('Exemple Télécom SAS (démonstration) – Registre des activités de traitement – Situation au 24 novembre 2026');
    const footer = await docxPart(prepared.buffer, 'word/footer1.xml');
    expect(footer).toMatch(/PAGE[\s\S]*NUMPAGES/);
    // The demo's invalid Privacy Shield note and its transfers appear in the transfers annex.
    const annex = under(paragraphs, 'Annexe – Transferts hors de l’Espace économique européen').map((p) => p.text).join('\n');
    expect(annex).toContain('Twilio Inc.');
    expect(annex).toContain('Clauses contractuelles types 2021');
  });

  it('leaves out archived records unless asked, and what was created after the as-of date', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const without = await exportNow();
    expect(without.paragraphs.some((p) => p.text.startsWith('RT-016 –'))).toBe(false);
    const withArchived = await exportNow({ ...FR, includeArchived: true });
    expect(withArchived.paragraphs.some((p) => p.text === 'RT-016 – Ancien outil de support (décommissionné)')).toBe(true);
    // Before the first record: no document (an empty register with full annexes), a message naming the first day.
    const before = await prepareRegisterExport(core, { ...FR, asOf: '2025-12-31' }).catch((e: AppError) => e.data);
    expect(before).toMatchObject({ code: 'validation', issues: [{ path: 'asOf', message: 'asOfBeforeFirst|{"date":"2026-11-24"}' }] });
    const controllerOnly = await exportNow({ ...FR, registers: 'controller' });
    expect(controllerOnly.paragraphs.some((p) => p.text.startsWith('RS-001'))).toBe(false);
  }, 60_000); // four exports of the demo: more than the default 20 s on a loaded 2-core machine

  it('records every export with its checksum, and lists them', async () => {
    await call(core, 'app:setup', { mode: 'demo' });
    const result = await call(core, 'export:register', { language: 'en', registers: 'both', asOf: '2026-11-24', includeArchived: false, annexes: { lists: false, transfers: true } });
    expect(result.record).toMatchObject({ version: 1, fileName: 'processing-register-2026-11-24-v1.docx', language: 'en' });
    const bytes = Buffer.from(result.base64!, 'base64');
    const { createHash } = await import('node:crypto');
    expect(result.record!.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect((await call(core, 'export:list', {})).map((r) => r.version)).toEqual([1]);
    const bad = await call(core, 'export:register', { language: 'de', registers: 'both', asOf: '2026-02-30', includeArchived: false, annexes: { lists: false, transfers: false } } as never).catch((e) => e.data);
    expect(bad).toMatchObject({ code: 'validation' });
  });
});
