import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cnilTransferEntry, detectCnil, interpretCnil, parseRetention } from '../../electron/core/import/cnil';
import { TransferDocSchema } from '../../shared/domain/transfer';
import { readWorkbook } from '../../electron/core/import/read';
import { cellDate, cellValue, meansNothing, parseDateText } from '../../electron/core/import/cells';
import type { CnilImport, Workbook } from '../../electron/core/import/types';
import { ControllerDocSchema, emptyRetention } from '../../shared/domain/register';
import { controllerMissing } from '../../shared/domain/completeness';
import { odsContent, odsFrom, odsRow, odsText, smallXlsx } from '../import-files';

const fixture = async (f: string): Promise<Workbook> => {
  const r = await readWorkbook(new Uint8Array(readFileSync(path.resolve(import.meta.dirname, '../fixtures/import', f))), f);
  if (!r.ok) throw new Error(r.error.key);
  return r.value;
};
const years = (duration: number, criterion: string) => ({ ...emptyRetention(), duration, unit: 'years' as const, criterion });

describe('the CNIL model: its example sheet (tab 4)', () => {
  it('imports as one record with every value in place, from the .ods and from the .xlsx', async () => {
    for (const file of ['cnil-model.ods', 'cnil-model.xlsx']) {
      const result = interpretCnil(await fixture(file), { includeExample: true });
      expect(result.records, file).toHaveLength(1);
      const rec = result.records[0]!;
      expect(rec.source).toEqual({ sheet: '4_-_Exemple_de_fiche', kind: 'sheet', example: true });
      expect(rec.createdOn).toBe('2018-05-26');
      expect(rec.updatedOn).toBe('2019-05-13');
      const d = rec.doc;
      expect(d.status).toBe('draft');
      expect(d.name).toBe('Gestion de la paie');
      expect(d.ref).toBe('1 - Exemple');
      expect(rec.actors.controller).toEqual({ name: 'Louise DUPONT', address: '1 rue Rivoli', postcode: '75001', city: 'Paris', country: 'France', phone: '01 xx xx xx xx', email: 'exemple1@ets.com' });
      expect(rec.actors.dpo).toEqual({ name: 'Martin HENRI', address: '1 rue Rivoli', postcode: '75001', city: 'Paris', country: 'France', phone: '01 xx xx xx xx', email: 'exemple2@ets.com' });
      // "N/A" for the DPO's company: nothing to record.
      expect(rec.actors.dpoCompany).toBeNull();
      expect(rec.actors.representative).toBeNull();
      expect(d.jointControllers).toEqual([]);
      expect(d.purposes).toEqual([
        { text: 'Gestion de la paie', bases: [], review: false },
        { text: 'Calcul des rémunérations', bases: [], review: false },
        { text: 'Calcul du montant des versements adressés aux organismes sociaux', bases: [], review: false },
        { text: 'Ordre de virement à la banque', bases: [], review: false },
      ]);
      expect(d.dataCategories).toEqual([
        { category: 'IDENTITY', description: 'Noms, prénoms, adresses', retention: years(5, 'à compter du versement de la paie') },
        { category: 'ECONOMIC', description: 'RIB', retention: years(5, 'à compter du versement de la paie') },
      ]);
      // The NIR is listed with ordinary data in the CNIL model; the app keeps it with the special categories.
      expect(d.specialCategories).toEqual([{ category: 'NIR', description: 'Numéros de sécurité sociale des salariés', retention: years(5, 'à compter du versement de la paie') }]);
      expect(d.dataSubjects).toEqual([{ category: 'EMPLOYEES', details: '' }]);
      expect(d.recipients).toEqual([
        { type: 'INTERNAL', category: 'INTERNAL_DEPT', name: 'Dir. Administrative et Financière', details: '' },
        { type: 'EXTERNAL_BODY', category: 'PARTNERS', name: 'Organismes sociaux', details: '' },
        { type: 'EXTERNAL_BODY', category: '', name: "Banque d'Andorre", details: '' },
      ]);
      expect(d.securityMeasures).toEqual([
        { type: 'SOFTWARE_PROTECTION', details: '' },
        { type: 'BACKUP', details: '' },
        { type: 'ACCESS_CONTROL', details: '' },
      ]);
      expect(rec.transfers).toEqual([
        { recipient: "Banque d'Andorre", country: 'Andorre', countryCode: 'AD', safeguard: 'Clauses contractuelles types (CCT)', safeguardCode: 'SCC_2021', mechanism: 'SCC_2021', invalidated: false, document: 'Contrat en date du 23/01/2018', cell: 'B39' },
      ]);
      expect(rec.notes).toEqual([]);
      // The legal basis is not in the CNIL model: a draft whose completeness lists it for each purpose.
      expect(ControllerDocSchema.safeParse(d).success).toBe(true);
      expect(controllerMissing(d).filter((m) => m.key === 'legalBasis')).toHaveLength(4);
      // The blank template (tab 3) is left out, and said so.
      expect(result.notes.map((n) => [n.sheet, n.key])).toContainEqual(['3_-_Modèle_de_fiche_de_registre', 'emptySheet']);
      expect(result.drafts).toEqual([]);
    }
  });

  it('the example (tab 4 and the "(EXEMPLE)" row of tab 2) is skipped unless asked for', async () => {
    const result = interpretCnil(await fixture('cnil-model.ods'));
    expect(result.records).toEqual([]);
    expect(result.drafts).toEqual([]);
    expect(result.organisation).toBeNull();
    expect(result.notes.filter((n) => n.key === 'exampleSkipped').map((n) => [n.sheet, n.cell])).toEqual([
      ['4_-_Exemple_de_fiche', ''],
      ['2_-_Liste_des_traitements', 'A9'],
    ]);
  });

  it('a copy of the example tab filled with another processing is a record like any other', async () => {
    const body = [odsRow([odsText('Exemple de fiche de registre')]), odsRow([odsText('Nom du traitement'), odsText('Facturation')]), odsRow([odsText('N° / RÉF'), odsText('FIN-1')]), odsRow([odsText('Finalité principale'), odsText('Facturer les clients')])];
    const r = await readWorkbook(odsFrom(odsContent([{ name: '4 - Exemple de fiche (2)', rows: body }])), 'copie.ods');
    if (!r.ok) throw new Error(r.error.key);
    const result = interpretCnil(r.value);
    expect(result.records.map((x) => [x.doc.ref, x.doc.name, x.source.example])).toEqual([['FIN-1', 'Facturation', false]]);
  });

  it('a row the model does not have (a remark under a table) is kept in the record\'s notes and reported, not read as an entry', async () => {
    const body = [
      odsRow([odsText('Nom du traitement'), odsText('Facturation')]),
      odsRow([odsText('Finalité principale'), odsText('Facturer')]),
      odsRow([odsText('Transferts hors UE'), odsText('Destinataire'), odsText('Pays'), odsText('Type de Garanties')]),
      odsRow([odsText('Organisme destinataire 1'), odsText('Stripe'), odsText('États-Unis'), odsText('Clauses contractuelles types (CCT)')]),
      odsRow([odsText('Remarque'), odsText('Contrat en cours de renégociation')]),
    ];
    const r = await readWorkbook(odsFrom(odsContent([{ name: 'Fiche', rows: body }])), 'remarque.ods');
    if (!r.ok) throw new Error(r.error.key);
    const rec = interpretCnil(r.value).records[0]!;
    expect(rec.transfers.map((t) => t.recipient)).toEqual(['Stripe']);
    expect(rec.doc.notes).toBe('Remarque : Contrat en cours de renégociation');
    expect(rec.notes.map((n) => [n.cell, n.key, n.params])).toEqual([['A5', 'unknownLabel', { label: 'Remarque' }]]);
  });

  it('detects the model: its record sheets, its list, its example', async () => {
    expect(detectCnil(await fixture('cnil-filled.xlsx'))).toEqual({
      isCnil: true,
      recordSheets: ['3_-_Modèle_de_fiche_de_registre', 'Paie 2024', 'Recrutement', 'Fiche 3 - Newsletter'],
      listSheet: '2_-_Liste_des_traitements',
      exampleSheet: '4_-_Exemple_de_fiche',
    });
  });
});

