import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SupplierSummary } from '../../../../shared/domain/supplier';
import { foldForSearch } from '../../../../shared/domain/text';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { navigate, routeHash } from '../../lib/router';
import { Badge, formatDate, formatPct } from '../../components/ui';
import { useApp } from '../../store/app';
import { useCountryName } from '../transfer/common';
import { useTableWindow } from '../../components/useTableWindow';
import { ResetWidthsButton, SizedHeadRow, useSizedColumns, type SizedColumn } from '../../components/ColumnResizer';

/** Default widths (px), fitting a 1,440-pixel-wide window (issue 16); the user's are kept per table. */
const COLUMNS: ReadonlyArray<SizedColumn> = [
  { id: 'name', size: 240 },
  { id: 'role', size: 140 },
  { id: 'locations', size: 220 },
  { id: 'dpa', size: 190 },
  { id: 'lastAudit', size: 180 },
  { id: 'nextAudit', size: 120 },
];

export const VERDICT_TONE = { compliant: 'ok', reserves: 'warn', nonCompliant: 'bad', incomplete: 'muted' } as const;

/** The supplier register: who processes what, where, under which contract, how it was audited. */
export function SupplierListPage() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [rows, setRows] = useState<ReadonlyArray<SupplierSummary> | null>(null);
  const [error, setError] = useState('');
  const [query, setQuery] = useState('');
  const country = useCountryName();
  useEffect(() => {
    call('supplier:list', { scope: 'live' }).then(setRows, (e) => setError(describeError(e)));
  }, []);
  const shown = useMemo(() => {
    const words = foldForSearch(query).split(/\s+/).filter(Boolean);
    return (rows ?? []).filter((r) => {
      const hay = foldForSearch(`${r.name} ${r.tradeName} ${r.countries.map(country).join(' ')} ${t(`supplier.role.${r.role}`)}`);
      return words.every((w) => hay.includes(w));
    });
  }, [rows, query, t, country]);
  const win = useTableWindow(shown.length, 64);
  const sized = useSizedColumns('suppliers', COLUMNS);
  if (error) return <p className="notice notice-bad" role="alert">{error}</p>;
  if (!rows) return <p className="muted">{t('register.loading')}</p>;
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <h1>{t('suppliers.title')}</h1>
          <p className="muted small">{t('suppliers.intro')}</p>
        </div>
        <div className="actions">
          <a className="button" href={routeHash({ page: 'templates' })}>
            {t('suppliers.templates')}
          </a>
          <a className="button primary" data-shortcut="new" aria-keyshortcuts="Control+N Alt+N" href={routeHash({ page: 'supplier', id: 'new' })}>
            + {t('suppliers.new')}
          </a>
        </div>
      </header>
      <div className="toolbar">
        <label>
          {t('register.search')}{' '}
          <input className="search" type="search" value={query} onChange={(e) => setQuery(e.target.value)} aria-label={t('register.search')} />
        </label>
        <span className="muted small">{t('suppliers.count', { shown: shown.length, total: rows.length })}</span>
        <div className="spacer" />
        <ResetWidthsButton sized={sized} />
      </div>
      {shown.length === 0 ? (
        <p className="muted">{rows.length === 0 ? t('suppliers.empty') : t('breaches.noneShown')}</p>
      ) : (
        <div className="table-scroll">
        <table className="data-table sized" data-testid="supplier-table" aria-rowcount={shown.length + 1} style={{ minWidth: sized.minWidth }}>
          <thead>
            <SizedHeadRow
              sized={sized}
              labels={[t('supplier.fields.name'), t('supplier.fields.role'), t('suppliers.locations'), t('supplier.fields.dpa'), t('suppliers.lastAudit'), t('supplier.fields.nextAuditOn')]}
            />
          </thead>
          <tbody ref={win.bodyRef}>
            {win.top}
            {win.items.map((v) => {
              const r = shown[v.index]!;
              return (
              <tr key={r.id} data-index={v.index} ref={win.measure} aria-rowindex={v.index + 2} className="clickable" onClick={() => navigate({ page: 'supplier', id: r.id })}>
                <td>
                  <a href={routeHash({ page: 'supplier', id: r.id })}>{r.name}</a>
                  {r.tradeName ? <div className="muted small">{r.tradeName}</div> : null}
                </td>
                <td>
                  {t(`supplier.role.${r.role}`)}
                  {r.status === 'ended' ? <div className="muted small">{t('supplier.status.ended')}</div> : null}
                </td>
                <td>
                  {r.countries.map(country).join(', ') || '—'}
                  {r.transferGaps.length > 0 ? (
                    <div>
                      <Badge tone="bad">{t('suppliers.transferGap', { countries: r.transferGaps.map(country).join(', ') })}</Badge>
                    </div>
                  ) : null}
                </td>
                <td>
                  {r.dpaSigned ? <Badge tone="ok">{t('suppliers.signed')}</Badge> : <Badge tone="bad">{t('suppliers.unsigned')}</Badge>}{' '}
                  {r.missingClauses > 0 ? <Badge tone="bad">{t('suppliers.missingClauses', { count: r.missingClauses })}</Badge> : null}
                </td>
                <td>{r.lastScore !== null && r.lastVerdict ? <Badge tone={VERDICT_TONE[r.lastVerdict as keyof typeof VERDICT_TONE]}>{`${formatPct(r.lastScore, language)} · ${t(`audit.verdict.${r.lastVerdict}`)}`}</Badge> : '—'}</td>
                <td>{r.nextAuditOn ? formatDate(r.nextAuditOn, language) : '—'}</td>
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
