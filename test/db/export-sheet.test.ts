import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { prepareSheetExport, type SheetExportOptions } from '../../electron/core/export/sheet/sheet-export.service';
import { CELL_MAX } from '../../electron/core/export/sheet/sheet-model';
import { emptyRetention } from '../../shared/domain/register';
import { emptyTransferDoc } from '../../shared/domain/transfer';
import { emptyOrganisation } from '../../shared/domain/organisation';
import { AppError } from '../../shared/errors';
import { call, fullControllerDoc, fullProcessorDoc, testCore } from '../helpers';
import { byLabel, odsEntries, readOds, readXlsx, records, texts, type ReadBook } from '../sheet-read';

let core: Core;
let cleanup: () => void;
let recordId: string;
beforeEach(async () => {
  ({ core, cleanup } = testCore());
  await call(core, 'org:save', {
    doc: {
      ...emptyOrganisation(),
      legalName: 'Exemple Télécom SAS',
      address: '5, parvis Alan Turing',
      postcode: '75013',
      city: 'Paris',
      phone: '+33 1 00 00 00 00',
      email: 'contact@exemple.test',
      representative: { name: 'Claire Martin', role: 'Présidente', company: '', address: '5, parvis Alan Turing', email: 'direction@exemple.test', phone: '' },
      dpo: { name: 'Julien Moreau', role: 'DPO', company: 'Cabinet DPO', address: '1 rue du DPO', email: 'dpo@exemple.test', phone: '+33 1 00 00 00 01' },
    },
  });
  // A record with every field, its retention in phases (active use, archive with its reason, then deletion, a note).
  const doc = fullControllerDoc({
    dataCategories: [
      {
        category: 'COMM_CONTENT',
        description: 'Enregistrement audio',
        retention: { ...emptyRetention(), duration: 90, unit: 'days', criterion: 'après l’appel', archive: { duration: 5, unit: 'years', criterion: 'fin du contrat', reason: 'prescription civile' }, end: 'delete', note: '6 mois avec l’option' },
      },
      { category: 'IDENTITY', description: 'Nom du conseiller', retention: { ...emptyRetention(), duration: 1, unit: 'years', criterion: '' } },
    ],
  });
  const rec = await call(core, 'register:create', { kind: 'controller', doc });
  recordId = rec.id;
  // Its transfer lives in the transfer register, linked to it (the export reads it from there).
  await call(core, 'transfer:create', {
    doc: { ...emptyTransferDoc(), title: 'Hébergement des enregistrements', importerName: 'Twilio Inc.', importerCountry: 'US', accessCountries: ['IN'], activityIds: [rec.id], mechanism: 'SCC_2021', scc: { ...emptyTransferDoc().scc, module: 2 } },
  });
  await call(core, 'register:create', { kind: 'processor', doc: fullProcessorDoc() });
});
afterEach(() => cleanup());

const options = (o: Partial<SheetExportOptions> = {}): SheetExportOptions => ({
  layout: 'register',
  format: 'xlsx',
  language: 'fr',
  registers: 'both',
  asOf: '2026-11-24',
  includeArchived: false,
  includeDrafts: false,
  ...o,
});

const cellOf = (row: Record<string, { value: unknown; text: string }>, header: string) => {
  expect(row, `column "${header}"`).toHaveProperty([header]);
  return row[header]!;
};

