import { describe, expect, it } from 'vitest';
import reference from '../../resources/reference/transfers.json';
import { TransferReferenceSchema, emptyTransferDoc, moduleFor, supplierTransferGaps, transferWarnings, type TransferDoc, type TransferReference } from '../../shared/domain/transfer';

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
    expect(w.map((x) => x.key)).toContain('noGround');
  });
  it('a country with neither adequacy nor safeguard', () => {
    expect(keys(clean({ mechanism: '', importerCountry: 'IN' }))).toEqual(['noGround']);
    // Adequate countries need no safeguard; inside the EEA it is not a transfer at all.
    expect(keys(clean({ mechanism: '', importerCountry: 'CH' }))).toEqual([]);
    expect(keys(clean({ mechanism: '', importerCountry: 'DE' }))).toEqual([]);
    // Canada's decision covers commercial organisations only: the DPO confirms it.
    expect(keys(clean({ mechanism: 'ADEQUACY', importerCountry: 'CA' }))).toEqual(['noAdequacy']);
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
