import { kindTerm, shortTerms } from '../../../../shared/domain/register-list';
import type { DB } from '../types';

/**
 * Issue 15: every live record's row of `register_short` (migration 0150) also holds the term of
 * its register (`kcontroller`, `kprocessor`: a search term is always `u…` or `b…`, so no search
 * can match it). A search of one or two characters in one register with no other filter then
 * counts its matches in the index alone (`u0070 AND kcontroller`: about 1 ms for 18,000 matches
 * at 20,000 records, instead of 9 ms through the list index). The rows are written again from
 * the records' search text, as register.repo.ts `syncShort` writes them at every save; a pair of
 * characters beyond the basic plane now has six digits a code (on four, two different pairs
 * could give the same term: shared/domain/register-list.ts `shortTerm`).
 */
export default function migrate0210(db: DB): void {
  db.exec('DELETE FROM register_short');
  const insert = db.prepare('INSERT INTO register_short (rowid, terms) VALUES (?, ?)');
  const rows = db.prepare('SELECT seq, kind, search_text FROM register_entry WHERE deleted_at IS NULL').all() as Array<{ seq: number; kind: string; search_text: string }>;
  for (const row of rows) insert.run(row.seq, `${shortTerms(row.search_text)} ${kindTerm(row.kind)}`);
}
