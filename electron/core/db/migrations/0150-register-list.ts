import type { DB } from '../types';
import { listKeys, shortTerms } from '../../../../shared/domain/register-list';
import type { RegisterSummary } from '../../../../shared/domain/register';

/** The list columns of register_entry, in the order of the table (migration 0150). */
export const LIST_COLUMNS = [
  'sort_ref',
  'sort_name',
  'sort_purpose',
  'sort_client',
  'department',
  'legal_bases',
  'next_review',
  'missing_count',
  'has_special',
  'has_transfers',
  'transfers_to_convert',
] as const;

/** The columns the list filters on (register.repo.ts), carried by every sort index. */
const FILTERED = ['status', 'next_review', 'missing_count', 'transfers_to_convert', 'has_special', 'has_transfers', 'department', 'legal_bases'];

/**
 * Issue 15: the register table is a query. register_entry is written again with:
 * - a stable integer key `seq` (an INTEGER PRIMARY KEY keeps its value through VACUUM INTO,
 *   which the backups use; a plain rowid may be renumbered), which the search index refers to;
 * - the keys the table sorts and filters on (folded names, natural reference key, department,
 *   legal bases, next review, missing count, transfers…), computed in TypeScript from the
 *   summary (shared/domain/register-list.ts), placed before the summary and the document so that
 *   a filter reads them without walking the document's overflow pages;
 * - one partial index per sortable column (live records, tie broken by reference), each covering
 *   the filtered columns;
 * - `register_fts`, an FTS5 index (trigram tokenizer) over the folded search text of the live
 *   records, kept in step by triggers in the same transaction as every write (insert, update,
 *   delete to the trash, restore, purge), built here for the records already there;
 * - `register_short`, the terms that answer words of one or two characters (the first
 *   keystrokes of a search) without scanning every record's text.
 */
export default function migrate0150(db: DB): void {
  db.exec(`
    CREATE TABLE register_entry_new (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      id          TEXT NOT NULL UNIQUE,
      kind        TEXT NOT NULL CHECK (kind IN ('controller', 'processor')),
      ref         TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
      version     INTEGER NOT NULL DEFAULT 1,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT,
      sort_ref    TEXT NOT NULL DEFAULT '',
      sort_name   TEXT NOT NULL DEFAULT '',
      sort_purpose TEXT NOT NULL DEFAULT '',
      sort_client TEXT NOT NULL DEFAULT '',
      department  TEXT NOT NULL DEFAULT '',
      legal_bases TEXT NOT NULL DEFAULT '',
      next_review TEXT NOT NULL DEFAULT '',
      missing_count INTEGER NOT NULL DEFAULT 0,
      has_special INTEGER NOT NULL DEFAULT 0,
      has_transfers INTEGER NOT NULL DEFAULT 0,
      transfers_to_convert INTEGER NOT NULL DEFAULT 0,
      summary     TEXT NOT NULL CHECK (json_valid(summary)),
      search_text TEXT NOT NULL,
      -- Last on purpose: the list and the search read the columns above without walking
      -- through the overflow pages of a large document.
      doc         TEXT NOT NULL CHECK (json_valid(doc))
    );
    INSERT INTO register_entry_new (id, kind, ref, status, version, created_at, updated_at, deleted_at, summary, search_text, doc)
      SELECT id, kind, ref, status, version, created_at, updated_at, deleted_at, summary, search_text, doc FROM register_entry ORDER BY created_at, id;
    DROP TABLE register_entry;
    ALTER TABLE register_entry_new RENAME TO register_entry;
  `);

  const rows = db.prepare('SELECT seq, summary FROM register_entry').all() as Array<{ seq: number; summary: string }>;
  const set = db.prepare(`UPDATE register_entry SET ${LIST_COLUMNS.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
  for (const row of rows) set.run({ ...listKeys(JSON.parse(row.summary) as Partial<RegisterSummary>), seq: row.seq });

  // Each sort index also carries every filtered column, so that a window, its count and its
  // filters are answered from the index alone: a large record's row is read only when it is shown.
  const live = (name: string, columns: string) => {
    const rest = FILTERED.filter((c) => !columns.split(', ').includes(c));
    return `CREATE INDEX register_list_${name} ON register_entry (kind, ${columns}, ${rest.join(', ')}) WHERE deleted_at IS NULL;`;
  };
  db.exec(`
    -- A reference is unique within a register among the records not in the trash.
    CREATE UNIQUE INDEX register_entry_ref ON register_entry (kind, ref) WHERE deleted_at IS NULL;
    CREATE INDEX register_entry_list ON register_entry (kind, deleted_at);
    ${live('ref', 'sort_ref, id')}
    ${live('name', 'sort_name, sort_ref, id')}
    ${live('status', 'status, sort_ref, id')}
    ${live('completeness', 'missing_count, sort_ref, id')}
    ${live('review', 'next_review, sort_ref, id')}
    ${live('department', 'department, sort_ref, id')}
    ${live('legal', 'legal_bases, sort_ref, id')}
    ${live('special', 'has_special, sort_ref, id')}
    ${live('transfer', 'has_transfers, sort_ref, id')}
    ${live('purpose', 'sort_purpose, sort_ref, id')}
    ${live('client', 'sort_client, sort_ref, id')}
    ${live('updated', 'updated_at, sort_ref, id')}

    -- Words of one or two characters, which a trigram index cannot look up: each live record's
    -- distinct characters and pairs of characters as terms (shared/domain/register-list.ts,
    -- written by register.repo.ts with the record), presence only (detail = none).
    CREATE VIRTUAL TABLE register_short USING fts5(terms, tokenize = 'ascii', content = '', contentless_delete = 1, detail = none);

    -- Contentless (the text stays in register_entry.search_text), rows deletable by key.
    CREATE VIRTUAL TABLE register_fts USING fts5(search_text, tokenize = 'trigram', content = '', contentless_delete = 1);
    INSERT INTO register_fts (rowid, search_text) SELECT seq, search_text FROM register_entry WHERE deleted_at IS NULL;

    CREATE TRIGGER register_fts_insert AFTER INSERT ON register_entry WHEN new.deleted_at IS NULL
      BEGIN INSERT INTO register_fts (rowid, search_text) VALUES (new.seq, new.search_text); END;
    CREATE TRIGGER register_fts_update AFTER UPDATE OF search_text, deleted_at ON register_entry
      WHEN old.search_text IS NOT new.search_text OR (old.deleted_at IS NULL) <> (new.deleted_at IS NULL)
      BEGIN
        DELETE FROM register_fts WHERE rowid = old.seq;
        INSERT INTO register_fts (rowid, search_text) SELECT new.seq, new.search_text WHERE new.deleted_at IS NULL;
      END;
    CREATE TRIGGER register_fts_delete AFTER DELETE ON register_entry
      BEGIN
        DELETE FROM register_fts WHERE rowid = old.seq;
        DELETE FROM register_short WHERE rowid = old.seq;
      END;
  `);
  const insertShort = db.prepare('INSERT INTO register_short (rowid, terms) VALUES (?, ?)');
  for (const row of db.prepare('SELECT seq, search_text FROM register_entry WHERE deleted_at IS NULL').all() as Array<{ seq: number; search_text: string }>) {
    insertShort.run(row.seq, shortTerms(row.search_text));
  }
}
