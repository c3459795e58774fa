import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextClock, type BreachSummary } from '../../../../shared/domain/breach';
import { call } from '../../lib/api';
import { useBusy } from '../../lib/useBusy';
import { deliverDocument } from '../../lib/download';
import { describeError } from '../../lib/errors';
import { navigate, routeHash, routeQuery } from '../../lib/router';
import { Badge } from '../../components/ui';
import { useApp } from '../../store/app';
import { ClockCard, useNow } from './Clock';
import { useTableWindow } from '../../components/useTableWindow';
import { ResetWidthsButton, SizedHeadRow, useSizedColumns, type SizedColumn } from '../../components/ColumnResizer';
import { formatZonedTime } from '../../../../shared/domain/zoned-time';

/** Default widths (px), fitting a 1,440-pixel-wide window (issue 16); the user's are kept per table. */
const COLUMNS: ReadonlyArray<SizedColumn> = [
  { id: 'ref', size: 110 },
  { id: 'title', size: 250 },
  { id: 'awareAt', size: 150 },
  { id: 'status', size: 110 },
  { id: 'risk', size: 140 },
  { id: 'nextDeadline', size: 210 },
  { id: 'checklist', size: 90 },
];

const LEVEL_TONE = { none: 'muted', risk: 'warn', high: 'bad' } as const;
const STATUS_TONE = { open: 'bad', contained: 'warn', closed: 'ok' } as const;

/** The breach log (Art. 33(5)): every incident, notified or not, the most recent awareness first. */
export function BreachListPage() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const toast = useApp((s) => s.toast);
  const now = useNow();
  const [rows, setRows] = useState<ReadonlyArray<BreachSummary> | null>(null);
  const [error, setError] = useState('');
  // "#/breaches?show=open" (the dashboard's "show all") opens on the incidents in progress.
  const [status, setStatus] = useState<'all' | 'open' | 'closed'>(() => (routeQuery().get('show') === 'open' ? 'open' : 'all'));
  const { busy, run } = useBusy();
  useEffect(() => {
    call('breach:list', { scope: 'live' }).then(setRows, (e) => setError(describeError(e)));
  }, []);
  const exportLog = () => run(async () => deliverDocument(await call('breach:exportLog', { language }), (file) => toast(t('breaches.exported', { file }))));
  const shown = (rows ?? []).filter((r) => status === 'all' || (status === 'closed' ? r.status === 'closed' : r.status !== 'closed'));
  const win = useTableWindow(shown.length, 64);
  const sized = useSizedColumns('breaches', COLUMNS);
  if (error) return <p className="notice notice-bad" role="alert">{error}</p>;
  if (!rows) return <p className="muted">{t('register.loading')}</p>;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('breaches.title')}</h1>
          <p className="muted small">{t('breaches.intro')}</p>
        </div>
        <div className="actions">
          <button type="button" className="button" disabled={busy} onClick={() => void exportLog()}>
            {t('breaches.exportLog')}
          </button>
          <a className="button primary" data-shortcut="new" aria-keyshortcuts="Control+N Alt+N" href={routeHash({ page: 'breach', id: 'new' })}>
            + {t('breaches.new')}
          </a>
        </div>
      </header>
      <div className="toolbar">
        <label>
          {t('breaches.show')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value as typeof status)} aria-label={t('breaches.show')}>
            <option value="all">{t('breaches.showAll', { count: rows.length })}</option>
            <option value="open">{t('breaches.showOpen')}</option>
            <option value="closed">{t('breaches.showClosed')}</option>
          </select>
        </label>
        <div className="spacer" />
        <ResetWidthsButton sized={sized} />
      </div>
      {shown.length === 0 ? (
        <p className="muted">{rows.length === 0 ? t('breaches.empty') : t('breaches.noneShown')}</p>
      ) : (
        <div className="table-scroll">
        <table className="data-table sized" data-testid="breach-table" aria-rowcount={shown.length + 1} style={{ minWidth: sized.minWidth }}>
          <thead>
            <SizedHeadRow
              sized={sized}
              labels={[t('breach.fields.ref'), t('breach.fields.title'), t('breaches.awareAt'), t('breach.fields.status'), t('breaches.risk'), t('breaches.nextDeadline'), t('breaches.checklist')]}
            />
          </thead>
          <tbody ref={win.bodyRef}>
            {win.top}
            {win.items.map((v) => {
              const r = shown[v.index]!;
              const clock = nextClock(r.clocks);
              return (
                <tr key={r.id} data-index={v.index} ref={win.measure} aria-rowindex={v.index + 2} className="clickable" onClick={() => navigate({ page: 'breach', id: r.id })}>
                  <td>
                    <a href={routeHash({ page: 'breach', id: r.id })}>{r.ref}</a>
                  </td>
                  <td>
                    {r.title}
                    <div className="muted small">{t(`breach.role.${r.role}`)}</div>
                  </td>
                  <td>
                    {r.awareUtc ? formatZonedTime(language, r.awareUtc, r.zone) : r.awareAt.replace('T', ' ')} <div className="muted small">{r.zone}</div>
                  </td>
                  <td>
                    <Badge tone={STATUS_TONE[r.status]}>{t(`breach.status.${r.status}`)}</Badge>
                  </td>
                  <td>
                    <Badge tone={LEVEL_TONE[r.level]} title={r.confirmed ? undefined : t('breaches.suggested')}>
                      {t(`breach.level.${r.level}`)}
                      {r.confirmed ? '' : ' ?'}
                    </Badge>
                  </td>
                  <td>{clock && r.status !== 'closed' ? <ClockCard clock={clock} now={now} compact /> : <span className="muted small">{r.controllersToInform && r.status !== 'closed' ? t('breachRole.toInform', { count: r.controllersToInform }) : r.notifiedAuthority ? t('breaches.notified') : '—'}</span>}</td>
                  <td>
                    {r.stepsDone}/{r.stepsTotal}
                  </td>
                </tr>
              );
            })}
            {win.bottom}
          </tbody>
        </table>
        </div>
      )}
    </div>
  );
}
