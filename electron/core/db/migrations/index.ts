import type { DB } from '../types';
import migrate0010 from './0010-initial-schema';
import migrate0020 from './0020-export-log';
import migrate0030 from './0030-breaches';
import migrate0040 from './0040-suppliers';
import migrate0050 from './0050-transfers';
import migrate0060 from './0060-supplier-country-codes';
import migrate0070 from './0070-purposes-retention-processor';
import migrate0080 from './0080-record-transfers';
import migrate0090 from './0090-export-state';
import migrate0100 from './0100-current-country-codes';
import migrate0110 from './0110-breach-roles';
import migrate0130 from './0130-breach-performed-at';
import migrate0140 from './0140-import';
import migrate0150 from './0150-register-list';
import migrate0160 from './0160-import-own-register';
import migrate0190 from './0190-dashboard-index';
import migrate0200 from './0200-record-sheets';
import migrate0210 from './0210-short-terms-kind';

/** `now` is the core's clock (electron/core/clock.ts): a migration that stamps what it writes reads the time there. */
export type Migration = Readonly<{ version: number; name: string; up: (db: DB, now: () => Date) => void }>;

/** Numbered like Signal's: multiples of 10, leaving room for a hot-fix in between. Never edit a shipped one. */
export const MIGRATIONS: ReadonlyArray<Migration> = [
  { version: 10, name: 'initial-schema', up: migrate0010 },
  { version: 20, name: 'export-log', up: migrate0020 },
  { version: 30, name: 'breaches', up: migrate0030 },
  { version: 40, name: 'suppliers', up: migrate0040 },
  { version: 50, name: 'transfers', up: migrate0050 },
  { version: 60, name: 'supplier-country-codes', up: migrate0060 },
  { version: 70, name: 'purposes-retention-processor', up: migrate0070 },
  { version: 80, name: 'record-transfers', up: migrate0080 },
  { version: 90, name: 'export-state', up: migrate0090 },
  { version: 100, name: 'current-country-codes', up: migrate0100 },
  { version: 110, name: 'breach-roles', up: migrate0110 },
  { version: 130, name: 'breach-performed-at', up: migrate0130 },
  { version: 140, name: 'import', up: migrate0140 },
  { version: 150, name: 'register-list', up: migrate0150 },
  { version: 160, name: 'import-own-register', up: migrate0160 },
  { version: 190, name: 'dashboard-index', up: migrate0190 },
  { version: 200, name: 'record-sheets', up: migrate0200 },
  { version: 210, name: 'short-terms-kind', up: migrate0210 },
];

export const LATEST_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
