import { useEffect, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { OBLIGATION_KINDS, dueDay, obligationTitle, type Obligation, type ObligationKind, type WeekSummary } from '../../../../shared/domain/obligations';
import { call } from '../../lib/api';
import { deliverDocument } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { useBusy } from '../../lib/useBusy';
import { Badge, Section, formatDate } from '../../components/ui';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';
import { useApp } from '../../store/app';
import { useNow } from '../breach/Clock';

/** Where an obligation is dealt with. */
export function obligationHref(o: Obligation): string {
  switch (o.entity) {
    case 'register_entry':
      return routeHash({ page: 'record', kind: o.registerKind ?? 'controller', id: o.entityId });
    case 'supplier':
      return routeHash({ page: 'supplier', id: o.entityId });
    case 'transfer':
      return routeHash({ page: 'transfer', id: o.entityId });
    case 'breach':
      return routeHash({ page: 'breach', id: o.entityId });
  }
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** One chip of the panel: its number and the list it opens, which shows exactly that many rows. */
type Chip = Readonly<{ key: string; kind: ObligationKind; label: string; total: number; late: number; href: string }>;

/**
 * The chips of "This week", each opening a list of exactly the items it counts: the reviews open
 * the register filtered by the same rule (`quick=reviewDue&by=<the week's last day>`, one chip per
 * register concerned since a register is listed alone), every other kind its own list of the
 * week's items (`#/week/<kind>`: a breach may run several clocks, a supplier hold several
 * certifications, so the breach, supplier or transfer lists could not match the number).
 */
function weekChips(week: WeekSummary, t: TFunction): Chip[] {
  const chips: Chip[] = [];
  for (const k of OBLIGATION_KINDS) {
    const c = week.byKind[k];
    if (!c) continue;
    const kind = t(`obligation.kind.${k}`);
    if (k !== 'review') {
      chips.push({ key: k, kind: k, label: kind, total: c.total, late: c.late, href: routeHash({ page: 'week', kind: k }) });
      continue;
    }
    const registers = (['controller', 'processor'] as const).filter((r) => week.reviewsIn[r].total > 0);
    for (const r of registers) {
      chips.push({
        key: `review-${r}`,
        kind: k,
        label: registers.length > 1 ? t('week.kindIn', { kind, register: lowerFirst(t(`nav.${r}`)) }) : kind,
        total: week.reviewsIn[r].total,
        late: week.reviewsIn[r].late,
        href: routeHash({ page: 'register', kind: r, quick: 'reviewDue', by: week.to }),
      });
    }
  }
  return chips;
}

export function useWeek(): { week: WeekSummary | null; error: string } {
  const [week, setWeek] = useState<WeekSummary | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call('obligations:week', {}).then(setWeek, (e) => setError(describeError(e)));
  }, []);
  return { week, error };
}

