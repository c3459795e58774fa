import type { AppInfo } from '../../../shared/contract';
import { LANGUAGES, type Language } from '../../../shared/domain/enums';
import { schemaVersion } from '../db/connection';
import { countAll } from '../db/repos/register.repo';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import type { Core } from '../core';
import { loadDemo } from './demo.service';

const SETUP_DONE = 'setup.done';
const LANGUAGE = 'ui.language';

export function appInfo(core: Core): AppInfo {
  const lang = getSetting(core.db, LANGUAGE);
  return {
    appVersion: core.appVersion,
    schemaVersion: schemaVersion(core.db),
    dbPath: core.dbPath,
    backupDir: core.backupDir,
    needsSetup: getSetting(core.db, SETUP_DONE) === undefined && countAll(core.db) === 0,
    language: (LANGUAGES as ReadonlyArray<string>).includes(lang ?? '') ? (lang as Language) : null,
    actor: core.actor,
    now: core.now().toISOString(),
  };
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