function checkFlatFr(book: ReadBook) {
  expect(book.names.filter((n) => !book.hidden.includes(n))).toEqual(['Traitements', 'Sous-traitance', 'Finalités', 'Données et conservation', 'Destinataires', 'Personnes concernées', 'Mesures de sécurité', 'Responsables conjoints', 'Catégories de traitements', 'Sous-traitants ultérieurs', 'Transferts', 'Organisme']);
  const [row] = records(book, 'Traitements');
  const v = (h: string) => cellOf(row!, h).text;
  // Every field of the record, in the order of Art. 30(1), with labels, not codes.
  expect(texts(book, 'Traitements')[0]!.slice(0, 9)).toEqual(['Référence', 'Nom du traitement', 'Statut', 'Service responsable', 'Logiciel ou application', 'Créée le', 'Mise à jour le', 'Prochaine revue', 'Responsables conjoints']);
  expect(v('Référence')).toBe('T-001');
  expect(v('Nom du traitement')).toBe('Enregistrement des appels');
  expect(v('Statut')).toBe('Actif');
  expect(v('Service responsable')).toBe('Support client');
  expect(v('Logiciel ou application')).toBe('Logiciel d’enregistrement');
  expect(cellOf(row!, 'Créée le').value).toBe('2026-11-24');
  expect(cellOf(row!, 'Prochaine revue').value).toBe('2027-01-31');
  expect(v('Responsables conjoints')).toBe('Partenaire SAS, 1 rue de Paris, dpo@partenaire.test, 0102030405, Accord art. 26');
  expect(v('Finalités et bases légales')).toBe('Former les conseillers (Intérêt légitime)\nPreuve des engagements (Exécution d’un contrat + Obligation légale)');
  expect(v('Catégories de personnes concernées')).toBe('Clients : Appelants');
  expect(v('Catégories de données personnelles')).toBe('Contenu des communications (enregistrements d\'appels, messages) : Enregistrement audio\nÉtat civil, identité, données d\'identification, images : Nom du conseiller');
  expect(v('Données sensibles')).toBe('Données de santé : Mentions de santé');
  expect(v('Exception de l’article 9.2')).toBe('9.2.a – Consentement explicite');
  expect(v('Précision sur l’exception')).toBe('Consentement recueilli');
  expect(v('Sources des données')).toBe('Plateforme téléphonique');
  expect(v('Destinataires')).toBe('Destinataire interne – Service interne en charge du traitement – Support – Responsables');
  expect(v('Transferts hors de l’EEE')).toBe('Twilio Inc. – États-Unis, Inde – Clauses contractuelles types 2021 (décision 2021/914) (Module 2 – responsable à sous-traitant (C2P))');
  expect(v('Durée de conservation')).toContain('Contenu des communications (enregistrements d\'appels, messages) : Base active : 90 jours, après l’appel ; archivage intermédiaire : 5 ans, fin du contrat, motif : prescription civile ; puis suppression ; 6 mois avec l’option');
  expect(v('Durée de conservation')).toContain('Données de santé : 1 an');
  expect(v('Mesures de sécurité')).toBe('Chiffrement des données : TLS et SRTP');
  expect(v('AIPD nécessaire')).toBe('Oui');
  expect(v('AIPD réalisée')).toBe('Oui');
  expect(cellOf(row!, 'Date de l’AIPD').value).toBe('2026-01-15');
  expect(v('Motif (AIPD nécessaire ou non)')).toBe('Deux critères WP248');
  expect(v('Notes')).toBe('Notes libres');
  expect(v('À compléter')).toBe('');

  // The purposes, one row per basis, numbered (1 = the main purpose).
  expect(records(book, 'Finalités').map((r) => [r['Référence']!.text, r['N°']!.value, r['Finalité']!.text, r['Base légale']!.text, r['Précision sur la base légale']!.text])).toEqual([
    ['T-001', 1, 'Former les conseillers', 'Intérêt légitime (art. 6.1.f)', 'Intérêt légitime à améliorer le service'],
    ['T-001', 2, 'Preuve des engagements', 'Exécution d’un contrat (art. 6.1.b)', 'Contrat d’abonnement'],
    ['T-001', 2, 'Preuve des engagements', 'Obligation légale (art. 6.1.c)', 'Code de la consommation, art. L.221-16'],
  ]);
  // The data categories with each phase of their retention in its own columns.
  // (the processor records' categories follow, named by their register, without retention phases)
  const all = records(book, 'Données et conservation');
  const cats = all.filter((r) => r['Registre']!.text === 'Registre du responsable de traitement');
  expect(cats.map((r) => r['Type de données']!.text)).toEqual(['Ordinaire', 'Ordinaire', 'Sensible']);
  expect(all.filter((r) => r['Registre']!.text !== 'Registre du responsable de traitement').map((r) => [r['Durée']?.value ?? null, r['Unité']?.text ?? ''])).toEqual([[null, '']]);
  const comm = cats[0]!;
  expect([comm['Catégorie']!.text, comm['Description']!.text, comm['Durée']!.value, comm['Unité']!.text, comm['Point de départ ou critère']!.text]).toEqual([
    'Contenu des communications (enregistrements d\'appels, messages)',
    'Enregistrement audio',
    90,
    'jours',
    'après l’appel',
  ]);
  expect([comm['Archivage – durée']!.value, comm['Archivage – unité']!.text, comm['Archivage – point de départ']!.text, comm['Motif de l’archivage intermédiaire']!.text, comm['Au terme']!.text, comm['Note (alternatives, options)']!.text]).toEqual([
    5,
    'ans',
    'fin du contrat',
    'prescription civile',
    'Suppression',
    '6 mois avec l’option',
  ]);
  expect(cats[2]!['Catégorie']!.text).toBe('Données de santé');
  expect(cats[2]!['Durée']!.value).toBe(1);
  expect(cats[2]!['Unité']!.text).toBe('ans');
  // Recipients.
  expect(records(book, 'Destinataires').map((r) => [r['Référence']!.text, r['Type']!.text, r['Catégorie']!.text, r['Nom']!.text, r['Précisions']!.text])).toEqual([
    ['T-001', 'Destinataire interne', 'Service interne en charge du traitement', 'Support', 'Responsables'],
  ]);
  // Transfers: those of the transfer register linked to the record.
  const tr = records(book, 'Transferts');
  expect(tr).toHaveLength(1);
  expect([tr[0]!['Registre']!.text, tr[0]!['Référence']!.text, tr[0]!['Transfert (registre des transferts)']!.text, tr[0]!['Importateur ou destinataire']!.text, tr[0]!['Pays']!.text, tr[0]!['Pays d’accès']!.text]).toEqual([
    'Registre du responsable de traitement',
    'T-001',
    'Hébergement des enregistrements',
    'Twilio Inc.',
    'États-Unis',
    'Inde',
  ]);
  expect(tr[0]!['Module des CCT']!.text).toBe('Module 2 – responsable à sous-traitant (C2P)');
  // The processor register, its own sheet.
  const [p] = records(book, 'Sous-traitance');
  expect([p!['Référence']!.text, p!['Client (responsable de traitement)']!.text, p!['Sort des données en fin de contrat']!.text, p!['Délai de notification des violations promis aux clients (heures)']!.value]).toEqual([
    'P-001',
    'Client SA',
    'Restitution puis suppression',
    48,
  ]);
  expect(p!['Sous-traitants ultérieurs']!.text).toBe('Opérateur – Numéros – France');
  // The organisation.
  const org = new Map(texts(book, 'Organisme').map((r) => [r[0], r[1]]));
  expect(org.get('Raison sociale')).toBe('Exemple Télécom SAS');
  expect(org.get('Délégué à la protection des données – nom')).toBe('Julien Moreau');
}

