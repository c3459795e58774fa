import { useTable, type ColumnFiltersState, type SortingState, type ColumnVisibilityState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEGAL_BASES, STATUSES, type RegisterKind } from '../../../../shared/domain/enums';
import type { RegisterSummary } from '../../../../shared/domain/register';
import { appToday } from '../../lib/clock';
import { describeError } from '../../lib/errors';
import { navigate, routeHash } from '../../lib/router';
import { useApp } from '../../store/app';
import { NO_FILTERS, useRegister, type Filters } from '../../store/register';
import { SheetExportButton } from './SheetExportDialog';
import { controllerColumns, features, processorColumns } from './columns';

const ROW_HEIGHT = 40;
const FLEX = new Set(['name', 'purpose', 'client']);

function toColumnFilters(f: Filters, today: string): ColumnFiltersState {
  const out: ColumnFiltersState = [];
  if (f.status) out.push({ id: 'status', value: f.status });
  if (f.legalBasis) out.push({ id: 'legalBasis', value: f.legalBasis });
  if (f.department) out.push({ id: 'department', value: f.department });
  if (f.special) out.push({ id: 'special', value: f.special === 'yes' });
  if (f.transfer) out.push({ id: 'transfer', value: f.transfer === 'yes' });
  if (f.overdue) out.push({ id: 'review', value: today });
  return out;
}

