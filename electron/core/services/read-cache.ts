import type { Core } from '../core';

/**
 * The last answer of a summary that reads whole tables (the dashboard, "This week": 2,000
 * suppliers and transfers parsed at each visit), kept while nothing in the register changed.
 * "Nothing changed" is SQLite's own word for it: `total_changes()` counts every row this
 * connection inserted, updated or deleted (triggers included), `PRAGMA data_version` changes
 * when another connection commits; with the arguments (the day, the minute when the answer
 * depends on the time) they form the key. A restore or another file opens a new connection:
 * its caches start empty. Answers are handed out as they are: callers do not change them (they
 * are sent as JSON).
 */
const caches = new WeakMap<Core['db'], Map<string, { key: string; value: unknown }>>();

export function cachedRead<T>(core: Core, name: string, args: string, compute: () => T): T {
  const db = core.db;
  const key = `${db.prepare('SELECT total_changes()').pluck().get() as number}|${db.pragma('data_version', { simple: true }) as number}|${args}`;
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const hit = cache.get(name);
  if (hit && hit.key === key) return hit.value as T;
  const value = compute();
  cache.set(name, { key, value });
  return value;
}
