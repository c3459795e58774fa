import { describe, expect, it } from 'vitest';
import {
  archiveWithoutReason,
  controllerMissing,
  legalBasisWithoutDetail,
  processorClientMissing,
  purposeWithoutLegalBasis,
  repeatedCategoryWithoutDescription,
  retentionWithoutLimit,
} from '../../shared/domain/completeness';
import { ControllerDocSchema, emptyRetention } from '../../shared/domain/register';
import { upgradeControllerDocV70, upgradeProcessorDocV70 } from '../../shared/domain/register-upgrade';
import { fullControllerDoc, fullProcessorDoc } from '../helpers';

const keys = (doc: ReturnType<typeof fullControllerDoc>) => controllerMissing(doc).map((m) => m.path);

describe('purposes and legal bases (Art. 6, Art. 30(1)(b))', () => {
  it('a purpose without a legal basis makes an active record incomplete', () => {
    expect(purposeWithoutLegalBasis({ text: 'Former', bases: [], review: false })).toBe(true);
    expect(purposeWithoutLegalBasis({ text: 'Former', bases: [{ basis: '', detail: 'x' }], review: false })).toBe(true);
    const doc = fullControllerDoc();
    doc.purposes[1] = { ...doc.purposes[1]!, bases: [] };
    expect(keys(doc)).toEqual(['purposes.1.bases']);
    const parsed = ControllerDocSchema.safeParse(doc);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['purposes.1.bases', 'requiredForActive']]);
    expect(ControllerDocSchema.safeParse({ ...doc, status: 'draft' }).success).toBe(true);
  });

  it('a record without any purpose is incomplete, and its main purpose needs its text', () => {
    expect(keys(fullControllerDoc({ purposes: [] }))).toEqual(['purposes']);
    expect(keys(fullControllerDoc({ purposes: [{ text: ' ', bases: [{ basis: 'VITAL_INTEREST', detail: '' }], review: false }] }))).toEqual(['purposes.0.text']);
  });

  it('legitimate interest needs the interest pursued', () => {
    expect(legalBasisWithoutDetail({ basis: 'LEGITIMATE_INTEREST', detail: '' })).toBe(true);
    expect(legalBasisWithoutDetail({ basis: 'LEGITIMATE_INTEREST', detail: 'Sécurité du réseau' })).toBe(false);
  });

  it('a legal obligation needs the law that imposes it', () => {
    expect(legalBasisWithoutDetail({ basis: 'LEGAL_OBLIGATION', detail: ' ' })).toBe(true);
    expect(legalBasisWithoutDetail({ basis: 'PUBLIC_TASK', detail: '' })).toBe(true);
  });

  it('consent needs how it is collected', () => {
    expect(legalBasisWithoutDetail({ basis: 'CONSENT', detail: '' })).toBe(true);
    expect(legalBasisWithoutDetail({ basis: 'CONSENT', detail: 'Case à cocher non pré-cochée' })).toBe(false);
    expect(legalBasisWithoutDetail({ basis: 'VITAL_INTEREST', detail: '' })).toBe(false);
  });

  it('each basis of a purpose is checked on its own: one purpose may rest on legitimate interest and a legal obligation', () => {
    const doc = fullControllerDoc({
      purposes: [{ text: 'Exploiter le réseau', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Capacité' }, { basis: 'LEGAL_OBLIGATION', detail: '' }], review: false }],
    });
    expect(keys(doc)).toEqual(['purposes.0.bases.1.detail']);
  });

  it('a basis appears once per purpose', () => {
    const doc = fullControllerDoc({ status: 'draft', purposes: [{ text: 'x', bases: [{ basis: 'CONSENT', detail: 'a' }, { basis: 'CONSENT', detail: 'b' }], review: false }] });
    const parsed = ControllerDocSchema.safeParse(doc);
    expect(parsed.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['purposes.0.bases.1.basis', 'duplicate']]);
  });
});

