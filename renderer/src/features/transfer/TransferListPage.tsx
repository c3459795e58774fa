import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferSummary } from '../../../../shared/domain/transfer';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { navigate, routeHash, routeQuery } from '../../lib/router';
import { Badge } from '../../components/ui';
import { useCountryName, useWarningText } from './common';
import { useTableWindow } from '../../components/useTableWindow';
import { ResetWidthsButton, SizedHeadRow, useSizedColumns, type SizedColumn } from '../../components/ColumnResizer';

/** Default widths (px), fitting a 1,440-pixel-wide window (issue 16); the user's are kept per table. */
const COLUMNS: ReadonlyArray<SizedColumn> = [
  { id: 'title', size: 250 },
  { id: 'importer', size: 190 },
  { id: 'country', size: 130 },
  { id: 'mechanism', size: 200 },
  { id: 'tia', size: 110 },
  { id: 'warnings', size: 200 },
];

/** The transfer register: every transfer outside the EEA, its ground, and what needs doing. */
export function TransferListPage() {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ReadonlyArray<TransferSummary> | null>(null);
  const [error, setError] = useState('');
  // "#/transfers?warnings=1" (the dashboard's "show all") opens on the transfers to put right.
  const [onlyWarnings, setOnlyWarnings] = useState(() => routeQuery().get('warnings') === '1');
  useEffect(() => {
    call('transfer:list', { scope: 'live' }).then(setRows, (e) => setError(describeError(e)));
  }, []);
  if (error) return <p className="notice notice-bad" role="alert">{error}</p>;
  if (!rows) return <p className="muted">{t('register.loading')}</p>;
  const shown = rows.filter((r) => !onlyWarnings || r.warnings.length > 0);
  return <TransferTable rows={rows} shown={shown} onlyWarnings={onlyWarnings} setOnlyWarnings={setOnlyWarnings} />;
}

function TransferTable({ rows, shown, onlyWarnings, setOnlyWarnings }: { rows: ReadonlyArray<TransferSummary>; shown: ReadonlyArray<TransferSummary>; onlyWarnings: boolean; setOnlyWarnings: (on: boolean) => void }) {
  const { t } = useTranslation();
  const country = useCountryName();
  const warningText = useWarningText();
  const win = useTableWindow(shown.length, 64);
  const sized = useSizedColumns('transfers', COLUMNS);
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('transfers.title')}</h1>
          <p className="muted small">{t('transfers.intro')}</p>
        </div>
        <div className="actions">
          <a className="button" href={routeHash({ page: 'transferReference' })}>
            {t('transfers.reference')}
          </a>
          <a className="button primary" data-shortcut="new" aria-keyshortcuts="Control+N Alt+N" href={routeHash({ page: 'transfer', id: 'new' })}>
            + {t('transfers.new')}
          </a>
        </div>
      </header>
      <div className="toolbar">
        <label className="check">
          <input type="checkbox" checked={onlyWarnings} onChange={(e) => setOnlyWarnings(e.target.checked)} /> {t('transfers.onlyWarnings', { count: rows.filter((r) => r.warnings.length > 0).length })}
        </label>
        <div className="spacer" />
        <ResetWidthsButton sized={sized} />
      </div>
      {shown.length === 0 ? (
        <p className="muted">{rows.length === 0 ? t('transfers.empty') : t('breaches.noneShown')}</p>
      ) : (
        <div className="table-scroll">
        <table className="data-table sized" data-testid="transfer-table" aria-rowcount={shown.length + 1} style={{ minWidth: sized.minWidth }}>
          <thead>
            <SizedHeadRow
              sized={sized}
              labels={[t('transfer.fields.title'), t('transferDoc.importer'), t('transferDoc.country'), t('transferDoc.mechanism'), t('transferDoc.tia'), t('transferDoc.warnings')]}
            />
          </thead>
          <tbody ref={win.bodyRef}>
            {win.top}
            {win.items.map((v) => {
              const r = shown[v.index]!;
              return (
              <tr key={r.id} data-index={v.index} ref={win.measure} aria-rowindex={v.index + 2} className="clickable" onClick={() => navigate({ page: 'transfer', id: r.id })}>
                <td>
                  <a href={routeHash({ page: 'transfer', id: r.id })}>{r.title}</a>
                  {r.status === 'ended' ? <div className="muted small">{t('transfer.status.ended')}</div> : null}
                </td>
                <td>{r.importer}</td>
                <td>{country(r.importerCountry)}</td>
                <td>
                  {r.mechanism ? t(`transfer.mechanism.${r.mechanism}`) : '—'}
                  {r.module ? <div className="muted small">{t(`transfer.module.${r.module}`)}</div> : null}
                </td>
                <td>{r.tiaDone ? <Badge tone="ok">✓</Badge> : '—'}</td>
                <td>{r.warnings.length === 0 ? <Badge tone="ok">{t('transferDoc.noWarning')}</Badge> : r.warnings.map((w) => (w.severity === 'critical' ? <span key={w.key} className="badge warning-critical" data-severity="critical" title={warningText(w)}>{warningText(w)}</span> : <Badge key={w.key} tone="bad" title={warningText(w)}>{warningText(w)}</Badge>))}</td>
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
