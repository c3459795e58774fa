import type { DB } from '../types';

/**
 * The breach log (Art. 33(5)). An incident is stored whole as JSON (`doc`, validated by
 * shared/domain/breach.ts) beside the columns the log list sorts and filters on. Its checklist
 * is a copy of the template version it started with (breach.template_version), one row per
 * step, ticked with the time the core saw the tick; its journal is append-only.
 */
export default function migrate0030(db: DB): void {
  db.exec(`
    CREATE TABLE checklist_template (
      version    INTEGER PRIMARY KEY,
      steps      TEXT NOT NULL CHECK (json_valid(steps)),
      created_at TEXT NOT NULL,
      actor      TEXT NOT NULL
    );

    CREATE TABLE breach (
      id               TEXT PRIMARY KEY,
      ref              TEXT NOT NULL,
      status           TEXT NOT NULL CHECK (status IN ('open', 'contained', 'closed')),
      aware_utc        TEXT NOT NULL,
      template_version INTEGER NOT NULL REFERENCES checklist_template (version),
      version          INTEGER NOT NULL DEFAULT 1,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL,
      deleted_at       TEXT,
      doc              TEXT NOT NULL CHECK (json_valid(doc))
    );
    CREATE UNIQUE INDEX breach_ref ON breach (ref);
    CREATE INDEX breach_list ON breach (deleted_at, aware_utc);

    CREATE TABLE breach_step (
      breach_id TEXT NOT NULL REFERENCES breach (id) ON DELETE CASCADE,
      position  INTEGER NOT NULL,
      step_id   TEXT NOT NULL,
      label_fr  TEXT NOT NULL,
      label_en  TEXT NOT NULL,
      done_at   TEXT,
      done_by   TEXT,
      note      TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (breach_id, step_id)
    );

    CREATE TABLE breach_journal (
      id        INTEGER PRIMARY KEY AUTOINCREMENT,
      breach_id TEXT NOT NULL REFERENCES breach (id) ON DELETE CASCADE,
      at        TEXT NOT NULL,
      actor     TEXT NOT NULL,
      text      TEXT NOT NULL
    );
    CREATE INDEX breach_journal_breach ON breach_journal (breach_id, id);
    CREATE TRIGGER breach_journal_no_update BEFORE UPDATE ON breach_journal
      BEGIN SELECT RAISE(ABORT, 'breach_journal is append-only'); END;
  `);
}
