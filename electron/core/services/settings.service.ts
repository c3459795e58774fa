import { DateTime } from 'luxon';
import { APP_SETTINGS_DEFAULTS, AppSettingsSchema, type AppSettings } from '../../../shared/domain/settings';
import { todayIso } from '../../../shared/domain/validation';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import { tx, type Core } from '../core';
import { audit } from './audit';

const KEY = 'app.settings';

export function getAppSettings(core: Core): AppSettings {
  const raw = getSetting(core.db, KEY);
  const parsed = raw ? AppSettingsSchema.safeParse({ ...APP_SETTINGS_DEFAULTS, ...JSON.parse(raw) }) : null;
  return parsed?.success ? parsed.data : { ...APP_SETTINGS_DEFAULTS };
}

export function saveAppSettings(core: Core, settings: AppSettings): AppSettings {
  return tx(core, () => {
    const before = getAppSettings(core);
    setSetting(core.db, KEY, JSON.stringify(settings));
    audit(core, 'setting', KEY, 'update', before, settings);
    return getAppSettings(core);
  });
}

/** Today (the core's clock, the machine's zone, as the forms' dates) plus the review period of the settings. */
export function defaultNextReview(core: Core): string {
  return DateTime.fromISO(todayIso(core.now()), { zone: 'utc' }).plus({ months: getAppSettings(core).reviewMonths }).toISODate()!;
}
