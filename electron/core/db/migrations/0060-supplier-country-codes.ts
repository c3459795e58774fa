import reference from '../../../../resources/reference/transfers.json';
import type { DB } from '../types';
import { migrationAudit } from './migration-audit';

/**
 * Supplier storage and access countries were typed as names ("États-Unis"); they become ISO
 * codes ("US"), like the transfers', so that a supplier's locations can be checked against the
 * transfer register. Names are matched in French and English, case and accents aside; a name
 * that matches no country is kept in the supplier's notes, never dropped.
 */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');

function byName(): Map<string, string> {
  const names = new Map<string, string>();
  for (const lang of ['fr', 'en']) {
    const display = new Intl.DisplayNames([lang], { type: 'region' });
    for (const code of reference.countries) {
      const n = display.of(code);
      if (n) names.set(fold(n), code);
    }
  }
  for (const [alias, code] of [['usa', 'US'], ['etatsunisdamerique', 'US'], ['uk', 'GB'], ['angleterre', 'GB'], ['unitedstatesofamerica', 'US']] as const) names.set(alias, code);
  return names;
}

/** Issue 14: each supplier changed gets an audit line (migration-audit.ts) when a file older than 60 is migrated. */
export default function migrate0060(db: DB, now: () => Date): void {
  const log = migrationAudit(db, now, 60);
  const names = byName();
  const rows = db.prepare('SELECT id, doc FROM supplier').all() as Array<{ id: string; doc: string }>;
  const update = db.prepare('UPDATE supplier SET doc = ? WHERE id = ?');
  for (const row of rows) {
    const doc = JSON.parse(row.doc) as Record<string, unknown> & { notes?: string };
    const before = JSON.parse(row.doc) as unknown;
    const unknown: string[] = [];
    const convert = (list: unknown) =>
      [
        ...new Set(
          (Array.isArray(list) ? list : []).flatMap((item) => {
            const name = typeof item === 'string' ? item : String((item as { country?: unknown })?.country ?? '');
            if (/^[A-Z]{2}$/.test(name)) return [name];
            const code = names.get(fold(name));
            if (!code && name.trim()) unknown.push(name.trim());
            return code ? [code] : [];
          }),
        ),
      ];
    doc.storageCountries = convert(doc.storageCountries);
    doc.accessCountries = convert(doc.accessCountries);
    if (unknown.length) doc.notes = [doc.notes ?? '', `Pays non reconnus lors de la mise à jour / countries not recognised on update: ${unknown.join(', ')}`].filter(Boolean).join('\n');
    if (JSON.stringify(doc) === row.doc) continue;
    update.run(JSON.stringify(doc), row.id);
    log('supplier', row.id, before, doc);
  }
}
