import { isIsoDate } from '../../shared/domain/validation';

/**
 * The one place the core reads the time. Services never call `new Date()`: they call
 * `core.now()`, which is this clock unless the caller (a test, the CLI's or the harness's
 * `--now`) injected another. Tests set it, so that no test depends on the day it runs.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/**
 * A clock that starts at `start` and then moves on with real time: what `--now` gives the CLI
 * and the web harness, so that a demo or an end-to-end run can be played on a chosen day.
 */
export function clockFrom(start: Date, real: Clock = systemClock): Clock {
  const offset = start.getTime() - real().getTime();
  return () => new Date(real().getTime() + offset);
}

/** Reads a `--now` value: an ISO date or date-time ("2026-11-24", "2026-11-24T09:00:00Z"). */
export function parseNow(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) || !isIsoDate(value.slice(0, 10))) return null;
  const d = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}
