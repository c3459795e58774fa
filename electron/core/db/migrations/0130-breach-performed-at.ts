import type { DB } from '../types';

/**
 * Issue 12: a checklist step ticked, or a journal entry written, after the fact keeps two times:
 * when it was done (performed_at, which the DPO may set earlier) and when it was recorded
 * (done_at / at, the core's clock, as before). Rows written before this migration were done
 * when they were recorded, as far as anyone can tell: performed_at takes the recorded time.
 * The journal stays append-only: its trigger is lifted for this one fill and put back as it was.
 */
export default function migrate0130(db: DB): void {
  db.exec(`
    ALTER TABLE breach_step ADD COLUMN performed_at TEXT;
    UPDATE breach_step SET performed_at = done_at WHERE done_at IS NOT NULL;

    ALTER TABLE breach_journal ADD COLUMN performed_at TEXT;
    DROP TRIGGER breach_journal_no_update;
    UPDATE breach_journal SET performed_at = at;
    CREATE TRIGGER breach_journal_no_update BEFORE UPDATE ON breach_journal
      BEGIN SELECT RAISE(ABORT, 'breach_journal is append-only'); END;
  `);
}
