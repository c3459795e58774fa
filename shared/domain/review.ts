import type { Status } from './enums';

/** A review is overdue when its date has passed, for records that are not archived. Dates are YYYY-MM-DD, local time. */
export function isReviewOverdue(record: Readonly<{ nextReview: string; status: Status }>, today: string): boolean {
  return record.status !== 'archived' && record.nextReview !== '' && record.nextReview < today;
}

/**
 * A review is due by a day (issue 16, "This week"): its date is on or before `by`, late ones
 * included, for records that are not archived. Art. 24(1) GDPR: the measures are "reviewed and
 * updated where necessary"; the record's review date is when the DPO does it. The "This week"
 * panel counts reviews with this rule and its review chip opens the register filtered by the
 * same rule (`?quick=reviewDue&by=<day>`, the SQL twin in register.repo.ts `REVIEW_DUE_BY` and
 * obligations.repo.ts `reviewDates`), so that the chip's number and the list's rows agree.
 */
export function isReviewDueBy(record: Readonly<{ nextReview: string; status: Status }>, by: string): boolean {
  return record.status !== 'archived' && record.nextReview !== '' && record.nextReview <= by;
}
