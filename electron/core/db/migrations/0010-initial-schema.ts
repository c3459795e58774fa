import type { DB } from '../types';

/**
 * The register (both Art. 30 registers in one table, told apart by `kind`), the organisation
 * profile, the editable reference lists, settings and the append-only audit log.
 *
 * A register record is stored whole as JSON (`doc`, validated by shared/domain/register.ts
 * before it gets here) with the columns the list and the filters need beside it, computed
 * from the document when it is written.
 */
export default function migrate0010(db: DB): void {
  db.exec(`
    CREATE TABLE organisation (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      doc        TEXT NOT NULL CHECK (json_valid(doc)),
      updated_at TEXT NOT NULL
    );

    CREATE TABLE register_entry (
      id          TEXT PRIMARY KEY,
      kind        TEXT NOT NULL CHECK (kind IN ('controller', 'processor')),
      ref         TEXT NOT NULL,
      status      TEXT NOT NULL CHECK (status IN ('draft', 'active', 'archived')),
      version     INTEGER NOT NULL DEFAULT 1,
      created_at  TEXT NOT NULL,
      updated_at  TEXT NOT NULL,
      deleted_at  TEXT,
      summary     TEXT NOT NULL CHECK (json_valid(summary)),
      search_text TEXT NOT NULL,
      -- Last on purpose: the list and the search read the columns above without walking
      -- through the overflow pages of a large document (measured: list query 34 -> 15 ms at 5,000).
      doc         TEXT NOT NULL CHECK (json_valid(doc))
    );
    -- A reference is unique within a register among the records not in the trash.
    CREATE UNIQUE INDEX register_entry_ref ON register_entry (kind, ref) WHERE deleted_at IS NULL;
    CREATE INDEX register_entry_list ON register_entry (kind, deleted_at);

    CREATE TABLE reference_item (
      list     TEXT NOT NULL,
      code     TEXT NOT NULL,
      label_fr TEXT NOT NULL,
      label_en TEXT NOT NULL,
      sort     INTEGER NOT NULL,
      archived INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1)),
      PRIMARY KEY (list, code)
    );

    CREATE TABLE setting (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

    CREATE TABLE audit_log (
      id        INTEGER PRIMARY KEY AUTOINCREMENT,
      at        TEXT NOT NULL,
      actor     TEXT NOT NULL,
      entity    TEXT NOT NULL,
      entity_id TEXT NOT NULL,
      action    TEXT NOT NULL,
      before    TEXT CHECK (before IS NULL OR json_valid(before)),
      after     TEXT CHECK (after IS NULL OR json_valid(after))
    );
    CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);

    -- The audit log is append-only: history cannot be rewritten, even by a bug.
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
  `);
}
