import type { DB } from '../types';

export type BackupCounts = Readonly<{ records: number; suppliers: number; transfers: number; breaches: number; documents: number }>;

function tableExists(db: DB, name: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

function count(db: DB, table: 'register_entry' | 'supplier' | 'transfer' | 'breach' | 'supplier_document'): number {
  if (!tableExists(db, table)) return 0;
  // `table` is one of the literal names above, never user input.
  return db.prepare(`SELECT count(*) FROM ${table} WHERE deleted_at IS NULL`).pluck().get() as number;
}

/** What a backup's manifest counts (entries not in the trash), read from the copy itself. */
export function backupCounts(db: DB): BackupCounts {
  return {
    records: count(db, 'register_entry'),
    suppliers: count(db, 'supplier'),
    transfers: count(db, 'transfer'),
    breaches: count(db, 'breach'),
    documents: count(db, 'supplier_document'),
  };
}

/** The tables without which a file is not a DPO Desk register. */
export const REQUIRED_TABLES = ['register_entry', 'audit_log', 'setting', 'organisation'] as const;

export function missingTables(db: DB): string[] {
  return REQUIRED_TABLES.filter((t) => !tableExists(db, t));
}

export function userVersion(db: DB): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function integrity(db: DB): string {
  return String(db.pragma('integrity_check', { simple: true }));
}