describe('the register as an .xlsx workbook', () => {
  it('writes every field of a record, its purposes with bases, retention phases, recipients and its transfers from the transfer register (French)', async () => {
    const prepared = await prepareSheetExport(core, options());
    expect(prepared.fileName).toBe('registre-traitements-2026-11-24.xlsx');
    const book = await readXlsx(prepared.buffer);
    checkFlatFr(book);
    // A bold, frozen header; dates as date cells in the French format; no formula anywhere.
    const ws = book.wb.getWorksheet('Traitements')!;
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(2).width).toBeGreaterThan(20);
    expect(ws.getRow(2).getCell(6).numFmt).toBe('dd/mm/yyyy');
    book.wb.eachSheet((s) => s.eachRow((r) => r.eachCell((c) => expect(c.formula, `${s.name}!${c.address}`).toBeUndefined())));
    // The layout marker an import recognises.
    expect(book.hidden).toEqual(['_dpo']);
    expect(texts(book, '_dpo')[0]).toEqual(['layout', 'dpo-desk-register-1']);
  });

  it('writes English headers and values, dates in the English format', async () => {
    const book = await readXlsx((await prepareSheetExport(core, options({ language: 'en' }))).buffer);
    expect(book.names).toContain('Records');
    const [row] = records(book, 'Records');
    expect(row!['Status']!.text).toBe('Active');
    expect(row!['Owning department']!.text).toBe('Customer support');
    expect(row!['Transfers outside the EEA']!.text).toContain('Twilio Inc. – United States, India');
    expect(row!['Categories of data subjects']!.text).toBe('Customers: Appelants');
    expect(row!['Security measures']!.text).toBe('Encryption: TLS et SRTP');
    expect(book.wb.getWorksheet('Records')!.getRow(2).getCell(6).numFmt).toBe('d mmmm yyyy');
    const tr = records(book, 'Transfers');
    expect(tr[0]!['Country']!.text).toBe('United States');
  });

  it('leaves drafts out unless asked, and refuses a date before the first record', async () => {
    await call(core, 'register:create', { kind: 'controller', doc: { ...fullControllerDoc({ ref: 'T-002', name: 'Brouillon' }), status: 'draft' } });
    const without = records(await readXlsx((await prepareSheetExport(core, options({ asOf: '2026-11-24' }))).buffer), 'Traitements');
    expect(without.map((r) => r['Référence']!.text)).toEqual(['T-001']);
    const withDrafts = records(await readXlsx((await prepareSheetExport(core, options({ includeDrafts: true }))).buffer), 'Traitements');
    expect(withDrafts.map((r) => r['Référence']!.text)).toEqual(['T-001', 'T-002']);
    await expect(prepareSheetExport(core, options({ asOf: '2026-01-01' }))).rejects.toBeInstanceOf(AppError);
  });

  it('keeps a note longer than a cell allows whole: its rest goes to the long-texts sheet', async () => {
    const notes = Array.from({ length: 90_000 }, (_, i) => String.fromCharCode(97 + (i % 26))).join('');
    const { id, version } = await call(core, 'register:get', { id: recordId });
    await call(core, 'register:update', { id, version, kind: 'controller', doc: fullControllerDoc({ notes }) });
    for (const format of ['xlsx', 'ods'] as const) {
      const buffer = (await prepareSheetExport(core, options({ format }))).buffer;
      const book = format === 'xlsx' ? await readXlsx(buffer) : readOds(buffer);
      const [row] = records(book, 'Traitements');
      const cell = row!['Notes']!.text;
      expect(cell.length).toBeLessThanOrEqual(CELL_MAX);
      const [first, pointer] = cell.split('\n');
      expect(pointer).toMatch(/^\[suite dans l’onglet « Textes longs », cellule [A-Z]+2\]$/);
      const parts = texts(book, 'Textes longs').slice(1).sort((a, b) => Number(a[2]) - Number(b[2]));
      expect(parts.every((p) => p[0] === 'Traitements')).toBe(true);
      expect(first + parts.map((p) => p[3]).join('')).toBe(notes);
    }
  });

  it('is handed over by the export:sheet channel, as a download in the web harness', async () => {
    const result = await call(core, 'export:sheet', { layout: 'register', format: 'ods', language: 'fr', registers: 'controller', asOf: '2026-11-24', includeArchived: false });
    expect(result.fileName).toBe('registre-traitements-2026-11-24.ods');
    const book = readOds(Buffer.from(result.base64!, 'base64'));
    expect(book.names).not.toContain('Sous-traitance');
    expect(records(book, 'Traitements')[0]!['Référence']!.text).toBe('T-001');
  });
});

