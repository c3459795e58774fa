import type { AppInfo } from '../../../shared/contract';
import { LANGUAGES, type Language } from '../../../shared/domain/enums';
import { schemaVersion } from '../db/connection';
import { countAll } from '../db/repos/register.repo';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import type { Core } from '../core';
import { loadDemo } from './demo.service';
import { liveOpenMarks } from '../db/open-lock';

const SETUP_DONE = 'setup.done';
const LANGUAGE = 'ui.language';

export function appInfo(core: Core): AppInfo {
  const { readOnly, problem } = core.health;
  const common = {
    appVersion: core.appVersion,
    dbPath: core.dbPath,
    backupDir: core.backupDir,
    actor: core.actor,
    now: core.now().toISOString(),
    readOnly,
    problem,
    openElsewhere: core.dbPath === ':memory:' ? [] : liveOpenMarks(core.dbPath).map(({ pid, app, startedAt, host }) => ({ pid, app, startedAt, host })),
    logFile: core.log?.file ?? null,
    canChooseFile: core.platform?.chooseOpenPath !== undefined,
  };
  // A register that could not be opened at all has no database to read: the error screen needs no more.
  if (!core.db.open) return { ...common, schemaVersion: 0, needsSetup: false, language: null };
  const lang = readSafely(() => getSetting(core.db, LANGUAGE));
  return {
    ...common,
    schemaVersion: schemaVersion(core.db),
    // A damaged or read-only register never shows the first-run screen (it would offer to write into it).
    needsSetup: !readOnly && !problem && getSetting(core.db, SETUP_DONE) === undefined && countAll(core.db) === 0,
    language: (LANGUAGES as ReadonlyArray<string>).includes(lang ?? '') ? (lang as Language) : null,
  };
}

/** A damaged register may fail on any page: the language setting is not worth an error screen. */
function readSafely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/** First run: an empty register, or the demo register built from the seeds. */
export function setup(core: Core, mode: 'empty' | 'demo'): AppInfo {
  if (mode === 'demo') loadDemo(core);
  setSetting(core.db, SETUP_DONE, mode);
  return appInfo(core);
}

export function setLanguage(core: Core, language: Language): AppInfo {
  setSetting(core.db, LANGUAGE, language);
  return appInfo(core);
}
