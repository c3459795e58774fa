import type { DB } from '../types';

export type ReferenceRow = Readonly<{
  list: string;
  code: string;
  label_fr: string;
  label_en: string;
  sort: number;
  archived: 0 | 1;
}>;

export function allReferenceItems(db: DB): ReferenceRow[] {
  return db.prepare('SELECT * FROM reference_item ORDER BY list, sort, code').all() as ReferenceRow[];
}

export function getReferenceItem(db: DB, list: string, code: string): ReferenceRow | undefined {
  return db.prepare('SELECT * FROM reference_item WHERE list = ? AND code = ?').get(list, code) as ReferenceRow | undefined;
}

export function upsertReferenceItem(db: DB, row: ReferenceRow): void {
  db.prepare(
    `INSERT INTO reference_item (list, code, label_fr, label_en, sort, archived)
     VALUES (@list, @code, @label_fr, @label_en, @sort, @archived)
     ON CONFLICT (list, code) DO UPDATE SET label_fr = excluded.label_fr, label_en = excluded.label_en,
       archived = excluded.archived`,
  ).run(row);
}

export function nextSort(db: DB, list: string): number {
  return ((db.prepare('SELECT max(sort) FROM reference_item WHERE list = ?').pluck().get(list) as number | null) ?? 0) + 10;
}

export function countReferenceItems(db: DB): number {
  return db.prepare('SELECT count(*) FROM reference_item').pluck().get() as number;
}