describe('the register as an .ods workbook', () => {
  it('is an OpenDocument package: mimetype first and stored, then content, styles, meta, manifest', async () => {
    const { buffer } = await prepareSheetExport(core, options({ format: 'ods' }));
    // The first local file header names "mimetype" with compression method 0 (stored), its bytes right after.
    expect(buffer.readUInt32LE(0)).toBe(0x04034b50);
    expect(buffer.readUInt16LE(8)).toBe(0);
    const nameLength = buffer.readUInt16LE(26);
    expect(buffer.subarray(30, 30 + nameLength).toString()).toBe('mimetype');
    const extra = buffer.readUInt16LE(28);
    expect(buffer.subarray(30 + nameLength + extra, 30 + nameLength + extra + 46).toString()).toBe('application/vnd.oasis.opendocument.spreadsheet');
    const { entries } = odsEntries(buffer);
    expect(entries[0]).toBe('mimetype');
    expect(entries).toEqual(expect.arrayContaining(['content.xml', 'styles.xml', 'meta.xml', 'settings.xml', 'META-INF/manifest.xml']));
  });

  it('says the same as the .xlsx, field for field (French)', async () => {
    const book = readOds((await prepareSheetExport(core, options({ format: 'ods' }))).buffer);
    checkFlatFr(book);
    expect(book.hidden).toEqual(['_dpo']);
    // Dates are date cells, shown in the language's format.
    const [row] = records(book, 'Traitements');
    expect(row!['Créée le']).toMatchObject({ value: '2026-11-24', text: '24/11/2026', type: 'date' });
  });

  it('writes English dates as "24 November 2026"', async () => {
    const book = readOds((await prepareSheetExport(core, options({ format: 'ods', language: 'en' }))).buffer);
    expect(records(book, 'Records')[0]!['Created']).toMatchObject({ value: '2026-11-24', text: '24 November 2026', type: 'date' });
  });
});

