import { regimesFile } from './services/breach-regimes.service';
import os from 'node:os';
import path from 'node:path';
import { systemClock, type Clock } from './clock';
import { backupDirFor, openDatabase, type OpenOptions } from './db/connection';
import type { DB } from './db/types';
import { ensureReferenceDefaults } from './services/lists.service';
import { afterMigration } from './services/register.service';

/**
 * What every service works with: the open database and who is acting. `db` may be replaced
 * (restore from a backup), so services read `core.db` on each call and never keep it.
 */
export type Core = {
  db: DB;
  readonly dbPath: string;
  readonly backupDir: string;
  readonly actor: string;
  readonly appVersion: string;
  /** The core's clock (see clock.ts): every service takes the time from here. */
  readonly now: Clock;
  /** The backup taken before the last migration, if one ran. */
  lastMigrationBackup: string | null;
  /** What only a desktop shell can do (a native save dialog); absent in the web harness and the CLI. */
  platform?: Platform;
};

export type Platform = Readonly<{
  chooseSavePath: (defaultName: string) => Promise<string | null>;
  /** Opens a file with the system's application for it; resolves to '' or an error message. */
  openPath?: (file: string) => Promise<string>;
}>;

export const APP_VERSION = '0.1.0';

export type CoreOptions = OpenOptions & Readonly<{ actor?: string; appVersion?: string }>;

function defaultActor(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function openCore(dbPath: string, options: CoreOptions = {}): Core {
  const resolved = dbPath === ':memory:' ? dbPath : path.resolve(dbPath);
  const backupDir = options.backupDir ?? backupDirFor(resolved);
  const now = options.now ?? systemClock;
  const opened = openDatabase(resolved, { ...options, backupDir, now });
  const core: Core = {
    db: opened.db,
    dbPath: resolved,
    backupDir,
    actor: options.actor ?? defaultActor(),
    appVersion: options.appVersion ?? APP_VERSION,
    now,
    lastMigrationBackup: opened.backupPath,
  };
  ensureReferenceDefaults(core);
  // A mistake in an added regime (resources/reference/regimes.json) shows at start, with the entry at fault.
  regimesFile();
  // Migration 0080 moved the records' transfers to the transfer register: their stored summaries and search texts are written again from it.
  afterMigration(core, opened.fromVersion);
  return core;
}

export function closeCore(core: Core): void {
  if (core.db.open) core.db.close();
}

/** Runs `fn` in one write transaction. */
export function tx<T>(core: Core, fn: () => T): T {
  return core.db.transaction(fn)();
}
