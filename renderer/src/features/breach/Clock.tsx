import { appNow } from '../../lib/clock';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { clockState, type BreachClock } from '../../../../shared/domain/breach';
import { isRegimeClock } from '../../../../shared/domain/breach-regimes';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';
import { useApp } from '../../store/app';

/** The time now, refreshed every `ms` (the clocks show minutes; 15 s keeps them exact to the minute). */
export function useNow(ms = 15_000): string {
  const [now, setNow] = useState(() => appNow().toISOString());
  useEffect(() => {
    const timer = setInterval(() => setNow(appNow().toISOString()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** A regime's clock (NIS2…) is named by the regimes file, in the UI's language; the others by the app. */
export function clockTitle(t: (k: string, p: Record<string, string | number>) => string, c: BreachClock, language: 'fr' | 'en' = 'fr'): string {
  if (isRegimeClock(c)) return language === 'fr' ? c.labelFr : c.labelEn;
  return t(`breach.clock.${c.kind}`, { party: c.party ?? '', hours: c.hours });
}

/** A stable key and test id for a clock: its kind, and the regime step or the client it is for. */
export function clockId(c: BreachClock): string {
  return isRegimeClock(c) ? `regime-${c.regime}-${c.step}` : c.kind;
}

const SOON_MS = 12 * 3600_000;

/** One deadline: time left, overdue in red with how late, or stopped by the notification that answered it. */
export function ClockCard({ clock, now, compact }: { clock: BreachClock; now: string; compact?: boolean }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const state = clockState(clock, now, clock.stoppedUtc ?? undefined);
  // A delay of more than two days reads better in days ("26 d 16 h"); time left stays in hours and minutes.
  const duration =
    state.overdue && state.hours >= 48
      ? t('breaches.durationDays', { d: Math.floor(state.hours / 24), h: state.hours % 24 })
      : t('breaches.duration', { h: state.hours, m: String(state.minutes).padStart(2, '0') });
  let tone: string;
  let value: string;
  if (clock.waived) {
    tone = 'waived';
    value = t('breaches.waived');
  } else if (clock.stoppedUtc) {
    tone = state.overdue ? 'overdue' : 'done';
    value = state.overdue ? t('breaches.doneLate', { duration }) : t('breaches.doneOnTime', { duration });
  } else if (state.overdue) {
    tone = 'overdue';
    value = t('breaches.overdue', { duration });
  } else {
    tone = state.remainingMs < SOON_MS ? 'soon' : 'running';
    value = t('breaches.left', { duration });
  }
  return (
    <div className={`clock ${tone}${compact ? ' compact' : ''}`} data-testid={`clock-${clockId(clock)}`} data-state={tone}>
      <span className="clock-title">{clockTitle(t, clock, language)}</span>
      <span className="clock-value" role={tone === 'overdue' ? 'alert' : undefined}>
        {value}
      </span>
      <span className="clock-due">
        {t('breaches.due', { date: formatZonedTime(language, clock.dueUtc, clock.zone, { zoneName: true }) })}
      </span>
    </div>
  );
}
