import type { DB } from '../types';

/**
 * Suppliers (processors, sub-processors, controllers receiving data) and their audits.
 * supplier_activity links a supplier to the register activities it serves, so that each side
 * can list the other; supplier_document lists the files kept in the data folder with their
 * SHA-256; audit_template keeps every version of a questionnaire (an audit points at the
 * version it was run with).
 */
export default function migrate0040(db: DB): void {
  db.exec(`
    CREATE TABLE supplier (
      id         TEXT PRIMARY KEY,
      name       TEXT NOT NULL,
      version    INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT,
      doc        TEXT NOT NULL CHECK (json_valid(doc))
    );
    CREATE INDEX supplier_list ON supplier (deleted_at, name);

    CREATE TABLE supplier_activity (
      supplier_id TEXT NOT NULL REFERENCES supplier (id) ON DELETE CASCADE,
      entry_id    TEXT NOT NULL,
      PRIMARY KEY (supplier_id, entry_id)
    );
    CREATE INDEX supplier_activity_entry ON supplier_activity (entry_id);

    CREATE TABLE supplier_document (
      id          TEXT PRIMARY KEY,
      supplier_id TEXT NOT NULL REFERENCES supplier (id) ON DELETE CASCADE,
      kind        TEXT NOT NULL,
      name        TEXT NOT NULL,
      stored_name TEXT NOT NULL,
      sha256      TEXT NOT NULL,
      size        INTEGER NOT NULL,
      added_at    TEXT NOT NULL,
      actor       TEXT NOT NULL,
      deleted_at  TEXT
    );
    CREATE INDEX supplier_document_supplier ON supplier_document (supplier_id);

    CREATE TABLE audit_template (
      id         TEXT NOT NULL,
      version    INTEGER NOT NULL,
      built_in   INTEGER NOT NULL DEFAULT 0 CHECK (built_in IN (0, 1)),
      doc        TEXT NOT NULL CHECK (json_valid(doc)),
      created_at TEXT NOT NULL,
      actor      TEXT NOT NULL,
      PRIMARY KEY (id, version)
    );

    CREATE TABLE audit (
      id               TEXT PRIMARY KEY,
      supplier_id      TEXT NOT NULL REFERENCES supplier (id) ON DELETE CASCADE,
      template_id      TEXT NOT NULL,
      template_version INTEGER NOT NULL,
      status           TEXT NOT NULL,
      version          INTEGER NOT NULL DEFAULT 1,
      created_at       TEXT NOT NULL,
      updated_at       TEXT NOT NULL,
      deleted_at       TEXT,
      doc              TEXT NOT NULL CHECK (json_valid(doc)),
      FOREIGN KEY (template_id, template_version) REFERENCES audit_template (id, version)
    );
    CREATE INDEX audit_supplier ON audit (supplier_id, created_at);
  `);
}
