import type { DB } from '../types';

export type ReviewDateRow = Readonly<{ id: string; kind: 'controller' | 'processor'; ref: string; name: string; next_review: string; updated_at: string }>;

/**
 * The review dates of live records that are not archived, up to `to` (inclusive; '' = all), read
 * from the stored summary through the index of migration 0190 (register_entry_review) without
 * parsing each summary: at 20,000 records a third of them may be overdue. The condition is
 * shared/domain/review.ts isReviewDueBy(record, to), as register.repo.ts REVIEW_DUE_BY filters the
 * register for the panel's review chip (test/db/week-lists.test.ts holds the three together).
 */
export function reviewDates(db: DB, to: string): ReviewDateRow[] {
  return db
    .prepare(
      `SELECT id, kind, ref, json_extract(summary, '$.name') AS name, json_extract(summary, '$.nextReview') AS next_review, updated_at
         FROM register_entry
        WHERE deleted_at IS NULL AND status <> 'archived'
          AND json_extract(summary, '$.nextReview') <> ''
          AND (@to = '' OR json_extract(summary, '$.nextReview') <= @to)
        ORDER BY json_extract(summary, '$.nextReview'), kind, ref`,
    )
    .all({ to }) as ReviewDateRow[];
}
