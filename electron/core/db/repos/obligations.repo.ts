import type { DB } from '../types';

export type ReviewDateRow = Readonly<{ id: string; kind: 'controller' | 'processor'; ref: string; name: string; next_review: string; updated_at: string }>;

/**
 * The review dates of live records that are not archived, up to `to` (inclusive; '' = all), read
 * from the stored summary through the index of migration 0190 (register_entry_review) without
 * parsing each summary: at 20,000 records a third of them may be overdue. The condition is
 * shared/domain/review.ts isReviewDueBy(record, to), as register.repo.ts REVIEW_DUE_BY filters the
 * register for the panel's review chip (test/db/week-lists.test.ts holds the three together).
 */
export function reviewDates(db: DB, to: string, limit?: number): ReviewDateRow[] {
  return db
    .prepare(
      `SELECT id, kind, ref, json_extract(summary, '$.name') AS name, json_extract(summary, '$.nextReview') AS next_review, updated_at
         FROM register_entry
        WHERE ${REVIEW_DUE}
        ORDER BY json_extract(summary, '$.nextReview'), ${limit === undefined ? 'kind, ref' : 'id LIMIT @limit'}`,
    )
    .all({ to, ...(limit === undefined ? {} : { limit }) }) as ReviewDateRow[];
}

/** reviewDates' condition: a live record, not archived, with a review date up to @to ('' = all). */
const REVIEW_DUE = `deleted_at IS NULL AND status <> 'archived'
          AND json_extract(summary, '$.nextReview') <> ''
          AND (@to = '' OR json_extract(summary, '$.nextReview') <= @to)`;

export type ReviewCounts = Readonly<Record<'controller' | 'processor', Readonly<{ total: number; late: number; today: number }>>>;

/**
 * The reviews reviewDates lists, counted by register (all, late before `today`, due on `today`):
 * "This week" needs the counts and the most urgent few, not thousands of rows (issue 15: 6,486
 * reviews due at 20,000 records made the panel's call 350 ms).
 */
export function reviewCounts(db: DB, to: string, today: string): ReviewCounts {
  const out = { controller: { total: 0, late: 0, today: 0 }, processor: { total: 0, late: 0, today: 0 } };
  // The list's review column (migration 0150, written with the summary: the same date) through the
  // list's covering index: the count reads no record (through the summary it took 200 ms at 20,000).
  const rows = db
    .prepare(
      `SELECT kind, count(*) AS total, sum(next_review < @today) AS late, sum(next_review = @today) AS due_today
         FROM register_entry INDEXED BY register_list_review
        WHERE deleted_at IS NULL AND status <> 'archived' AND next_review <> '' AND (@to = '' OR next_review <= @to)
        GROUP BY kind`,
    )
    .all({ to, today }) as Array<{ kind: 'controller' | 'processor'; total: number; late: number; due_today: number }>;
  for (const r of rows) out[r.kind] = { total: r.total, late: r.late ?? 0, today: r.due_today ?? 0 };
  return out;
}
