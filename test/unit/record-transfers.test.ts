import { describe, expect, it } from 'vitest';
import reference from '../../resources/reference/transfers.json';
import { countryReader, groundForSafeguard, importerKeyOf, mapRecordTransfer, supplierKey } from '../../shared/domain/record-transfers';

const country = countryReader(reference.countries);
const suppliers = [
  { id: 's-twilio', name: 'Twilio Inc.' },
  { id: 's-google', name: 'Google Ireland Limited' },
];
const map = (recipient: string, c: string, safeguard = '', document = '') => mapRecordTransfer({ recipient, country: c, safeguard, document }, { suppliers, country });

describe('mapping a record-level transfer to a transfer-register entry', () => {
  it('country names in French or English, any case or accents, map to their ISO code', () => {
    expect(country('États-Unis')).toBe('US');
    expect(country('etats unis')).toBe('US');
    expect(country('United States')).toBe('US');
    expect(country('USA')).toBe('US');
    expect(country('Inde')).toBe('IN');
    expect(country('Royaume-Uni')).toBe('GB');
    expect(country('UK')).toBe('GB');
    expect(country('Suisse')).toBe('CH');
    expect(country('IN')).toBe('IN');
    expect(country('Atlantide')).toBeUndefined();
  });

  it('a recipient named like a supplier (case, accents and legal form aside) becomes that supplier', () => {
    expect(map('TWILIO', 'US')).toMatchObject({ ok: true, importerSupplierId: 's-twilio', importerName: '', importerKey: 's:s-twilio' });
    expect(map('Twilio, Inc', 'US')).toMatchObject({ ok: true, importerSupplierId: 's-twilio' });
    expect(supplierKey('Société Générale SA')).toBe('societegenerale');
  });

  it('any other recipient becomes a named recipient', () => {
    expect(map('Google Cloud Platform (Google LLC)', 'États-Unis')).toMatchObject({ ok: true, importerSupplierId: '', importerName: 'Google Cloud Platform (Google LLC)', importerCountry: 'US' });
    expect(importerKeyOf({ importerSupplierId: '', importerName: 'google cloud platform (GOOGLE llc)' })).toBe(map('Google Cloud Platform (Google LLC)', 'US').ok && 'n:googlecloudplatformgoogle');
  });

  it('the safeguard becomes the ground where it maps; the invalidated and missing ones stay flagged', () => {
    expect(groundForSafeguard('SCC_2021')).toBe('SCC_2021');
    expect(groundForSafeguard('ADEQUACY')).toBe('ADEQUACY');
    expect(groundForSafeguard('BCR')).toBe('BCR');
    expect(groundForSafeguard('DPF')).toBe('DPF');
    expect(groundForSafeguard('LEGACY_PRIVACY_SHIELD')).toBe('LEGACY_PRIVACY_SHIELD');
    expect(groundForSafeguard('')).toBe('');
    expect(groundForSafeguard('OTHER')).toBe('');
    expect(groundForSafeguard('whatever')).toBe('');
    expect(map('Twilio Inc.', 'US', 'SCC_2021')).toMatchObject({ ok: true, mechanism: 'SCC_2021' });
  });

  it('a country no code matches, or no recipient, is kept to convert with its reason, never dropped', () => {
    expect(map('Hébergeur', 'Atlantide', 'OTHER', 'contrat 2019')).toEqual({ ok: false, item: { recipient: 'Hébergeur', country: 'Atlantide', safeguard: 'OTHER', document: 'contrat 2019', reason: 'country' } });
    expect(map('  ', 'US', 'DPF')).toEqual({ ok: false, item: { recipient: '', country: 'US', safeguard: 'DPF', document: '', reason: 'recipient' } });
  });

  it('SCCs taken over with their module unknown are flagged until the module is filled in', async () => {
    const { emptyTransferDoc, transferWarnings } = await import('../../shared/domain/transfer');
    const ref = { ...(reference as object), countries: reference.countries } as never;
    const d = { ...emptyTransferDoc(), importerName: 'Twilio', importerCountry: 'US', mechanism: 'SCC_2021' as const, exporterRole: 'processor' as const, importerRole: 'processor' as const };
    expect(transferWarnings(d, ref, '2026-11-24').map((w) => w.key)).toEqual(['noTia', 'moduleMissing']);
    expect(transferWarnings({ ...d, scc: { ...d.scc, module: 3 } }, ref, '2026-11-24').map((w) => w.key)).toEqual(['noTia']);
  });
});
