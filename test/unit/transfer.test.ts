import { describe, expect, it } from 'vitest';
import reference from '../../resources/reference/transfers.json';
import { TransferReferenceSchema, emptyTransferDoc, isEea, localWarningParams, moduleFor, supplierTransferGaps, transferWarnings, type TransferDoc, type TransferReference } from '../../shared/domain/transfer';

const ref = TransferReferenceSchema.parse(reference) as TransferReference;
const TODAY = '2026-11-24';

/** A clean transfer: to a US processor under SCC module 2, TIA done, reviews ahead. */
const clean = (over: Partial<TransferDoc> = {}): TransferDoc => ({
  ...emptyTransferDoc(),
  title: 'Support vers les États-Unis',
  importerName: 'Acme Inc.',
  importerCountry: 'US',
  exporterRole: 'controller',
  importerRole: 'processor',
  mechanism: 'SCC_2021',
  scc: { module: 2, signedOn: '2025-01-10', docking: false, clause9: 'general', noticeDays: 30, clause11: false, governingLaw: 'France' },
  tia: { ...emptyTransferDoc().tia, done: true, doneOn: '2025-01-05', conclusion: 'effectiveWithMeasures', reviewOn: '2027-01-05' },
  reviewOn: '2027-06-30',
  ...over,
});

const keys = (d: TransferDoc) => transferWarnings(d, ref, TODAY).map((w) => w.key);