/** "This week" (issue 16): what is late or due within 7 days, counted by kind, the ten most urgent listed. */
export function ThisWeekPanel({ week }: { week: WeekSummary }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const { busy, run } = useBusy();
  const now = useNow();
  const exportCalendar = () =>
    run(async () => deliverDocument(await call('obligations:calendar', { language, from: '', to: '' }), (file) => toast(t('week.calendarDone', { file }))));
  const to = formatDate(week.to, language);
  const when = (o: Obligation) => {
    if (o.allDay) return formatDate(o.due, language);
    const hours = Math.round(((Date.parse(o.due) - Date.parse(now)) / 3_600_000) * 10) / 10;
    return `${formatZonedTime(language, o.due, String(o.params.zone ?? 'UTC'))} (${hours >= 0 ? t('week.inHours', { hours }) : t('week.hoursAgo', { hours: -hours })})`;
  };
  const isLate = (o: Obligation) => (o.allDay ? o.due < week.today : o.due < now);
  return (
    <Section
      title={`${t('week.title')} (${week.total})`}
      id="this-week"
      actions={
        <button type="button" className="button" disabled={busy} onClick={() => void exportCalendar()} title={t('week.calendarHelp')}>
          {t('week.calendar')}
        </button>
      }
    >
      {week.total === 0 ? (
        <p className="muted">{t('week.nothing', { to })}</p>
      ) : (
        <>
          <p className="muted small" data-testid="week-summary">
            {t('week.summary', { late: week.late, today: week.dueToday, total: week.total, to })}
          </p>
          <ul className="chips" aria-label={t('week.byKind')}>
            {weekChips(week, t).map((c) => (
              <li key={c.key}>
                <a href={c.href} className="chip" data-testid={`week-kind-${c.key}`}>
                  {t('week.kindCount', { kind: c.label, count: c.total })}
                  {c.late > 0 ? ` (${t('week.lateCount', { count: c.late })})` : ''}
                </a>
              </li>
            ))}
          </ul>
          <ul className="plain-list week-list" data-testid="week-items">
            {week.top.map((o) => (
              <li key={o.uid}>
                <span className="week-when">{when(o)}</span>{' '}
                {isLate(o) ? <Badge tone="bad">{t('week.late')}</Badge> : dueDay(o) === week.today ? <Badge tone="warn">{t('week.today')}</Badge> : null}{' '}
                <a href={obligationHref(o)}>{obligationTitle(language, o)}</a>
              </li>
            ))}
          </ul>
        </>
      )}
    </Section>
  );
}

/**
 * At start-up (issue 16): one line over every screen when something is late, due today, or a
 * breach clock is running; it stays until dismissed for this session.
 */
export function StartupReminder() {
  const { t } = useTranslation();
  const { week } = useWeek();
  const [dismissed, setDismissed] = useState(false);
  if (!week || dismissed) return null;
  const clocks = week.byKind.breachClock?.total ?? 0;
  if (week.late + week.dueToday + clocks === 0) return null;
  return (
    <div className="notice notice-warn reminder-bar" role="status" data-testid="startup-reminder">
      <span>
        {t('week.reminder', { late: week.late, today: week.dueToday })}
        {clocks > 0 ? ` ${t('week.reminderClock', { count: clocks })}` : ''}{' '}
        <a href={routeHash({ page: 'dashboard' })}>{t('week.reminderOpen')}</a>
      </span>
      <button type="button" className="link" onClick={() => setDismissed(true)}>
        {t('week.dismiss')}
      </button>
    </div>
  );
}

/**
 * The list a chip of "This week" opens (`#/week/<kind>`): the very items the chip counts, the
 * most urgent first, each linking to where it is dealt with.
 */
export function WeekListPage({ kind }: { kind: ObligationKind }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const { week } = useWeek();
  const now = useNow();
  const [items, setItems] = useState<ReadonlyArray<Obligation> | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call('obligations:items', { kind }).then(setItems, (e) => setError(describeError(e)));
  }, [kind]);
  if (error) return <p className="notice notice-bad" role="alert">{error}</p>;
  if (!items || !week) return <p className="muted">{t('register.loading')}</p>;
  const isLate = (o: Obligation) => (o.allDay ? o.due < week.today : o.due < now);
  const when = (o: Obligation) => (o.allDay ? formatDate(o.due, language) : formatZonedTime(language, o.due, String(o.params.zone ?? 'UTC')));
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('week.listTitle', { kind: t(`obligation.kind.${kind}`) })}</h1>
          <p className="muted small" data-testid="week-list-count">
            {t('week.listCount', { count: items.length, to: formatDate(week.to, language) })}
          </p>
        </div>
        <div className="actions">
          <a href={routeHash({ page: 'dashboard' })}>{t('week.back')}</a>
        </div>
      </header>
      <ul className="plain-list week-list" data-testid="week-list">
        {items.map((o) => (
          <li key={o.uid}>
            <span className="week-when">{when(o)}</span> {isLate(o) ? <Badge tone="bad">{t('week.late')}</Badge> : dueDay(o) === week.today ? <Badge tone="warn">{t('week.today')}</Badge> : null}{' '}
            <a href={obligationHref(o)}>{obligationTitle(language, o)}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}
