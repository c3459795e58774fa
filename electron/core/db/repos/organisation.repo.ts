import type { DB } from '../types';

export function getOrganisationDoc(db: DB): string | undefined {
  return db.prepare('SELECT doc FROM organisation WHERE id = 1').pluck().get() as string | undefined;
}

export function saveOrganisationDoc(db: DB, doc: string, updatedAt: string): void {
  db.prepare(
    'INSERT INTO organisation (id, doc, updated_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at',
  ).run(doc, updatedAt);
}