export function RegisterPage({ kind }: { kind: RegisterKind }) {
  const { t } = useTranslation();
  const state = useRegister((s) => s.byKind[kind]);
  const load = useRegister((s) => s.load);
  const search = useRegister((s) => s.search);
  const setFilters = useRegister((s) => s.setFilters);
  const toggleColumn = useRegister((s) => s.toggleColumn);
  const toast = useApp((s) => s.toast);
  const lists = useApp((s) => s.lists);
  const language = useApp((s) => s.language);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'ref', desc: false }]);
  const [showColumns, setShowColumns] = useState(false);

  useEffect(() => {
    load(kind).catch((e) => toast(describeError(e), 'error'));
  }, [kind, load, toast]);

  const today = appToday();
  const data = useMemo(
    () => (state.matches ? state.rows.filter((r) => state.matches!.has(r.id)) : state.rows) as RegisterSummary[],
    [state.rows, state.matches],
  );
  const columnFilters = useMemo(() => toColumnFilters(state.filters, today), [state.filters, today]);
  const columnVisibility: ColumnVisibilityState = useMemo(
    () => Object.fromEntries(Object.entries(state.hidden).map(([k, v]) => [k, !v])),
    [state.hidden],
  );
  const table = useTable({
    features,
    columns: kind === 'controller' ? controllerColumns : processorColumns,
    data,
    getRowId: (r) => r.id,
    state: { sorting, columnFilters, columnVisibility },
    onSortingChange: setSorting,
    // Filters and visible columns are owned by the store (set from the toolbar); the table only reads them.
    onColumnFiltersChange: () => {},
    onColumnVisibilityChange: () => {},
  });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    getItemKey: (i) => rows[i]!.id,
    overscan: 12,
  });
  const visible = table.getVisibleLeafColumns();
  // Fixed widths, with the two long texts taking what is left; narrower windows scroll sideways.
  const gridTemplate = visible.map((c) => (FLEX.has(c.id) ? `minmax(${c.getSize()}px, 2fr)` : `${c.getSize()}px`)).join(' ');
  const minWidth = visible.reduce((sum, c) => sum + c.getSize(), 0) + 16;
  const filtered = state.filters !== NO_FILTERS || state.query !== '';

  const select = (id: keyof Filters, label: string, options: ReadonlyArray<[string, string]>) => (
    <label className="filter">
      <span>{label}</span>
      <select
        aria-label={label}
        value={String(state.filters[id])}
        onChange={(e) => setFilters(kind, { [id]: e.target.value })}
      >
        <option value="">{t('register.all')}</option>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
  const yesNo: ReadonlyArray<[string, string]> = [
    ['yes', t('register.yes')],
    ['no', t('register.no')],
  ];

  return (
    <div className="page page-register">
      <header className="page-head">
        <h1>{t(`nav.${kind}`)}</h1>
        <div className="actions">
          {kind === 'controller' ? (
            <a className="button" href={routeHash({ page: 'import' })}>
              {t('importer.open')}
            </a>
          ) : null}
          {kind === 'controller' ? <SheetExportButton /> : null}
          <a className="button primary" data-shortcut="new" aria-keyshortcuts="Control+N Alt+N" href={routeHash({ page: 'record', kind, id: 'new' })}>
            + {t('register.new')}
          </a>
        </div>
      </header>
      <div className="toolbar">
        <input
          type="search"
          className="search"
          placeholder={t('register.search')}
          aria-label={t('register.search')}
          value={state.query}
          onChange={(e) => search(kind, e.target.value).catch((err) => toast(describeError(err), 'error'))}
        />
        {select('status', t('fields.status'), STATUSES.map((s) => [s, t(`enums.status.${s}`)]))}
        {kind === 'controller' ? (
          <>
            {select('legalBasis', t('fields.legalBasis'), LEGAL_BASES.map((b) => [b, t(`enums.legalBasis.${b}`)]))}
            {select(
              'department',
              t('fields.department'),
              (lists?.departments ?? []).map((d) => [d.code, language === 'fr' ? d.labelFr : d.labelEn]),
            )}
            {select('special', t('fields.special'), yesNo)}
          </>
        ) : null}
        {select('transfer', t('fields.transfer'), yesNo)}
        <label className="filter filter-check">
          <input type="checkbox" checked={state.filters.overdue} onChange={(e) => setFilters(kind, { overdue: e.target.checked })} />
          <span>{t('fields.reviewOverdue')}</span>
        </label>
        {filtered ? (
          <button
            type="button"
            className="link"
            onClick={() => {
              setFilters(kind, NO_FILTERS);
              void search(kind, '');
            }}
          >
            {t('register.clearFilters')}
          </button>
        ) : null}
        <div className="spacer" />
        <div className="columns-menu">
          <button type="button" className="button" aria-expanded={showColumns} onClick={() => setShowColumns(!showColumns)}>
            {t('register.columns')} ▾
          </button>
          {showColumns ? (
            <div className="popover" role="group" aria-label={t('register.columns')}>
              {table
                .getAllLeafColumns()
                .filter((c) => c.getCanHide())
                .map((c) => (
                  <label key={c.id} className="check">
                    <input type="checkbox" checked={!state.hidden[c.id]} onChange={() => toggleColumn(kind, c.id)} />
                    {t(String(c.columnDef.header))}
                  </label>
                ))}
            </div>
          ) : null}
        </div>
      </div>
      <div className="row-count" data-testid="row-count" aria-live="polite">
        {t('register.count', { shown: rows.length, total: state.rows.length })}
      </div>
      <div className="grid" role="table" aria-label={t(`nav.${kind}`)} aria-rowcount={rows.length + 1}>
        <div className="grid-inner" style={{ minWidth }}>
        <div className="grid-head" role="rowgroup">
          <div className="grid-row" role="row" style={{ gridTemplateColumns: gridTemplate }}>
            {table.getHeaderGroups()[0]!.headers.filter((h) => h.column.getIsVisible()).map((h) => {
              const sorted = h.column.getIsSorted();
              return (
                <div
                  key={h.id}
                  role="columnheader"
                  aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
                  className="grid-cell"
                >
                  <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                    {t(String(h.column.columnDef.header))}
                    <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                  </button>
                </div>
              );
            })}
          </div>
        </div>
        <div className="grid-body" ref={scrollRef} role="rowgroup">
          {!state.loaded ? (
            <p className="muted pad">{t('register.loading')}</p>
          ) : rows.length === 0 ? (
            <p className="muted pad">{state.rows.length === 0 ? t('register.emptyRegister') : t('register.empty')}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                return (
                  <div
                    key={row.id}
                    role="row"
                    aria-rowindex={item.index + 2}
                    className="grid-row grid-row-body"
                    style={{ gridTemplateColumns: gridTemplate, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
                    onClick={(e) => {
                      if ((e.target as HTMLElement).closest('a')) return;
                      navigate({ page: 'record', kind, id: row.id });
                    }}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <div key={cell.id} role="cell" className={`grid-cell cell-${cell.column.id}`}>
                        {cell.column.id === 'ref' ? (
                          <a href={routeHash({ page: 'record', kind, id: row.id })}>{row.original.ref}</a>
                        ) : (
                          <table.FlexRender cell={cell} />
                        )}
                      </div>
                    ))}
                  </div>
                );
              })}
            </div>
          )}
        </div>
        </div>
      </div>
    </div>
  );
}