describe('the CNIL model: a copy with three filled sheets, saved by LibreOffice', () => {
  let ods: CnilImport;
  let xlsx: CnilImport;
  const load = async () => {
    ods ??= interpretCnil(await fixture('cnil-filled.ods'));
    xlsx ??= interpretCnil(await fixture('cnil-filled.xlsx'));
    return ods;
  };

  it('imports the same from the .ods and from the .xlsx', async () => {
    await load();
    expect(xlsx).toEqual(ods);
    expect(ods.records.map((r) => [r.source.sheet, r.doc.ref, r.doc.name])).toEqual([
      ['Paie 2024', 'RH-001', 'Paie des salariés'],
      ['Recrutement', 'RH-002', 'Recrutement'],
      ['Fiche 3 - Newsletter', 'COM-003', "Lettre d'information"],
    ]);
    for (const r of ods.records) expect(ControllerDocSchema.safeParse(r.doc).success, r.doc.ref).toBe(true);
  });

  it('tab 2: the organisation header proposes the profile (controller, DPO with company)', async () => {
    const { organisation, organisationFields } = await load();
    expect(organisation).toMatchObject({
      address: '12 avenue de la Gare',
      postcode: '69002',
      city: 'Lyon',
      phone: '04 00 00 00 00',
      email: 'direction@exemple.fr',
      representative: { name: 'Claire MARTIN', address: '12 avenue de la Gare, 69002 Lyon', email: 'direction@exemple.fr', phone: '04 00 00 00 00' },
      dpo: { name: 'Paul DURAND', company: 'DPO Conseil SARL', address: '3 rue du Port, 13002 Marseille', email: 'dpo@dpo-conseil.fr', phone: '04 11 11 11 11' },
    });
    expect(organisationFields).toContain('dpo.company');
    expect(organisationFields).not.toContain('legalName');
  });

  it('tab 2: a row without a sheet becomes a draft with what the row says; the rows with a sheet do not', async () => {
    const { drafts } = await load();
    expect(drafts).toHaveLength(1);
    const d = drafts[0]!;
    expect(d.source).toEqual({ sheet: '2_-_Liste_des_traitements', kind: 'list', row: 12, example: false });
    expect([d.doc.ref, d.doc.name, d.doc.status, d.createdOn]).toEqual(['SEC-004', 'Vidéosurveillance', 'draft', '2022-06-01']);
    expect(d.doc.purposes).toEqual([{ text: 'Sécurité des locaux et des personnes', bases: [], review: false }]);
    expect(d.notes.map((n) => [n.cell, n.key])).toEqual([['A13', 'draftFromList']]);
  });

  it('a sheet with "Non concerné", "N/A", "—": nothing recorded for those; another controller kept in the notes', async () => {
    const paie = (await load()).records[0]!;
    expect(paie.createdOn).toBe('2019-01-15');
    expect(paie.updatedOn).toBe('2024-02-01');
    expect(paie.doc.purposes.map((p) => p.text)).toEqual(['Gestion de la paie', 'Calcul des rémunérations', 'Déclarations sociales nominatives']);
    expect(paie.doc.dataCategories).toEqual([
      { category: 'IDENTITY', description: 'Nom, prénom, adresse', retention: years(5, 'à compter du versement de la paie') },
      { category: 'ECONOMIC', description: 'Salaire, RIB', retention: years(5, '') },
    ]);
    expect(paie.doc.specialCategories).toEqual([{ category: 'NIR', description: 'NIR des salariés', retention: years(5, 'à compter du versement de la paie') }]);
    expect(paie.doc.dataSubjects).toEqual([{ category: 'EMPLOYEES', details: 'Salariés en CDI et CDD' }]);
    expect(paie.doc.recipients).toEqual([
      { type: 'INTERNAL', category: 'INTERNAL_DEPT', name: 'Service paie', details: '' },
      { type: 'EXTERNAL_BODY', category: 'PARTNERS', name: 'URSSAF, caisses de retraite', details: '' },
    ]);
    expect(paie.doc.securityMeasures).toEqual([
      { type: 'ACCESS_CONTROL', details: 'Habilitations par profil' },
      { type: 'BACKUP', details: 'Sauvegarde quotidienne chiffrée' },
    ]);
    expect(paie.transfers).toEqual([]);
    expect(paie.actors.representative).toBeNull();
    expect(paie.actors.dpoCompany?.name).toBe('DPO Conseil SARL');
    expect(paie.notes.map((n) => [n.key, n.params])).toEqual([['actorDiffers', { name: 'Jean DUPUIS', field: 'Responsable du traitement' }]]);
    expect(paie.doc.notes).toContain('Responsable du traitement : Jean DUPUIS ; 12 avenue de la Gare, 69002 Lyon, France');
  });

  it('a sheet with an inserted row, a joint controller, sensitive data and a Privacy Shield transfer, flagged', async () => {
    const rec = (await load()).records[1]!;
    expect(rec.updatedOn).toBe('2023-09-15');
    expect(rec.doc.jointControllers).toEqual([{ name: 'Groupe Exemple SA', address: '1 place de la Bourse, 75002 Paris, France', email: 'rgpd@groupe-exemple.fr', phone: '', details: '' }]);
    expect(rec.doc.dataCategories.map((c) => [c.category, c.description, c.retention.duration, c.retention.criterion])).toEqual([
      ['IDENTITY', 'Nom, prénom, photo', 2, 'après le dernier contact'],
      ['PROFESSIONAL_LIFE', 'CV, lettre de motivation', 2, 'après le dernier contact'],
    ]);
    expect(rec.doc.specialCategories).toEqual([{ category: 'HEALTH', description: 'Reconnaissance de la qualité de travailleur handicapé', retention: { ...emptyRetention(), criterion: 'Durée du processus de recrutement' } }]);
    expect(rec.doc.recipients[1]).toEqual({ type: 'PROCESSOR', category: '', name: 'Éditeur du logiciel de recrutement', details: '' });
    expect(rec.transfers).toEqual([
      { recipient: 'Recruit Cloud Inc.', country: 'Etats-Unis', countryCode: 'US', safeguard: 'Privacy shield', safeguardCode: 'LEGACY_PRIVACY_SHIELD', mechanism: 'LEGACY_PRIVACY_SHIELD', invalidated: true, document: 'https://recruit.example/dpa', cell: 'B60' },
    ]);
    expect(rec.notes.map((n) => [n.cell, n.key, n.severity])).toEqual([
      ['E40', 'retentionAsText', 'info'],
      ['D60', 'invalidatedGround', 'warning'],
    ]);
  });

  it('a sheet with deleted rows, several values in one cell, an unknown value kept and reported, an unknown country kept to convert', async () => {
    const rec = (await load()).records[2]!;
    expect(rec.doc.dataSubjects).toEqual([
      { category: 'CUSTOMERS', details: '' },
      { category: 'PROSPECTS', details: '' },
      { category: 'OTHER', details: 'Abonnés presse — Journalistes inscrits' },
    ]);
    expect(rec.doc.dataCategories.map((c) => [c.category, c.retention.duration, c.retention.unit])).toEqual([
      ['IDENTITY', 3, 'years'],
      ['CONNECTION', 13, 'months'],
    ]);
    expect(rec.doc.securityMeasures).toEqual([
      { type: 'TRACEABILITY', details: '' },
      { type: 'OTHER', details: 'Double opt-in' },
    ]);
    expect(rec.transfers.map((t) => [t.recipient, t.countryCode, t.mechanism, t.document])).toEqual([
      ['MailSender Ltd', 'GB', 'ADEQUACY', ''],
      ['Listes Express', '', 'SCC_2021', 'Contrat du 01/02/2022'],
    ]);
    expect(rec.notes.map((n) => [n.cell, n.key, n.params])).toEqual([
      ['B42', 'unknownValue', { field: 'Catégorie de personnes 2', value: 'Abonnés presse' }],
      ['C57', 'unknownCountry', { value: 'Atlantide' }],
    ]);
  });
});

