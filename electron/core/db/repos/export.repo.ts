import type { DB } from '../types';

export type ExportRow = Readonly<{
  id: number;
  at: string;
  actor: string;
  kind: string;
  file_name: string;
  sha256: string;
  size: number;
  language: string;
  registers: string;
  as_of: string;
  include_archived: 0 | 1;
  version: number;
  snapshot: Buffer;
}>;

export function insertExport(db: DB, row: Omit<ExportRow, 'id'>): number {
  return Number(
    db
      .prepare(
        `INSERT INTO export_log (at, actor, kind, file_name, sha256, size, language, registers, as_of, include_archived, version, snapshot)
         VALUES (@at, @actor, @kind, @file_name, @sha256, @size, @language, @registers, @as_of, @include_archived, @version, @snapshot)`,
      )
      .run(row).lastInsertRowid,
  );
}

export function listExports(db: DB, kind: string): Omit<ExportRow, 'snapshot'>[] {
  return db
    .prepare(
      'SELECT id, at, actor, kind, file_name, sha256, size, language, registers, as_of, include_archived, version FROM export_log WHERE kind = ? ORDER BY id DESC',
    )
    .all(kind) as Omit<ExportRow, 'snapshot'>[];
}

export function lastExport(db: DB, kind: string): ExportRow | undefined {
  return db.prepare('SELECT * FROM export_log WHERE kind = ? ORDER BY id DESC LIMIT 1').get(kind) as ExportRow | undefined;
}

export function nextExportVersion(db: DB, kind: string): number {
  return ((db.prepare('SELECT max(version) FROM export_log WHERE kind = ?').pluck().get(kind) as number | null) ?? 0) + 1;
}