describe('the transfer reference', () => {
  it('loads, is dated, lists the 30 EEA states, the adequacy decisions with their scope, the 4 modules and the invalidated mechanisms', () => {
    expect(ref.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(ref.eea).toHaveLength(30);
    expect(ref.eea).toEqual(expect.arrayContaining(['FR', 'DE', 'NO', 'IS', 'LI']));
    expect(ref.adequacy.find((a) => a.country === 'CA')).toMatchObject({ scope: 'partial' });
    expect(ref.adequacy.find((a) => a.country === 'US')).toMatchObject({ dpf: true, date: '2023-07-10' });
    expect(ref.adequacy.find((a) => a.country === 'GB')).toMatchObject({ validUntil: '2031-12-27' });
    expect(ref.invalidated.map((n) => [n.mechanism, n.date])).toEqual([
      ['LEGACY_SAFE_HARBOR', '2015-10-06'],
      ['LEGACY_PRIVACY_SHIELD', '2020-07-16'],
      ['LEGACY_SCC', '2022-12-27'],
    ]);
    expect(ref.invalidated.every((n) => n.meaningFr && n.meaningEn && n.todoFr && n.todoEn && n.caseEn)).toBe(true);
    expect(ref.adequacy.every((a) => a.decision && a.decisionEn && !/Décision/.test(a.decisionEn))).toBe(true);
    expect(ref.countries.length).toBeGreaterThan(240);
  });
});

describe('the SCC module from the parties’ roles', () => {
  it('C→C 1, C→P 2, P→P 3, P→C 4', () => {
    expect([moduleFor('controller', 'controller'), moduleFor('controller', 'processor'), moduleFor('processor', 'processor'), moduleFor('processor', 'controller')]).toEqual([1, 2, 3, 4]);
  });
});

describe('a supplier’s locations against the transfer register', () => {
  it('reports countries outside the EEA, without full adequacy, that no live transfer covers', () => {
    const supplier = { storageCountries: ['IE', 'US', 'CH'], accessCountries: ['IN', 'CA'] };
    // Ireland is in the EEA, Switzerland fully adequate; Canada's adequacy is partial, so it needs a record too.
    expect(supplierTransferGaps(supplier, [], ref, TODAY)).toEqual(['US', 'IN', 'CA']);
    const toUs = { ...emptyTransferDoc(), importerCountry: 'US', accessCountries: ['IN'] };
    expect(supplierTransferGaps(supplier, [toUs], ref, TODAY)).toEqual(['CA']);
    expect(supplierTransferGaps(supplier, [{ ...toUs, status: 'ended' as const }], ref, TODAY)).toEqual(['US', 'IN', 'CA']);
  });
});

describe('transfer warnings', () => {
  it('a clean transfer has none', () => {
    expect(transferWarnings(clean(), ref, TODAY)).toEqual([]);
  });
  it('a transfer resting on an invalidated mechanism (Privacy Shield), dated', () => {
    const w = transferWarnings(clean({ mechanism: 'LEGACY_PRIVACY_SHIELD' }), ref, TODAY);
    expect(w[0]).toEqual({ key: 'invalidMechanism', params: { since: '2020-07-16' } });
    expect(w.map((x) => x.key)).toContain('noGroundNotDpf');
  });
  it('a country with neither adequacy nor safeguard', () => {
    expect(keys(clean({ mechanism: '', importerCountry: 'IN' }))).toEqual(['noGround']);
    // Adequate countries need no safeguard; inside the EEA it is not a transfer at all.
    expect(keys(clean({ mechanism: '', importerCountry: 'CH' }))).toEqual([]);
    expect(keys(clean({ mechanism: '', importerCountry: 'DE' }))).toEqual([]);
    // Canada's decision covers commercial organisations only: the DPO confirms it.
    expect(keys(clean({ mechanism: 'ADEQUACY', importerCountry: 'CA' }))).toEqual(['adequacyScopeUnconfirmed']);
    expect(keys(clean({ mechanism: 'ADEQUACY', importerCountry: 'CA', adequacyScopeConfirmed: true }))).toEqual([]);
    // Access from a third country counts.
    expect(keys(clean({ mechanism: '', importerCountry: 'FR', accessCountries: ['MA'] }))).toEqual(['noGround']);
  });
  it('SCCs without a TIA', () => {
    expect(keys(clean({ tia: emptyTransferDoc().tia }))).toEqual(['noTia']);
  });
  it('a DPF transfer whose certification was not checked in the last 12 months', () => {
    const dpf = (checkedOn: string, certified = true) => clean({ mechanism: 'DPF', dpf: { certified, checkedOn, scope: '' } });
    expect(keys(dpf('2026-06-01'))).toEqual([]);
    expect(keys(dpf('2025-10-01'))).toEqual(['dpfStale']);
    expect(keys(dpf('', false))).toEqual(['dpfNotChecked']);
  });
  it('a module that does not match the parties’ roles', () => {
    const w = transferWarnings(clean({ exporterRole: 'processor', importerRole: 'processor' }), ref, TODAY);
    expect(w).toEqual([{ key: 'moduleMismatch', params: { module: 2, expected: 3 } }]);
  });
  it('a review date passed (the transfer’s or the TIA’s)', () => {
    expect(transferWarnings(clean({ reviewOn: '2026-10-01' }), ref, TODAY)).toEqual([{ key: 'reviewPassed', params: { date: '2026-10-01' } }]);
    expect(keys(clean({ tia: { ...clean().tia, reviewOn: '2026-01-01' } }))).toEqual(['reviewPassed']);
  });
  it('an ended transfer raises nothing', () => {
    expect(keys(clean({ status: 'ended', mechanism: 'LEGACY_SAFE_HARBOR' }))).toEqual([]);
  });
});

describe('countries and importers (issue 11)', () => {
  const RETIRED_OR_RESERVED = ['FX', 'DD', 'UK', 'SU', 'YU', 'CS', 'ZR', 'AN', 'TP', 'BU', 'HV', 'NH', 'RH', 'VD', 'YD', 'DY', 'IC', 'EA', 'AC', 'CP', 'CQ', 'DG', 'TA'];
  it('only current ISO 3166-1 codes in the picker: no retired or reserved code, the United Kingdom is GB', () => {
    expect(ref.countries.filter((c) => RETIRED_OR_RESERVED.includes(c))).toEqual([]);
    expect(ref.countries).toContain('GB');
    expect(new Set(ref.countries).size).toBe(ref.countries.length);
    // 249 officially assigned codes, and Kosovo's user-assigned XK.
    expect(ref.countries).toHaveLength(250);
  });
  it('picking France or Germany never makes a third country', () => {
    expect(keys(clean({ mechanism: '', importerCountry: 'FR' }))).toEqual([]);
    expect(keys(clean({ mechanism: 'SCC_2021', importerCountry: 'DE', tia: emptyTransferDoc().tia }))).toEqual([]);
  });
  it('EU territory is EEA: outermost regions and Åland are not third countries', () => {
    for (const c of ['RE', 'GP', 'MQ', 'GF', 'YT', 'MF', 'AX']) {
      expect(isEea(ref, c)).toBe(true);
      expect(keys(clean({ mechanism: '', importerCountry: c }))).toEqual([]);
    }
    expect(ref.eeaTerritories.every((t) => /349|355/.test(t.basisEn) && /349|355/.test(t.basisFr))).toBe(true);
  });
  it('overseas countries and territories outside the EU (New Caledonia, French Polynesia) are third countries, sourced', () => {
    for (const c of ['NC', 'PF']) {
      expect(isEea(ref, c)).toBe(false);
      expect(ref.nonEeaTerritories.find((t) => t.code === c)?.basisEn).toMatch(/355\(2\)/);
      expect(keys(clean({ mechanism: '', importerCountry: c }))).toEqual(['noGround']);
    }
  });
  it('an international organisation is an importer: the European Patent Organisation has an adequacy decision (15 July 2025)', () => {
    expect(ref.internationalOrganisations.find((o) => o.code === 'EPORG')).toMatchObject({ date: '2025-07-15', decisionEn: expect.stringContaining('2025/1382') });
    // Seated in Munich, still a Chapter V recipient (Art. 44, 4(26)).
    const io = (code: string, mechanism: TransferDoc['mechanism']) => clean({ importerType: 'internationalOrganisation', internationalOrganisation: code, importerName: 'Org', importerCountry: 'DE', mechanism, tia: emptyTransferDoc().tia });
    expect(keys(io('EPORG', 'ADEQUACY'))).toEqual([]);
    expect(keys(io('', ''))).toEqual(['noGround']);
    expect(keys(io('', 'ADEQUACY'))).toEqual(['noAdequacy']);
  });
});

describe('grounds and warnings (issue 11)', () => {
  it('dpfOutsideUs: the DPF chosen for an importer outside the US, or for access from another country', () => {
    const dpf = { certified: true, checkedOn: '2026-06-01', scope: '' };
    expect(keys(clean({ mechanism: 'DPF', dpf }))).toEqual([]);
    expect(keys(clean({ mechanism: 'DPF', dpf, importerCountry: 'IN' }))).toEqual(['dpfOutsideUs']);
    expect(transferWarnings(clean({ mechanism: 'DPF', dpf, accessCountries: ['IN'] }), ref, TODAY)).toEqual([{ key: 'dpfOutsideUs', params: { countries: 'IN' } }]);
  });
  it('ukInstrumentForGdprExporter: the UK IDTA and Addendum are no ground for an exporter subject to the GDPR, kept for a UK exporter', () => {
    expect(keys(clean({ mechanism: 'UK_IDTA' }))).toEqual(['ukInstrumentForGdprExporter']);
    expect(keys(clean({ mechanism: 'UK_ADDENDUM' }))).toEqual(['ukInstrumentForGdprExporter']);
    expect(keys(clean({ mechanism: 'UK_IDTA', exporterLaw: 'UK_GDPR' }))).toEqual([]);
  });
  it('sccImporterInEea: the 2021 SCCs are not for an importer in the EEA (the transfer is the access from the third country)', () => {
    expect(keys(clean({ importerCountry: 'IE', accessCountries: ['US', 'IN'] }))).toEqual(['sccImporterInEea']);
  });
  it('sccImporterSubjectToGdpr: SCCs for an importer whose processing is subject to the GDPR under Art. 3(2)', () => {
    expect(keys(clean({ importerSubjectToGdpr: true }))).toEqual(['sccImporterSubjectToGdpr']);
    expect(keys(clean({ importerSubjectToGdpr: false }))).toEqual([]);
    expect(keys(clean({ importerSubjectToGdpr: null }))).toEqual([]);
  });
  it('tiaNotEffective: a TIA concluding "not effective" on an active transfer is critical and comes first', () => {
    const w = transferWarnings(clean({ reviewOn: '2026-01-01', tia: { ...clean().tia, conclusion: 'notEffective' } }), ref, TODAY);
    expect(w[0]).toEqual({ key: 'tiaNotEffective', severity: 'critical' });
    expect(w.map((x) => x.key)).toEqual(['tiaNotEffective', 'reviewPassed']);
    expect(keys(clean({ status: 'ended', tia: { ...clean().tia, conclusion: 'notEffective' } }))).toEqual([]);
  });
  const derogation = (over: Partial<TransferDoc['derogation']>, frequency: TransferDoc['frequency'] = 'oneOff') =>
    clean({ mechanism: 'DEROGATION_49', frequency, derogation: { ground: 'compelling', justification: 'Un seul envoi', authorityInformedOn: '2026-01-10', ...over } });
  it('compellingNotInformed: compelling legitimate interests without the supervisory authority informed', () => {
    expect(keys(derogation({}))).toEqual([]);
    expect(keys(derogation({ authorityInformedOn: '' }))).toEqual(['compellingNotInformed']);
  });
  it('derogationRepeated: any Art. 49 derogation on a continuous or repeated transfer', () => {
    expect(keys(derogation({ ground: 'b' }, 'continuous'))).toEqual(['derogationRepeated']);
    expect(keys(derogation({ ground: 'a' }, 'remoteAccess'))).toEqual(['derogationRepeated']);
    expect(keys(derogation({ ground: 'e' }, 'oneOff'))).toEqual([]);
  });
  it('adequacyScopeUnconfirmed: a partial adequacy not confirmed says which decision and what to confirm (Israel: automated transfers)', () => {
    const [w] = transferWarnings(clean({ mechanism: 'ADEQUACY', importerCountry: 'IL' }), ref, TODAY);
    expect(w?.key).toBe('adequacyScopeUnconfirmed');
    expect(w?.params).toMatchObject({ country: 'IL', decision: 'Decision 2011/61/EU', scope: expect.stringMatching(/automated/) });
    expect(localWarningParams(w!, 'fr')).toMatchObject({ country: 'Israël', decision: 'Décision 2011/61/UE', scope: expect.stringMatching(/automatisés/) });
    expect(keys(clean({ mechanism: 'ADEQUACY', importerCountry: 'IL', adequacyScopeConfirmed: true }))).toEqual([]);
  });
  it('every adequacy decision has its Official Journal reference (Brazil 2026/179, EPO 2025/1382)', () => {
    expect(ref.adequacy.every((a) => /OJ L/.test(a.ojEn) && /JO L/.test(a.ojFr))).toBe(true);
    expect(ref.adequacy.find((a) => a.country === 'BR')).toMatchObject({ decisionEn: expect.stringContaining('2026/179'), ojEn: 'OJ L, 2026/179, 28.1.2026' });
    expect(ref.internationalOrganisations.every((o) => /OJ L/.test(o.ojEn))).toBe(true);
  });
  it('adequacyUsNotDpf: a US transfer "without adequacy" says no adequacy for this importer (not DPF-certified)', () => {
    expect(keys(clean({ mechanism: 'ADEQUACY', importerCountry: 'US' }))).toEqual(['adequacyUsNotDpf']);
    // Without any ground, the same: never "no adequacy decision" for the United States.
    expect(transferWarnings(clean({ mechanism: '', accessCountries: ['IN'] }), ref, TODAY)).toEqual([
      { key: 'noGround', params: { countries: 'IN' } },
      { key: 'noGroundNotDpf', params: { countries: 'US' } },
    ]);
  });
  it('dpfStanding: the reference carries a dated note on the DPF (T-553/23 dismissed, appeal C-703/25 P pending), as of 2026-11-29', () => {
    expect(ref.asOf).toBe('2026-11-29');
    const note = ref.notes.find((n) => n.id === 'dpfStanding');
    expect(note?.date).toBe('2025-09-03');
    expect(note?.textEn).toMatch(/T-553\/23.*C-703\/25 P.*SCCs/s);
    expect(note?.textFr).toMatch(/T-553\/23.*C-703\/25 P.*CCT/s);
  });
  it('groundWording: the Chapter V ground is never called "legal basis" / "base légale" in the transfer wording', async () => {
    const { transferFr, transferEn } = await import('../../shared/i18n/transfer');
    expect(JSON.stringify(transferFr)).not.toMatch(/base légale/i);
    expect(JSON.stringify(transferEn)).not.toMatch(/legal basis/i);
  });
});