describe('data categories and retention (Art. 30(1)(c) and (f), Art. 5(1)(e))', () => {
  it('a retention needs a duration, its starting event or a note', () => {
    expect(retentionWithoutLimit(emptyRetention())).toBe(true);
    expect(retentionWithoutLimit({ ...emptyRetention(), note: '90 jours, 6 mois avec l’option' })).toBe(false);
    expect(retentionWithoutLimit({ ...emptyRetention(), criterion: 'durée du contrat' })).toBe(false);
  });

  it('an intermediate archive needs its reason', () => {
    const archived = { ...emptyRetention(), duration: 1, archive: { duration: 1, unit: 'years' as const, criterion: '', reason: '' } };
    expect(archiveWithoutReason(archived)).toBe(true);
    expect(archiveWithoutReason({ ...archived, archive: { ...archived.archive, reason: 'prescription (CPCE, art. L.34-2)' } })).toBe(false);
    expect(archiveWithoutReason(emptyRetention())).toBe(false);
  });

  it('a data category repeated on several rows needs a description on each row', () => {
    expect(repeatedCategoryWithoutDescription([{ category: 'CONNECTION', description: 'Trafic' }, { category: 'CONNECTION', description: '' }, { category: 'IDENTITY', description: '' }])).toEqual([1]);
    expect(repeatedCategoryWithoutDescription([{ category: 'CONNECTION', description: 'Trafic' }, { category: 'CONNECTION', description: 'Logs' }])).toEqual([]);
  });
});

describe('processor record (Art. 30(2)(a))', () => {
  it('a processor record names one client, or the standard agreement that binds all its clients', () => {
    const empty = { name: '', address: '', contactName: '', email: '', phone: '', dpo: '' };
    expect(processorClientMissing(fullProcessorDoc({ client: empty })).map((m) => m.key)).toEqual(['clientName', 'clientContact']);
    expect(processorClientMissing(fullProcessorDoc({ client: empty, clientScope: 'standardDpa', standardDpa: 'ATDP v3' }))).toEqual([]);
    expect(processorClientMissing(fullProcessorDoc({ client: empty, clientScope: 'standardDpa', standardDpa: '' })).map((m) => m.key)).toEqual(['standardDpa']);
  });
});

describe('the update to migration 0070 (pure, reused on old audit snapshots)', () => {
  const old = {
    kind: 'controller',
    ref: 'RT-001',
    mainPurpose: 'Exploiter le réseau',
    subPurposes: [{ text: 'Évaluer le volume' }, { text: 'Prévenir la fraude' }],
    legalBasis: 'LEGITIMATE_INTEREST',
    legalBasisDetail: 'Gérer la capacité',
    dataCategories: [{ category: 'TRAFFIC', description: 'CDR', retention: { duration: 12, unit: 'months', criterion: 'à compter de la communication' } }],
    specialCategories: [],
    hasTransfers: false,
    transfers: [],
  };

  it('the old purpose and basis become the first purpose; sub-purposes become purposes with the same basis, marked for review', () => {
    const doc = upgradeControllerDocV70(old);
    expect(doc.purposes).toEqual([
      { text: 'Exploiter le réseau', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Gérer la capacité' }], review: false },
      { text: 'Évaluer le volume', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Gérer la capacité' }], review: true },
      { text: 'Prévenir la fraude', bases: [{ basis: 'LEGITIMATE_INTEREST', detail: 'Gérer la capacité' }], review: true },
    ]);
    expect(doc).not.toHaveProperty('mainPurpose');
    expect(doc).not.toHaveProperty('legalBasis');
    expect((doc as unknown as { kind: string }).kind).toBe('controller'); // keys it does not know are kept
    expect(doc.dataCategories[0]!.retention).toEqual({ ...emptyRetention(), duration: 12, unit: 'months', criterion: 'à compter de la communication' });
  });

  it('is idempotent and keeps an empty draft empty', () => {
    const once = upgradeControllerDocV70(old);
    expect(upgradeControllerDocV70(once)).toEqual(once);
    expect(upgradeControllerDocV70({ mainPurpose: '', subPurposes: [], legalBasis: '', legalBasisDetail: '', dataCategories: [], specialCategories: [] }).purposes).toEqual([]);
    expect(upgradeControllerDocV70({ mainPurpose: '', subPurposes: [], legalBasis: '', legalBasisDetail: 'une précision', dataCategories: [], specialCategories: [] }).purposes).toEqual([
      { text: '', bases: [{ basis: '', detail: 'une précision' }], review: false },
    ]);
  });

  it('gives a processor record one client and empty optional fields', () => {
    const { clientScope, standardDpa, dataCategories, breachNoticeHours, endOfContract, client } = upgradeProcessorDocV70({ ref: 'RS-1', client: { name: 'Client SA' } });
    expect({ clientScope, standardDpa, dataCategories, breachNoticeHours, endOfContract, client }).toEqual({ clientScope: 'one', standardDpa: '', dataCategories: [], breachNoticeHours: null, endOfContract: '', client: { name: 'Client SA' } });
  });
});