/** Column A of tab 3 of the CNIL's workbook, in its order (registre-traitement-simplifie.ods). */
const CNIL_ROWS = [
  'Nom du traitement',
  'N° / RÉF',
  'Date de création du traitement',
  'Mise à jour du traitement',
  'Acteurs',
  'Responsable du traitement',
  'Délégué à la protection des données',
  'Société du DPO (si celui-ci est externe)',
  'Représentant',
  'Responsable(s) conjoint(s)',
  'Finalité(s) du traitement effectué',
  'Finalité principale',
  'Sous-finalité 1',
  'Sous-finalité 2',
  'Sous-finalité 3',
  'Sous-finalité 4',
  'Sous-finalité 5',
  'Catégories de données personnelles concernées',
  'État civil, identité, données d\'identification, images…',
  'Vie personnelle (habitudes de vie, situation familiale, etc.)',
  'Informations d\'ordre économique et financier (revenus, situation financière, situation fiscale, etc.)',
  'Données de connexion (adress IP, logs, etc.)',
  'Données de localisation (déplacements, données GPS, GSM, etc.)',
  'Numéro de Sécurité Sociale (ou NIR)',
  'Données sensibles',
  'Données révélant l\'origine raciale ou ethnique',
  'Données révélant les opinions politiques',
  'Données révélant les convictions religieuses ou philosophiques',
  'Données révélant l\'appartenance syndicale',
  'Données génétiques',
  'Données biométriques aux fins d\'identifier une personne physique de manière unique',
  'Données concernant la santé',
  'Données concernant la vie sexuelle ou l\'orientation sexuelle',
  'Données relatives à des condamnations pénales ou infractions',
  'Catégories de personnes concernées',
  'Catégorie de personnes 1',
  'Catégorie de personnes 2',
  'Destinataires',
  'Destinataire 1',
  'Destinataire 2',
  'Destinataire 3',
  'Destinataire 4',
  'Mesures de sécurité',
  'Mesure de sécurité 1',
  'Mesure de sécurité 2',
  'Mesure de sécurité 3',
  'Transferts hors UE',
  'Organisme destinataire 1',
  'Organisme destinataire 2',
  'Organisme destinataire 3',
  'Organisme destinataire 4',
];

