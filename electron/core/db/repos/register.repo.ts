import type { DB } from '../types';
import { kindTerm, listKeys, shortTerm, shortTerms, type QuickFilter, type RegisterSort } from '../../../../shared/domain/register-list';
import type { RegisterSummary } from '../../../../shared/domain/register';
import { LIST_COLUMNS } from '../migrations/0150-register-list';

/** A register_entry row as stored. */
export type RegisterRow = Readonly<{
  id: string;
  kind: 'controller' | 'processor';
  ref: string;
  status: 'draft' | 'active' | 'archived';
  doc: string;
  summary: string;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}>;

export function getEntry(db: DB, id: string): RegisterRow | undefined {
  return db.prepare('SELECT * FROM register_entry WHERE id = ?').get(id) as RegisterRow | undefined;
}

/** The list keys (sort and filter columns, migration 0150) of a row, from its summary: written with it, always. */
const keysOf = (summary: string) => listKeys(JSON.parse(summary) as Partial<RegisterSummary>);
const SET_KEYS = LIST_COLUMNS.map((c) => `${c} = @${c}`).join(', ');

/**
 * Writes again the short-word terms of a record (migration 0150's register_short) after any
 * write of its search text or of its place (live or trash), in the caller's transaction; the
 * trigram index follows by triggers. Purged records leave both by trigger.
 */
function syncShort(db: DB, id: string): void {
  const row = db.prepare('SELECT seq, kind, search_text, deleted_at FROM register_entry WHERE id = ?').get(id) as { seq: number; kind: string; search_text: string; deleted_at: string | null } | undefined;
  if (!row) return;
  db.prepare('DELETE FROM register_short WHERE rowid = ?').run(row.seq);
  // With the term of its register (migration 0210): a short search counts one register's matches in the index.
  if (row.deleted_at === null) db.prepare('INSERT INTO register_short (rowid, terms) VALUES (?, ?)').run(row.seq, `${shortTerms(row.search_text)} ${kindTerm(row.kind)}`);
}

export function insertEntry(db: DB, row: RegisterRow): void {
  db.prepare(
    `INSERT INTO register_entry (id, kind, ref, status, doc, summary, search_text, version, created_at, updated_at, deleted_at, ${LIST_COLUMNS.join(', ')})
     VALUES (@id, @kind, @ref, @status, @doc, @summary, @search_text, @version, @created_at, @updated_at, @deleted_at, ${LIST_COLUMNS.map((c) => `@${c}`).join(', ')})`,
  ).run({ ...row, ...keysOf(row.summary) });
  syncShort(db, row.id);
}

/** Writes a new version if the stored one is still `expectedVersion`; returns false otherwise. */
export function updateEntry(db: DB, row: RegisterRow, expectedVersion: number): boolean {
  const info = db
    .prepare(
      `UPDATE register_entry
          SET ref = @ref, status = @status, doc = @doc, summary = @summary, search_text = @search_text,
              version = @version, updated_at = @updated_at, deleted_at = @deleted_at, ${SET_KEYS}
        WHERE id = @id AND version = @expected`,
    )
    .run({ ...row, ...keysOf(row.summary), expected: expectedVersion });
  if (info.changes === 1) syncShort(db, row.id);
  return info.changes === 1;
}

export function refTaken(db: DB, kind: string, ref: string, exceptId: string | null): boolean {
  return (
    db
      .prepare('SELECT 1 FROM register_entry WHERE kind = ? AND ref = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1')
      .get(kind, ref, exceptId) !== undefined
  );
}

/** The live records of a register by reference (the references an import matches and checks against). */
export function liveIdsByRef(db: DB, kind: string): Map<string, string> {
  const rows = db.prepare('SELECT ref, id FROM register_entry WHERE kind = ? AND deleted_at IS NULL').all(kind) as Array<{ ref: string; id: string }>;
  return new Map(rows.map((r) => [r.ref, r.id]));
}

/** The summaries as one JSON array text: one parse instead of one per row. */
export function listSummariesJson(db: DB, kind: string, trash: boolean): string {
  const sql = trash
    ? 'SELECT summary FROM register_entry WHERE kind = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC'
    : 'SELECT summary FROM register_entry WHERE kind = ? AND deleted_at IS NULL ORDER BY ref';
  return `[${(db.prepare(sql).pluck().all(kind) as string[]).join(',')}]`;
}

