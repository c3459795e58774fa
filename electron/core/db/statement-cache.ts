import type { Statement } from 'better-sqlite3';
import type { DB } from './types';

/**
 * Runs `fn` with `db.prepare` answering each SQL text with the statement it compiled the first
 * time: a bulk write (an import of thousands of records through the ordinary services) then
 * compiles each of the repos' statements once, not once per record (measured: a third of the
 * import's time went to compiling the same dozen statements again).
 *
 * Important: a statement handed out again has its result mode reset (pluck, raw, expand off),
 * as a freshly prepared one; one still iterating is never handed out (a fresh one is compiled).
 */
export function withStatementCache<T>(db: DB, fn: () => T): T {
  const original = db.prepare;
  const cache = new Map<string, Statement>();
  db.prepare = function cachedPrepare(sql: string) {
    const hit = cache.get(sql);
    if (hit && !hit.busy) {
      if (hit.reader) hit.pluck(false).raw(false).expand(false);
      return hit;
    }
    const stmt = original.call(db, sql);
    cache.set(sql, stmt);
    return stmt;
  } as DB['prepare'];
  try {
    return fn();
  } finally {
    db.prepare = original;
  }
}
