import type { Status } from './enums';

/** A review is overdue when its date has passed, for records that are not archived. Dates are YYYY-MM-DD, local time. */
export function isReviewOverdue(record: Readonly<{ nextReview: string; status: Status }>, today: string): boolean {
  return record.status !== 'archived' && record.nextReview !== '' && record.nextReview < today;
}
