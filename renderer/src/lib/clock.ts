import { todayIso } from '../../../shared/domain/validation';

/**
 * The screens read the time from the core's clock, not the browser's: the core tells its time
 * in app:info and the renderer keeps the difference. In the desktop app both are the same
 * computer's clock (difference ~0); a harness started with `--now` moves the screens with it.
 */
let offsetMs = 0;

export function syncWithCore(coreNowIso: string): void {
  const t = Date.parse(coreNowIso);
  if (!Number.isNaN(t)) offsetMs = t - Date.now();
}

export function appNow(): Date {
  return new Date(Date.now() + offsetMs);
}

/** Today's date (YYYY-MM-DD, local time) on the core's clock. */
export function appToday(): string {
  return todayIso(appNow());
}