async function cnilBook(format: 'xlsx' | 'ods', language: 'fr' | 'en' = 'fr'): Promise<ReadBook> {
  const { buffer, fileName } = await prepareSheetExport(core, options({ layout: 'cnil', format, language }));
  expect(fileName).toBe(`${language === 'fr' ? 'registre-modele-cnil' : 'register-cnil-model'}-2026-11-24.${format}`);
  return format === 'xlsx' ? readXlsx(buffer) : readOds(buffer);
}

function checkCnilFr(book: ReadBook) {
  // The list, then one record sheet per controller record (the processor register is not in the CNIL model).
  expect(book.names.filter((n) => !book.hidden.includes(n))).toEqual(['2 - Liste des traitements', 'T-001']);
  const list = texts(book, '2 - Liste des traitements');
  // The head of the organisation at its address, the representative in the Union (none here), the DPO.
  expect(list[0]!.slice(1)).toEqual(['Nom :', 'Claire Martin', 'Prénom :', '', 'Adresse :', '5, parvis Alan Turing', 'Adresse mél :', 'contact@exemple.test']);
  expect(list[1]!.slice(1)).toEqual(['Code postal :', '75013', 'Ville :', 'Paris', 'Téléphone :', '+33 1 00 00 00 00']);
  expect(list[2]!.slice(1, 3)).toEqual(['Nom :', '']);
  expect(list[4]!.slice(1)).toEqual(['Nom :', 'Julien Moreau', 'Prénom :', '', 'Société (si DPO externe) :', 'Cabinet DPO', 'Adresse :', '1 rue du DPO']);
  expect(list[7]!.slice(0, 4)).toEqual(['Nom du traitement', 'N° / RÉF', 'Date de création de la fiche', 'Dernière mise à jour de la fiche']);
  const row = book.sheets.get('2 - Liste des traitements')![8]!;
  expect([row[0]!.text, row[1]!.text, row[2]!.value, row[4]!.text, row[7]!.text]).toEqual(['Enregistrement des appels', 'T-001', '2026-11-24', 'Former les conseillers, Preuve des engagements', 'Oui']);

  // The record sheet: the CNIL's rows in the CNIL's order in column A, then our own block.
  const labels = texts(book, 'T-001').map((r) => r[0] ?? '').filter((l) => CNIL_ROWS.includes(l) || /^Contenu des communications/.test(l));
  const cnilOnly = labels.filter((l) => CNIL_ROWS.includes(l));
  expect(cnilOnly).toEqual(CNIL_ROWS);
  const s = byLabel(book, 'T-001');
  expect(s.get('Nom du traitement')).toEqual([['Enregistrement des appels']]);
  expect(s.get('N° / RÉF')).toEqual([['T-001']]);
  expect(s.get('Responsable du traitement')).toEqual([['Exemple Télécom SAS', '5, parvis Alan Turing', '75013', 'Paris', 'France', '+33 1 00 00 00 00', 'contact@exemple.test']]);
  expect(s.get('Délégué à la protection des données')).toEqual([['Julien Moreau', '1 rue du DPO', '+33 1 00 00 00 01', 'dpo@exemple.test']]);
  expect(s.get('Société du DPO (si celui-ci est externe)')).toEqual([['Cabinet DPO']]);
  expect(s.get('Responsable(s) conjoint(s)')).toEqual([['Partenaire SAS', '1 rue de Paris', '0102030405', 'dpo@partenaire.test']]);
  expect(s.get('Finalité principale')).toEqual([['Former les conseillers']]);
  expect(s.get('Sous-finalité 1')).toEqual([['Preuve des engagements']]);
  expect(s.get('Sous-finalité 2')).toEqual([[]]);
  expect(s.get('État civil, identité, données d\'identification, images…')).toEqual([['Nom du conseiller', '1 an']]);
  // A category the CNIL has no row for gets a row of its own, under the CNIL's.
  expect(s.get('Contenu des communications (enregistrements d\'appels, messages)')).toEqual([
    ['Enregistrement audio', 'Base active : 90 jours, après l’appel ; archivage intermédiaire : 5 ans, fin du contrat, motif : prescription civile ; puis suppression ; 6 mois avec l’option'],
    // and, in our block, its retention phase by phase (what our import reads back)
    ['Ordinaire', '90', 'jours', 'après l’appel', '5', 'ans', 'fin du contrat', 'prescription civile', 'Suppression', '6 mois avec l’option'],
  ]);
  expect(s.get('Données concernant la santé')).toEqual([['Mentions de santé', '1 an']]);
  expect(s.get('Catégorie de personnes 1')).toEqual([['Clients', 'Appelants']]);
  expect(s.get('Destinataire 1')).toEqual([['Service interne qui traite les données', 'Service interne en charge du traitement — Support\u00a0: Responsables']]);
  expect(s.get('Mesure de sécurité 1')).toEqual([['Chiffrement des données', 'TLS et SRTP']]);
  expect(s.get('Organisme destinataire 1')).toEqual([['Twilio Inc.', 'États-Unis', 'Clauses contractuelles types (CCT)', 'Hébergement des enregistrements\nModule 2 – responsable à sous-traitant (C2P)\naccès depuis : Inde']]);
  expect(s.get('Organisme destinataire 2')).toEqual([[]]);
  // What the CNIL model has no row for, after it.
  expect(s.get('Base légale – Finalité principale')).toEqual([['Intérêt légitime (art. 6.1.f) – Intérêt légitime à améliorer le service']]);
  expect(s.get('Base légale – Sous-finalité 1')).toEqual([['Exécution d’un contrat (art. 6.1.b) – Contrat d’abonnement\nObligation légale (art. 6.1.c) – Code de la consommation, art. L.221-16']]);
  expect(s.get('Statut')).toEqual([['Actif']]);
  expect(s.get('AIPD nécessaire')).toEqual([['Oui']]);
}

