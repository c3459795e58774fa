import type { DB } from '../types';
import { migrationAudit } from './migration-audit';

/**
 * Issue 11: the country pickers offered retired and reserved ISO 3166-1 codes (FX "Metropolitan
 * France", DD "East Germany", UK, IC Canary Islands, EA Ceuta and Melilla…), and a transfer or a
 * supplier location picked under one of them counted as a third country. Each code with a single
 * current successor becomes it (FX→FR, DD→DE, UK→GB, IC and EA→ES, ZR→CD…); codes without one
 * (SU, YU, CS, AN) are left for the DPO to correct, as they were typed.
 */
export const SUCCESSORS: Readonly<Record<string, string>> = {
  FX: 'FR',
  DD: 'DE',
  UK: 'GB',
  IC: 'ES',
  EA: 'ES',
  ZR: 'CD',
  BU: 'MM',
  TP: 'TL',
  HV: 'BF',
  DY: 'BJ',
  NH: 'VU',
  RH: 'ZW',
  YD: 'YE',
  VD: 'VN',
  AC: 'SH',
  TA: 'SH',
  DG: 'IO',
  CP: 'FR',
};

const current = (c: unknown) => (typeof c === 'string' ? (SUCCESSORS[c] ?? c) : c);
const list = (l: unknown) => (Array.isArray(l) ? [...new Set(l.map(current))] : l);

/**
 * Issue 14: the rewrite now leaves an audit line per entry changed (migration-audit.ts). Files
 * already at version 100 were migrated without one; their history is not rewritten (the log is
 * append-only, and an entry dated today for a change made months ago would be false).
 */
export default function migrate0100(db: DB, now: () => Date): void {
  const log = migrationAudit(db, now, 100);
  const transfers = db.prepare('SELECT id, doc FROM transfer').all() as Array<{ id: string; doc: string }>;
  const updateTransfer = db.prepare('UPDATE transfer SET doc = ? WHERE id = ?');
  for (const row of transfers) {
    const doc = JSON.parse(row.doc) as Record<string, unknown>;
    const next = { ...doc, importerCountry: current(doc.importerCountry), accessCountries: list(doc.accessCountries) };
    if (JSON.stringify(next) !== row.doc) {
      updateTransfer.run(JSON.stringify(next), row.id);
      log('transfer', row.id, doc, next);
    }
  }
  const suppliers = db.prepare('SELECT id, doc FROM supplier').all() as Array<{ id: string; doc: string }>;
  const updateSupplier = db.prepare('UPDATE supplier SET doc = ? WHERE id = ?');
  for (const row of suppliers) {
    const doc = JSON.parse(row.doc) as Record<string, unknown>;
    const next = { ...doc, storageCountries: list(doc.storageCountries), accessCountries: list(doc.accessCountries) };
    if (JSON.stringify(next) !== row.doc) {
      updateSupplier.run(JSON.stringify(next), row.id);
      log('supplier', row.id, doc, next);
    }
  }
}