export function allLiveSummaries(db: DB): Array<{ summary: string }> {
  return db.prepare('SELECT summary FROM register_entry WHERE deleted_at IS NULL').all() as Array<{ summary: string }>;
}

/** The records holding every short word, as a set (the short words are the first search condition, parameter @w0 in a window). */
const SHORT_MATCHES = 'seq IN (SELECT rowid FROM register_short WHERE register_short MATCH ?)';
/** The same condition checked record by record, by key (see PROBES). */
const SHORT_PROBE = 'EXISTS (SELECT 1 FROM register_short WHERE register_short MATCH @w0 AND rowid = seq)';

/**
 * The search condition for folded words: every word of three characters or more through the FTS5
 * trigram index (a quoted phrase matches the word anywhere, inside other words too, as instr
 * did); the shorter ones (which a trigram index cannot look up) through register_short, the
 * records' characters and pairs of characters: the results are those of the plain scan the
 * search was before (instr on the folded text), which the trash, not indexed, still uses.
 */
function searchCondition(words: ReadonlyArray<string>, useIndex: boolean): { sql: string[]; params: string[] } {
  const long = useIndex ? words.filter((w) => [...w].length >= 3) : [];
  const short = useIndex ? words.filter((w) => [...w].length < 3) : [];
  const scan = useIndex ? [] : words;
  const sql: string[] = [];
  const params: string[] = [];
  if (long.length) {
    sql.push('seq IN (SELECT rowid FROM register_fts WHERE register_fts MATCH ?)');
    params.push(long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND '));
  }
  // When long words narrowed the rows already, the short ones are checked on those few rows.
  if (short.length && !long.length) {
    sql.push(SHORT_MATCHES);
    params.push([...new Set(short.map(shortTerm))].join(' AND '));
  }
  for (const w of long.length ? short : scan) {
    sql.push('instr(search_text, ?) > 0');
    params.push(w);
  }
  return { sql, params };
}

/** Ids of live records whose folded text contains every folded word of the query. */
export function searchIds(db: DB, kind: string, words: ReadonlyArray<string>): string[] {
  const { sql: conditions, params } = searchCondition(words, true);
  const sql = `SELECT id FROM register_entry WHERE kind = ? AND deleted_at IS NULL${conditions.length ? ` AND ${conditions.join(' AND ')}` : ''} ORDER BY sort_ref, id`;
  return db.prepare(sql).pluck().all(kind, ...params) as string[];
}

/** What a window of the register table asks (validated and folded by the service). */
export type WindowQuery = Readonly<{
  kind: string;
  trash: boolean;
  offset: number;
  limit: number;
  sort: RegisterSort | null;
  desc: boolean;
  words: ReadonlyArray<string>;
  status: ReadonlyArray<string>;
  department: string | null;
  legalBasis: string | null;
  special: boolean | null;
  transfer: boolean | null;
  overdue: boolean;
  quick: QuickFilter | null;
  today: string;
  /** The last day of `quick: 'reviewDue'` (YYYY-MM-DD). */
  dueBy: string;
}>;

/** The index of each sort (migration 0150): it holds the filtered columns too, so the live list never reads a record it does not show. */
const SORT_INDEX: Readonly<Record<RegisterSort, string>> = {
  ref: 'register_list_ref',
  name: 'register_list_name',
  status: 'register_list_status',
  completeness: 'register_list_completeness',
  review: 'register_list_review',
  department: 'register_list_department',
  legalBasis: 'register_list_legal',
  special: 'register_list_special',
  transfer: 'register_list_transfer',
  purpose: 'register_list_purpose',
  client: 'register_list_client',
  updated: 'register_list_updated',
};

/** The column each sort orders by (fixed SQL, never from the caller), each backed by a partial index (migration 0150). */
const SORT_SQL: Readonly<Record<RegisterSort, string>> = {
  ref: 'sort_ref',
  name: 'sort_name',
  status: 'status',
  completeness: 'missing_count',
  review: 'next_review',
  department: 'department',
  legalBasis: 'legal_bases',
  special: 'has_special',
  transfer: 'has_transfers',
  purpose: 'sort_purpose',
  client: 'sort_client',
  updated: 'updated_at',
};

/** Below this many search matches, reading the matching rows beats walking a whole sort index. */
const FEW = 1500;

/**
 * The records the first indexed condition of a search matches, and how many.
 *
 * A long word (three characters or more): looked up in the trigram index once and kept in a
 * temporary table of this connection (temp.search_hits, in memory, rewritten at each search):
 * the count, the total and the window then read that table instead of running the full-text
 * match three times (measured at 20,000 on a common word: 18 ms down to 9). The number is that of
 * both registers' live matches (an upper bound of the window's total).
 *
 * Short words only: one lookup in register_short with the register's term (migration 0210), which
 * is the exact number of this register's live records that match (about 1 ms even for 18,000
 * matches); the rows are not copied (12 ms for 18,000), the condition stays where it is.
 *
 * Returns null when the search has no indexed condition. The table is only read within the same call.
 */
function materialiseSearch(db: DB, search: { sql: string[]; params: string[] }, kind: string): { count: number; exact: boolean } | null {
  const table = search.sql[0]?.includes('register_fts') ? 'register_fts' : search.sql[0]?.includes('register_short') ? 'register_short' : null;
  if (!table) return null;
  if (table === 'register_short') {
    const count = db.prepare('SELECT count(*) FROM register_short WHERE register_short MATCH ?').pluck().get(`${search.params[0]} AND ${kindTerm(kind)}`) as number;
    return { count, exact: search.sql.length === 1 };
  }
  db.exec('CREATE TEMP TABLE IF NOT EXISTS search_hits (seq INTEGER PRIMARY KEY); DELETE FROM temp.search_hits;');
  const found = db.prepare(`INSERT INTO temp.search_hits SELECT rowid FROM ${table} WHERE ${table} MATCH ?`).run(search.params[0]).changes;
  search.sql[0] = 'seq IN temp.search_hits';
  search.params.shift();
  return { count: found, exact: false };
}

/**
 * How many index entries a window may probe one by one in register_short (about 10 µs each)
 * before building the set of every match (about 2 ms for 18,000) is cheaper: a short search
 * that matches most records ("p", "et") finds its first rows in a few dozen probes.
 */
const PROBES = 400;

/** Overdue as shared/domain/review.ts says: a past review date, the record not archived. */
const OVERDUE = "(status <> 'archived' AND next_review <> '' AND next_review < @today)";

/**
 * Due by a day as shared/domain/review.ts isReviewDueBy says (the "This week" panel's review
 * chip): not archived, a date set, on or before @dueBy (late ones included). obligations.repo.ts
 * `reviewDates` counts the panel's reviews with the same condition.
 */
const REVIEW_DUE_BY = "(status <> 'archived' AND next_review <> '' AND next_review <= @dueBy)";

/**
 * One window of the register table: the rows from `offset` (at most `limit`), sorted, filtered
 * and searched in SQLite, with the count of every row that matches and of the whole register.
 */
export function listWindow(db: DB, q: WindowQuery): { total: number; all: number; summaries: string[] } {
  const where: string[] = ['kind = @kind', q.trash ? 'deleted_at IS NOT NULL' : 'deleted_at IS NULL'];
  const params: Record<string, unknown> = { kind: q.kind, today: q.today, dueBy: q.dueBy, offset: q.offset, limit: q.limit };
  if (q.status.length) {
    q.status.forEach((s, i) => (params[`status${i}`] = s));
    where.push(`status IN (${q.status.map((_, i) => `@status${i}`).join(', ')})`);
  }
  if (q.department !== null) {
    where.push('department = @department');
    params.department = q.department;
  }
  if (q.legalBasis !== null) {
    where.push("instr(',' || legal_bases || ',', @legalBasis) > 0");
    params.legalBasis = `,${q.legalBasis},`;
  }
  if (q.special !== null) where.push(`has_special = ${q.special ? 1 : 0}`);
  if (q.transfer !== null) where.push(`has_transfers = ${q.transfer ? 1 : 0}`);
  if (q.overdue || q.quick === 'reviewOverdue') where.push(OVERDUE);
  if (q.quick === 'reviewDue') where.push(REVIEW_DUE_BY);
  // As the dashboard counts them: records still in use (not archived) with a missing field.
  if (q.quick === 'incomplete') where.push("status <> 'archived' AND missing_count > 0");
  if (q.quick === 'transfersToConvert') where.push('transfers_to_convert > 0');
  const filtered = where.length > 2;
  const search = searchCondition(q.words, !q.trash);
  const matches = q.trash ? null : materialiseSearch(db, search, q.kind);
  // Named and positional parameters cannot be mixed: the search words are spelled in as named ones.
  search.params.forEach((p, i) => (params[`w${i}`] = p));
  let n = 0;
  where.push(...search.sql.map((c) => c.replace('?', () => `@w${n++}`)));
  const dir = q.desc ? 'DESC' : 'ASC';
  const order = q.trash && q.sort === null
    ? 'deleted_at DESC, id DESC'
    : q.sort === null || q.sort === 'ref'
      ? `sort_ref ${dir}, id ${dir}`
      : `${SORT_SQL[q.sort]} ${dir}, sort_ref ${dir}, id ${dir}`;
  const whereSql = where.join(' AND ');
  // Live records: named indexes, so that the planner never walks the large rows themselves (measured
  // at 20,000: a search's count 135 ms through the rows, 10 ms through the index).
  // A search that matches few records reads those few rows instead (the index would be walked whole for them).
  const few = matches !== null && matches.count <= FEW;
  const countFrom = q.trash || few ? 'register_entry' : 'register_entry INDEXED BY register_list_ref';
  // Short words and no other filter: the index's count is the total.
  const total = matches?.exact && !filtered ? matches.count : (db.prepare(`SELECT count(*) FROM ${countFrom} WHERE ${whereSql}`).pluck().get(params) as number);
  const all = where.length === 2 ? total : (db.prepare(`SELECT count(*) FROM ${countFrom} WHERE ${where.slice(0, 2).join(' AND ')}`).pluck().get({ kind: q.kind }) as number);
  // Short words matching much of the register: the sort index is walked and each record checked
  // in register_short by its key, when the rows asked are found within about PROBES entries.
  const probe = matches?.exact === true && total > 0 && ((q.offset + q.limit) * all) / total <= PROBES;
  const listFrom = q.trash || (few && !probe) ? 'register_entry' : `register_entry INDEXED BY ${SORT_INDEX[q.sort ?? 'ref']}`;
  const listWhere = probe ? where.map((c) => (c === SHORT_MATCHES.replace('?', '@w0') ? SHORT_PROBE : c)).join(' AND ') : whereSql;
  const summaries = q.offset >= total
    ? []
    : (db.prepare(`SELECT summary FROM ${listFrom} WHERE ${listWhere} ORDER BY ${order} LIMIT @limit OFFSET @offset`).pluck().all(params) as string[]);
  return { total, all, summaries };
}

export function trashedIds(db: DB): string[] {
  return db.prepare('SELECT id FROM register_entry WHERE deleted_at IS NOT NULL').pluck().all() as string[];
}

export function deleteEntry(db: DB, id: string): void {
  db.prepare('DELETE FROM register_entry WHERE id = ? AND deleted_at IS NOT NULL').run(id);
}

export function countTrash(db: DB): number {
  return db.prepare('SELECT count(*) FROM register_entry WHERE deleted_at IS NOT NULL').pluck().get() as number;
}

export function countAll(db: DB): number {
  return db.prepare('SELECT count(*) FROM register_entry').pluck().get() as number;
}

/** Every reference of a register, the trash included. */
export function allRefs(db: DB, kind: string): string[] {
  return db.prepare('SELECT ref FROM register_entry WHERE kind = ?').pluck().all(kind) as string[];
}

export function allRows(db: DB): RegisterRow[] {
  return db.prepare('SELECT * FROM register_entry').all() as RegisterRow[];
}

export function setSearchText(db: DB, id: string, searchText: string): void {
  db.prepare('UPDATE register_entry SET search_text = ? WHERE id = ?').run(searchText, id);
  syncShort(db, id);
}

export function setSummary(db: DB, id: string, summary: string, searchText: string): void {
  db.prepare(`UPDATE register_entry SET summary = @summary, search_text = @searchText, ${SET_KEYS} WHERE id = @id`).run({ ...keysOf(summary), summary, searchText, id });
  syncShort(db, id);
}