describe('the CNIL model: transfers into the transfer register', () => {
  it('CJEU C-311/18 (Schrems II): a transfer on the Privacy Shield is imported on its invalidated ground, linked to its record, and flagged', async () => {
    const rec = (await interpretCnil(await fixture('cnil-filled.ods'))).records[1]!;
    const id = '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f';
    const entry = cnilTransferEntry(rec.transfers[0]!, { recordId: id, suppliers: [{ id: '0e8a4a5c-1111-4222-8333-944455566677', name: 'RECRUIT CLOUD' }], source: 'Modèle CNIL, feuille « Recrutement »' });
    expect(entry.ok).toBe(true);
    if (!entry.ok) return;
    expect(entry.doc).toMatchObject({ importerSupplierId: '0e8a4a5c-1111-4222-8333-944455566677', importerName: '', importerCountry: 'US', mechanism: 'LEGACY_PRIVACY_SHIELD', activityIds: [id], title: 'RECRUIT CLOUD – États-Unis' });
    expect(entry.doc.notes).toBe('Modèle CNIL, feuille « Recrutement » ; garantie / safeguard : Privacy shield ; documentation : https://recruit.example/dpa');
    expect(TransferDocSchema.safeParse(entry.doc).success).toBe(true);
    expect(rec.notes.find((n) => n.key === 'invalidatedGround')).toMatchObject({ cell: 'D60', severity: 'warning', params: { ground: 'Privacy shield' } });
  });

  it('a country no code matches is kept on the record, to convert', async () => {
    const rec = (await interpretCnil(await fixture('cnil-filled.ods'))).records[2]!;
    const entry = cnilTransferEntry(rec.transfers[1]!, { recordId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', suppliers: [], source: 'Modèle CNIL' });
    expect(entry).toEqual({ ok: false, item: { recipient: 'Listes Express', country: 'Atlantide', safeguard: 'SCC_2021', document: 'Contrat du 01/02/2022', reason: 'country' } });
  });
});

describe('the CNIL model: values and cells', () => {
  it('every country of the CNIL\'s list (tab 5) becomes an ISO code', async () => {
    const wb = await fixture('cnil-model.ods');
    const lists = wb.sheets.find((s) => s.name === '5_-_Listes')!;
    const names = lists.rows.flatMap((r) => r.cells.filter((c) => c.col === 2 && c.value.kind === 'text').map((c) => (c.value as { text: string }).text)).filter((n) => n !== 'Pays' && !n.startsWith('Sélectionnez'));
    expect(names.length).toBeGreaterThan(150);
    const sheet = (country: string) => odsRow([odsText('Organisme destinataire 1'), odsText('Importateur'), odsText(country), odsText('Clauses contractuelles types (CCT)')]);
    const body = [odsRow([odsText('Nom du traitement'), odsText('Test')]), odsRow([odsText('Finalité principale'), odsText('Test')]), odsRow([odsText('Transferts hors UE'), odsText('Destinataire'), odsText('Pays'), odsText('Type de Garanties')]), ...names.map(sheet)];
    const r = await readWorkbook(odsFrom(odsContent([{ name: 'Fiche', rows: body }])), 'pays.ods');
    if (!r.ok) throw new Error(r.error.key);
    const rec = interpretCnil(r.value).records[0]!;
    const unknown = rec.transfers.filter((t) => t.countryCode === '').map((t) => t.country);
    expect(unknown).toEqual([]);
    expect(rec.transfers.find((t) => t.country === 'Etats-Unis')?.countryCode).toBe('US');
    expect(rec.transfers.find((t) => t.country === 'Rép. dém. du Congo')?.countryCode).toBe('CD');
  });

  it('every value of the CNIL\'s drop-down lists (tab 5) maps onto the app\'s lists, none reported unknown', async () => {
    const wb = await fixture('cnil-model.ods');
    const tab5 = wb.sheets.find((s) => s.name === '5_-_Listes')!;
    const column = (col: number) => tab5.rows.slice(2).flatMap((r) => r.cells.filter((c) => c.col === col && c.value.kind === 'text').map((c) => (c.value as { text: string }).text));
    const [safeguards, subjects, recipients, measures] = [column(0), column(5), column(7), column(9)];
    expect([safeguards.length, subjects.length, recipients.length, measures.length]).toEqual([7, 8, 5, 7]);
    const rows = [
      odsRow([odsText('Nom du traitement'), odsText('Listes')]),
      odsRow([odsText('Finalité principale'), odsText('Tout')]),
      odsRow([odsText('Catégories de personnes concernées'), odsText('Description'), odsText(''), odsText(''), odsText('Précisions')]),
      ...subjects.map((v, i) => odsRow([odsText(`Catégorie de personnes ${i + 1}`), odsText(v)])),
      odsRow([odsText('Destinataires'), odsText('Type de destinataire'), odsText(''), odsText(''), odsText('Précisions')]),
      ...recipients.map((v, i) => odsRow([odsText(`Destinataire ${i + 1}`), odsText(v), odsText(''), odsText(''), odsText(`D${i}`)])),
      odsRow([odsText('Mesures de sécurité'), odsText('Type de mesure de sécurité'), odsText(''), odsText(''), odsText('Précisions')]),
      ...measures.map((v, i) => odsRow([odsText(`Mesure de sécurité ${i + 1}`), odsText(v)])),
      odsRow([odsText('Transferts hors UE'), odsText('Destinataire'), odsText('Pays'), odsText('Type de Garanties')]),
      ...safeguards.map((v, i) => odsRow([odsText(`Organisme destinataire ${i + 1}`), odsText(`Importateur ${i}`), odsText('Canada'), odsText(v)])),
    ];
    const r = await readWorkbook(odsFrom(odsContent([{ name: 'Fiche', rows }])), 'listes.ods');
    if (!r.ok) throw new Error(r.error.key);
    const rec = interpretCnil(r.value).records[0]!;
    expect(rec.notes.filter((n) => n.key === 'unknownValue')).toEqual([]);
    expect(rec.doc.dataSubjects.map((d) => d.category)).toEqual(['EMPLOYEES', 'CUSTOMERS', 'SUPPLIERS', 'CONTRACTORS', 'PROSPECTS', 'APPLICANTS', 'OTHER']);
    expect(rec.doc.recipients.map((d) => [d.type, d.category])).toEqual([
      ['INTERNAL', 'INTERNAL_DEPT'],
      ['PROCESSOR', ''],
      ['EXTERNAL_BODY', ''],
      ['EXTERNAL_BODY', 'PARTNERS'],
      ['EXTERNAL_BODY', ''],
    ]);
    expect(rec.doc.securityMeasures.map((m) => m.type)).toEqual(['TRACEABILITY', 'SOFTWARE_PROTECTION', 'BACKUP', 'ENCRYPTION', 'ACCESS_CONTROL', 'PROCESSOR_CONTROL', 'OTHER']);
    expect(rec.transfers.map((t) => [t.safeguardCode, t.mechanism, t.invalidated])).toEqual([
      ['SCC_2021', 'SCC_2021', false],
      ['BCR', 'BCR', false],
      ['ADEQUACY', 'ADEQUACY', false],
      ['LEGACY_PRIVACY_SHIELD', 'LEGACY_PRIVACY_SHIELD', true],
      ['OTHER', 'CODE_CERTIFICATION', false],
      ['OTHER', 'CODE_CERTIFICATION', false],
      ['DEROGATION_49', 'DEROGATION_49', false],
    ]);
  });

  it('formulas: the cached value is taken and said; an error value or a formula without a value is reported, never stored as text', async () => {
    const bytes = await smallXlsx((ws) => {
      ws.getCell('A1').value = 'Nom du traitement';
      ws.getCell('B1').value = { formula: 'UPPER("paie")', result: 'PAIE' };
      ws.getCell('A2').value = 'Finalité principale';
      ws.getCell('B2').value = { formula: 'NA()', result: { error: '#N/A' } } as never;
      ws.getCell('A3').value = 'Sous-finalité 1';
      ws.getCell('B3').value = { formula: 'Z99' } as never;
      ws.getCell('A4').value = 'Sous-finalité 2';
      ws.getCell('B4').value = 'Calcul';
    });
    const r = await readWorkbook(bytes, 'formules.xlsx');
    if (!r.ok) throw new Error(r.error.key);
    const result = interpretCnil(r.value);
    const rec = result.records[0]!;
    expect(rec.doc.name).toBe('PAIE');
    expect(rec.doc.purposes.map((p) => p.text)).toEqual(['Calcul']);
    expect(JSON.stringify(rec.doc)).not.toContain('[object');
    expect(rec.notes.map((n) => [n.cell, n.key, n.params])).toEqual([
      ['B1', 'formulaCached', { value: 'PAIE' }],
      ['B2', 'errorValue', { error: '#N/A' }],
      ['B3', 'noCachedValue', {}],
    ]);
  });

  it('a cell longer than its field is reported, not cut', async () => {
    const long = 'x'.repeat(250);
    const body = [odsRow([odsText('Nom du traitement'), odsText(long)]), odsRow([odsText('N° / RÉF'), odsText('R-1')]), odsRow([odsText('Finalité principale'), odsText('Paie')])];
    const r = await readWorkbook(odsFrom(odsContent([{ name: 'Fiche', rows: body }])), 'long.ods');
    if (!r.ok) throw new Error(r.error.key);
    const rec = interpretCnil(r.value).records[0]!;
    expect(rec.doc.name).toBe('Fiche');
    expect(rec.notes).toEqual([{ sheet: 'Fiche', cell: 'B1', severity: 'warning', key: 'tooLong', params: { field: 'Nom du traitement', max: 200, length: 250 }, record: 'R-1' }]);
  });

  it('"Non concerné", "N/A", "—", "Sans objet", "Néant" and blanks mean nothing; dates are read day first unless the day can only be second', () => {
    for (const v of ['Non concerné', 'non concernée', 'N/A', 'n/a', 'NA', '—', '-', '', '  ', 'Sans objet', 'Néant']) expect(meansNothing(v), v).toBe(true);
    for (const v of ['Non', 'Nantes', 'Aucune idée', '0']) expect(meansNothing(v), v).toBe(false);
    expect(parseDateText('26/05/2018')).toBe('2018-05-26');
    expect(parseDateText('05/26/2018')).toBe('2018-05-26');
    expect(parseDateText('03/04/2020')).toBe('2020-04-03');
    expect(parseDateText('2020-04-03')).toBe('2020-04-03');
    expect(parseDateText('31/02/2020')).toBeNull();
    expect(parseDateText('bientôt')).toBeNull();
    const where = { sheet: 'F', row: 4 };
    expect(cellDate({ col: 2, value: { kind: 'text', text: 'bientôt' }, formula: false }, where, 'Date de création')).toEqual({ date: '', notes: [{ sheet: 'F', cell: 'C5', severity: 'warning', key: 'unreadable', params: { field: 'Date de création', value: 'bientôt' } }] });
    expect(cellDate({ col: 2, value: { kind: 'number', number: 43246 }, formula: false }, where, 'x').date).toBe('2018-05-26');
    expect(cellValue({ col: 1, value: { kind: 'number', number: 75001 }, formula: true }, where)).toEqual({ text: '75001', notes: [{ sheet: 'F', cell: 'B5', severity: 'info', key: 'formulaCached', params: { value: '75001' } }] });
  });

  it('retention: a duration with its unit and the event it runs from; otherwise the text as the starting point', () => {
    expect(parseRetention('5 ans à compter du versement de la paie')).toEqual({ retention: years(5, 'à compter du versement de la paie'), hasDuration: true });
    expect(parseRetention('13 mois').retention).toMatchObject({ duration: 13, unit: 'months', criterion: '' });
    expect(parseRetention('2 semaines').retention).toMatchObject({ duration: 14, unit: 'days' });
    expect(parseRetention('Durée du contrat')).toEqual({ retention: { ...emptyRetention(), criterion: 'Durée du contrat' }, hasDuration: false });
  });
});