describe('the register as the CNIL model', () => {
  it('fills the list with the organisation header and one record sheet per record laid out like tab 3 (.xlsx)', async () => {
    const book = await cnilBook('xlsx');
    checkCnilFr(book);
    const ws = (book as Awaited<ReturnType<typeof readXlsx>>).wb.getWorksheet('T-001')!;
    // Labels in bold in column A, the value merged over B:H as in the CNIL's sheet.
    expect(ws.getCell('A4').font?.bold).toBe(true);
    expect(ws.getCell('H4').isMerged).toBe(true);
    expect(ws.getCell('B6').value).toBeInstanceOf(Date);
  });

  it('says the same as an .ods package', async () => {
    const book = await cnilBook('ods');
    checkCnilFr(book);
    expect(texts(book, 'T-001')[5]![0]).toBe('Date de création du traitement');
    expect(book.sheets.get('T-001')![5]![1]).toMatchObject({ value: '2026-11-24', text: '24/11/2026' });
  });

  it('translates the labels in English', async () => {
    const book = await cnilBook('ods', 'en');
    expect(book.names.filter((n) => !book.hidden.includes(n))).toEqual(['2 - List of processing', 'T-001']);
    const s = byLabel(book, 'T-001');
    expect(s.get('Main purpose')).toEqual([['Former les conseillers']]);
    expect(s.get('Data concerning health')).toEqual([['Mentions de santé', '1 year']]);
    expect(s.get('Recipient organisation 1')![0]!.slice(0, 3)).toEqual(['Twilio Inc.', 'United States', 'Standard contractual clauses (SCC)']);
    expect(s.get('Status')).toEqual([['Active']]);
  });
});
