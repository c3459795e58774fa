import type { DB } from '../types';

/**
 * Issue 15: the dashboard counts the records to review, to complete and with transfers to
 * convert, and picks the few most urgent, in SQL. This index holds, for every live record, its
 * register, status, reference and the three values those counts read from its stored summary, so that
 * they read a small index instead of 20,000 summaries (measured: about a second under load at
 * 20,000 records, a few milliseconds with the index). The expressions are written exactly as
 * electron/core/db/repos/dashboard.repo.ts writes them: SQLite uses an index on an expression
 * only for the same expression.
 */
export default function migrate0190(db: DB): void {
  db.exec(`
    CREATE INDEX register_entry_attention ON register_entry (
      kind,
      status,
      json_extract(summary, '$.nextReview'),
      json_array_length(summary, '$.missing'),
      json_extract(summary, '$.transfersToConvert'),
      ref
    ) WHERE deleted_at IS NULL;
    -- The overdue reviews in date order: the dashboard reads the first few and stops.
    CREATE INDEX register_entry_review ON register_entry (json_extract(summary, '$.nextReview'), kind, ref)
      WHERE deleted_at IS NULL AND status <> 'archived';
  `);
}
