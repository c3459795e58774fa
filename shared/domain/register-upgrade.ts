import type { ControllerDoc, ProcessorDoc, Purpose, Retention } from './register';

/**
 * Upgrades a register document written before migration 0070 to the shape of 0070: pure
 * functions, used by the migration on the stored records and usable on older copies of a record
 * (the audit log's before/after snapshots). Keys they do not know (such as the audit snapshot's
 * `kind`) are kept; a document already in the new shape is returned unchanged in content.
 * Nothing is dropped: every old purpose, basis, detail, sub-purpose and retention is carried over.
 */

type Json = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' ? v : '');
const num = (v: unknown) => (typeof v === 'number' ? v : null);
const unit = (v: unknown, fallback: Retention['unit']) => (v === 'days' || v === 'months' || v === 'years' ? v : fallback);

/** The old retention (duration + unit and/or criterion) is the active-use phase; the other phases start empty. */
export function upgradeRetentionV70(old: unknown): Retention {
  const r = (old && typeof old === 'object' ? old : {}) as Json;
  const a = (r.archive && typeof r.archive === 'object' ? r.archive : {}) as Json;
  return {
    duration: num(r.duration),
    unit: unit(r.unit, 'months'),
    criterion: str(r.criterion),
    archive: { duration: num(a.duration), unit: unit(a.unit, 'years'), criterion: str(a.criterion), reason: str(a.reason) },
    end: r.end === 'delete' || r.end === 'anonymise' ? r.end : '',
    note: str(r.note),
  };
}

/**
 * The old main purpose and its one Art. 6 basis (with its detail) become the first purpose; each
 * old sub-purpose becomes a purpose of its own with a copy of that basis, marked for review (the
 * sub-purpose may rest on another basis: the DPO checks it).
 */
export function upgradePurposesV70(old: Json): Purpose[] {
  const main = str(old.mainPurpose);
  const basis = str(old.legalBasis);
  const detail = str(old.legalBasisDetail);
  const subs = Array.isArray(old.subPurposes) ? old.subPurposes.map((s) => str((s as Json | null)?.text ?? s)) : [];
  const bases = () => (basis !== '' || detail.trim() !== '' ? [{ basis, detail }] : []) as Purpose['bases'];
  if (main.trim() === '' && bases().length === 0 && subs.length === 0) return [];
  return [{ text: main, bases: bases(), review: false }, ...subs.map((text) => ({ text, bases: bases(), review: true }))];
}

export function upgradeControllerDocV70<T extends object>(oldDoc: T): ControllerDoc & Omit<T, keyof ControllerDoc> {
  const old = oldDoc as Json;
  const { mainPurpose: _m, subPurposes: _s, legalBasis: _b, legalBasisDetail: _d, ...rest } = old;
  const rows = (v: unknown) => (Array.isArray(v) ? (v as Json[]) : []);
  return {
    ...rest,
    purposes: Array.isArray(old.purposes) ? old.purposes : upgradePurposesV70(old),
    dataCategories: rows(old.dataCategories).map((c) => ({ ...c, retention: upgradeRetentionV70(c.retention) })),
    specialCategories: rows(old.specialCategories).map((c) => ({ ...c, retention: upgradeRetentionV70(c.retention) })),
  } as unknown as ControllerDoc & Omit<T, keyof ControllerDoc>;
}

/** Processor records gain the client scope (one client, as before) and the optional fields, empty. */
export function upgradeProcessorDocV70<T extends object>(oldDoc: T): ProcessorDoc & Omit<T, keyof ProcessorDoc> {
  const old = oldDoc as Json;
  return {
    clientScope: 'one',
    standardDpa: '',
    dataCategories: [],
    dataSubjects: [],
    specialCategories: [],
    retention: '',
    endOfContract: '',
    breachNoticeHours: null,
    ...old,
  } as unknown as ProcessorDoc & Omit<T, keyof ProcessorDoc>;
}

export function upgradeRegisterDocV70<T extends object>(kind: 'controller' | 'processor', doc: T) {
  return kind === 'controller' ? upgradeControllerDocV70(doc) : upgradeProcessorDocV70(doc);
}
