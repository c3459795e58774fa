import type { DB } from '../types';

/** A register_entry row as stored. */
export type RegisterRow = Readonly<{
  id: string;
  kind: 'controller' | 'processor';
  ref: string;
  status: 'draft' | 'active' | 'archived';
  doc: string;
  summary: string;
  search_text: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}>;

export function getEntry(db: DB, id: string): RegisterRow | undefined {
  return db.prepare('SELECT * FROM register_entry WHERE id = ?').get(id) as RegisterRow | undefined;
}

export function insertEntry(db: DB, row: RegisterRow): void {
  db.prepare(
    `INSERT INTO register_entry (id, kind, ref, status, doc, summary, search_text, version, created_at, updated_at, deleted_at)
     VALUES (@id, @kind, @ref, @status, @doc, @summary, @search_text, @version, @created_at, @updated_at, @deleted_at)`,
  ).run(row);
}

/** Writes a new version if the stored one is still `expectedVersion`; returns false otherwise. */
export function updateEntry(db: DB, row: RegisterRow, expectedVersion: number): boolean {
  const info = db
    .prepare(
      `UPDATE register_entry
          SET ref = @ref, status = @status, doc = @doc, summary = @summary, search_text = @search_text,
              version = @version, updated_at = @updated_at, deleted_at = @deleted_at
        WHERE id = @id AND version = @expected`,
    )
    .run({ ...row, expected: expectedVersion });
  return info.changes === 1;
}

export function refTaken(db: DB, kind: string, ref: string, exceptId: string | null): boolean {
  return (
    db
      .prepare('SELECT 1 FROM register_entry WHERE kind = ? AND ref = ? AND deleted_at IS NULL AND id IS NOT ? LIMIT 1')
      .get(kind, ref, exceptId) !== undefined
  );
}

/** The live records of a register by reference (the references an import matches and checks against). */
export function liveIdsByRef(db: DB, kind: string): Map<string, string> {
  const rows = db.prepare('SELECT ref, id FROM register_entry WHERE kind = ? AND deleted_at IS NULL').all(kind) as Array<{ ref: string; id: string }>;
  return new Map(rows.map((r) => [r.ref, r.id]));
}

/** The summaries as one JSON array text: one parse instead of one per row. */
export function listSummariesJson(db: DB, kind: string, trash: boolean): string {
  const sql = trash
    ? 'SELECT summary FROM register_entry WHERE kind = ? AND deleted_at IS NOT NULL ORDER BY deleted_at DESC'
    : 'SELECT summary FROM register_entry WHERE kind = ? AND deleted_at IS NULL ORDER BY ref';
  return `[${(db.prepare(sql).pluck().all(kind) as string[]).join(',')}]`;
}

export function allLiveSummaries(db: DB): Array<{ summary: string }> {
  return db.prepare('SELECT summary FROM register_entry WHERE deleted_at IS NULL').all() as Array<{ summary: string }>;
}

/** Ids of live records whose folded text contains every folded word of the query. */
export function searchIds(db: DB, kind: string, words: ReadonlyArray<string>): string[] {
  const conditions = words.map(() => 'instr(search_text, ?) > 0').join(' AND ');
  const sql = `SELECT id FROM register_entry WHERE kind = ? AND deleted_at IS NULL${conditions ? ` AND ${conditions}` : ''}`;
  return (db.prepare(sql).pluck().all(kind, ...words) as string[]);
}

export function trashedIds(db: DB): string[] {
  return db.prepare('SELECT id FROM register_entry WHERE deleted_at IS NOT NULL').pluck().all() as string[];
}

export function deleteEntry(db: DB, id: string): void {
  db.prepare('DELETE FROM register_entry WHERE id = ? AND deleted_at IS NOT NULL').run(id);
}

export function countTrash(db: DB): number {
  return db.prepare('SELECT count(*) FROM register_entry WHERE deleted_at IS NOT NULL').pluck().get() as number;
}

export function countAll(db: DB): number {
  return db.prepare('SELECT count(*) FROM register_entry').pluck().get() as number;
}

/** Every reference of a register, the trash included. */
export function allRefs(db: DB, kind: string): string[] {
  return db.prepare('SELECT ref FROM register_entry WHERE kind = ?').pluck().all(kind) as string[];
}

export function allRows(db: DB): RegisterRow[] {
  return db.prepare('SELECT * FROM register_entry').all() as RegisterRow[];
}

export function setSearchText(db: DB, id: string, searchText: string): void {
  db.prepare('UPDATE register_entry SET search_text = ? WHERE id = ?').run(searchText, id);
}

export function setSummary(db: DB, id: string, summary: string, searchText: string): void {
  db.prepare('UPDATE register_entry SET summary = ?, search_text = ? WHERE id = ?').run(summary, searchText, id);
}
