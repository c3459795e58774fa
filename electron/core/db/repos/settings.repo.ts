import type { DB } from '../types';

export function getSetting(db: DB, key: string): string | undefined {
  return db.prepare('SELECT value FROM setting WHERE key = ?').pluck().get(key) as string | undefined;
}

export function setSetting(db: DB, key: string, value: string): void {
  db.prepare('INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(
    key,
    value,
  );
}
