import { useTable, type SortingState, type ColumnVisibilityState, type ReactTable, type TableState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ColumnResizer, ResetWidthsButton, ResizeGuide, defaultWidths, useColumnSizing } from '../../components/ColumnResizer';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH } from '../../../../shared/domain/table-widths';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LEGAL_BASES, STATUSES, type Language, type RegisterKind } from '../../../../shared/domain/enums';
import type { ReferenceLists } from '../../../../shared/domain/reference-lists';
import type { RegisterSummary } from '../../../../shared/domain/register';
import type { QuickFilter, RegisterSort, RegisterWindowArgs } from '../../../../shared/domain/register-list';
import { appToday } from '../../lib/clock';
import { formatDate } from '../../components/ui';
import { describeError } from '../../lib/errors';
import { navigate, routeHash } from '../../lib/router';
import { useApp } from '../../store/app';
import { NO_FILTERS, useRegister, type Filters } from '../../store/register';
import { SheetExportButton } from './SheetExportDialog';
import { CELLS, controllerColumns, features, processorColumns, type CellContext } from './columns';
import type { TFunction } from 'i18next';
import { useRegisterWindow, type WindowParams } from './useRegisterWindow';

const ROW_HEIGHT = 40;
const NO_ROWS: RegisterSummary[] = [];
const CONTROLLER_WIDTHS = defaultWidths(controllerColumns);
const PROCESSOR_WIDTHS = defaultWidths(processorColumns);
const SIZE_BOUNDS = { minSize: MIN_COLUMN_WIDTH, maxSize: MAX_COLUMN_WIDTH };

/** The toolbar's filters as the core's window query reads them. */
function toFilter(f: Filters, quick: QuickFilter | null, dueBy: string | undefined): NonNullable<RegisterWindowArgs['filter']> {
  return {
    ...(f.status ? { status: [f.status as RegisterSummary['status']] } : {}),
    ...(f.legalBasis ? { legalBasis: f.legalBasis as (typeof LEGAL_BASES)[number] } : {}),
    ...(f.department ? { department: f.department } : {}),
    ...(f.special ? { special: f.special === 'yes' } : {}),
    ...(f.transfer ? { transfer: f.transfer === 'yes' } : {}),
    ...(f.overdue ? { overdue: true } : {}),
    ...(quick ? { quick } : {}),
    ...(quick === 'reviewDue' && dueBy ? { dueBy } : {}),
  };
}

/** What the page keeps of the table state (not the drag in progress: see useTable below). */
type Shown = Pick<TableState<typeof features>, 'sorting' | 'columnVisibility' | 'columnSizing'>;
type RegisterTable = ReactTable<typeof features, RegisterSummary, Shown>;

/**
 * One row of the table, painted again only when its record, its place, the columns or what its
 * cells read (language, lists, today) change: not at each keystroke while the answer is on its way.
 * Its cells are plain calls of CELLS (columns.tsx), not components (issue 15).
 */
const BodyRow = memo(function BodyRow(props: {
  kind: RegisterKind;
  summary: RegisterSummary;
  index: number;
  start: number;
  gridTemplate: string;
  columns: ReadonlyArray<string>;
  cells: CellContext;
}) {
  const { kind, summary } = props;
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      className="grid-row grid-row-body"
      style={{ gridTemplateColumns: props.gridTemplate, top: props.start, height: ROW_HEIGHT }}
      onClick={(e) => {
        if ((e.target as HTMLElement).closest('a')) return;
        navigate({ page: 'record', kind, id: summary.id });
      }}
    >
      {props.columns.map((id) => (
        <div key={id} role="cell" className={`grid-cell cell-${id}`}>
          {id === 'ref' ? <a href={routeHash({ page: 'record', kind, id: summary.id })}>{summary.ref}</a> : CELLS[id]?.(summary, props.cells)}
        </div>
      ))}
    </div>
  );
});

/**
 * The header row: drawn again when the sort, the widths, the columns or the language change, not
 * at each keystroke. The table object is new at every render of the page (its options are) but
 * its columns act on the same table store, so the row compares what it shows and ignores it.
 */
const HeaderRow = memo(
  function HeaderRow(props: { table: RegisterTable; gridTemplate: string; sortKey: string; t: TFunction }) {
    const { table, t } = props;
    return (
      <div className="grid-row" role="row" style={{ gridTemplateColumns: props.gridTemplate }}>
        {table.getHeaderGroups()[0]!.headers.filter((h) => h.column.getIsVisible()).map((h, i, shown) => {
          const sorted = h.column.getIsSorted();
          const label = t(String(h.column.columnDef.header));
          return (
            <div
              key={h.id}
              role="columnheader"
              aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              className="grid-cell"
            >
              <button type="button" className="sort" onClick={h.column.getToggleSortingHandler()}>
                {label}
                <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
              </button>
              {i < shown.length - 1 ? (
                <ColumnResizer header={h} setSizing={table.setColumnSizing} label={label}>
                  <table.Subscribe selector={(st) => (st.columnResizing.isResizingColumn === h.column.id ? st.columnResizing.deltaOffset : null)}>
                    {(delta) => <ResizeGuide delta={delta} />}
                  </table.Subscribe>
                </ColumnResizer>
              ) : null}
            </div>
          );
        })}
      </div>
    );
  },
  (a, b) => a.gridTemplate === b.gridTemplate && a.sortKey === b.sortKey && a.t === b.t,
);

/**
 * The toolbar's filters: drawn again when a filter, the language or the lists change, not at
 * each keystroke in the search box beside them (each option's label is a translation).
 */
const FilterSelects = memo(function FilterSelects(props: { kind: RegisterKind; filters: Filters; t: TFunction; lists: ReferenceLists | null; language: Language }) {
  const { kind, filters, t, lists, language } = props;
  const setFilters = useRegister((s) => s.setFilters);
  const select = (id: keyof Filters, label: string, options: ReadonlyArray<[string, string]>) => (
    <label className="filter">
      <span>{label}</span>
      <select aria-label={label} value={String(filters[id])} onChange={(e) => setFilters(kind, { [id]: e.target.value })}>
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
    <>
      {select('status', t('fields.status'), STATUSES.map((s) => [s, t(`enums.status.${s}`)]))}
      {kind === 'controller' ? (
        <>
          {select('legalBasis', t('fields.legalBasis'), LEGAL_BASES.map((b) => [b, t(`enums.legalBasis.${b}`)]))}
          {select('department', t('fields.department'), (lists?.departments ?? []).map((d) => [d.code, language === 'fr' ? d.labelFr : d.labelEn]))}
          {select('special', t('fields.special'), yesNo)}
        </>
      ) : null}
      {select('transfer', t('fields.transfer'), yesNo)}
      <label className="filter filter-check">
        <input type="checkbox" checked={filters.overdue} onChange={(e) => setFilters(kind, { overdue: e.target.checked })} />
        <span>{t('fields.reviewOverdue')}</span>
      </label>
    </>
  );
});

export function RegisterPage({ kind, quick = null, dueBy }: { kind: RegisterKind; quick?: QuickFilter | null; dueBy?: string | undefined }) {
  const { t } = useTranslation();
  const state = useRegister((s) => s.byKind[kind]);
  const search = useRegister((s) => s.search);
  const setFilters = useRegister((s) => s.setFilters);
  const toggleColumn = useRegister((s) => s.toggleColumn);
  const toast = useApp((s) => s.toast);
  const lists = useApp((s) => s.lists);
  const language = useApp((s) => s.language);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'ref', desc: false }]);
  const [showColumns, setShowColumns] = useState(false);

  const today = appToday();
  const params: WindowParams = useMemo(
    () => ({
      kind,
      scope: 'live',
      ...(sorting[0] ? { sort: { by: sorting[0].id as RegisterSort, dir: sorting[0].desc ? 'desc' : 'asc' } } : {}),
      ...(state.query.trim() ? { search: state.query } : {}),
      filter: toFilter(state.filters, quick, dueBy),
      today,
    }),
    [kind, sorting, state.query, state.filters, quick, dueBy, today],
  );
  const { view, ensure, rowAt } = useRegisterWindow(params, state.version, (e) => toast(describeError(e), 'error'));
  const columnVisibility: ColumnVisibilityState = useMemo(
    () => Object.fromEntries(Object.entries(state.hidden).map(([k, v]) => [k, !v])),
    [state.hidden],
  );
  const sizing = useColumnSizing(`register.${kind}`, kind === 'controller' ? CONTROLLER_WIDTHS : PROCESSOR_WIDTHS);
  const table = useTable(
    {
      features,
      columns: kind === 'controller' ? controllerColumns : processorColumns,
      // The rows are the core's window, drawn with CELLS: the table builds no row model of them.
      data: NO_ROWS,
      sortDescFirst: false,
      state: { sorting, columnVisibility, columnSizing: sizing.columnSizing },
      manualSorting: true,
      onSortingChange: setSorting,
      // Visible columns are owned by the store (set from the toolbar); the table only reads them.
      onColumnVisibilityChange: () => {},
      // Widths are saved per register (issue 16); while a handle is dragged only its guide moves.
      onColumnSizingChange: sizing.onColumnSizingChange,
      columnResizeMode: 'onEnd',
      defaultColumn: SIZE_BOUNDS,
    },
    // The drag itself (columnResizing) is read by the handle's guide alone: the page is not painted again at each mouse move.
    (s): Shown => ({ sorting: s.sorting, columnVisibility: s.columnVisibility, columnSizing: s.columnSizing }),
  );
  const total = view?.total ?? 0;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    // Keyed by place, not by record (issue 15): every row has the same height, so the virtualizer
    // measures nothing per record, and an answer to a new search rewrites the rows in place
    // instead of removing and creating them all. A key that read the rows made the virtualizer
    // walk all 20,000 places at every answer (its measurements depend on the key function).
    // Four rows beyond each edge: every answer to a keystroke draws, lays out and paints each row
    // shown, so twelve more rows cost about a third of the keystroke (measured at 20,000).
    overscan: 4,
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  // Ask for the rows shown and a margin of half a window on each side.
  useEffect(() => {
    ensure(firstIndex - 50, lastIndex + 50);
  }, [ensure, firstIndex, lastIndex, view]);
  // A new search, sort or filter starts at the top of the table.
  const queryKey = JSON.stringify(params);
  useEffect(() => {
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);
  const visible = table.getVisibleLeafColumns();
  // The widths set (by default or by the user), the last column taking what is left; narrower windows scroll sideways.
  const gridTemplate = visible.map((c, i) => (i === visible.length - 1 ? `minmax(${c.getSize()}px, 1fr)` : `${c.getSize()}px`)).join(' ');
  const minWidth = visible.reduce((sum, c) => sum + c.getSize(), 0) + 16;
  const filtered = state.filters !== NO_FILTERS || state.query !== '';
  const columnsKey = visible.map((c) => c.id).join(',');
  // The same array while the same columns are shown (the rows compare it).
  const columnIds = useMemo(() => visible.map((c) => c.id), [columnsKey]);
  const cells: CellContext = useMemo(() => ({ t, language, lists, today }), [t, language, lists, today]);

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
        <FilterSelects kind={kind} filters={state.filters} t={t} lists={lists} language={language} />
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
        <ResetWidthsButton sized={sizing} />
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
      {quick ? (() => {
        const label = t(`register.quick.${quick}`, { date: dueBy ? formatDate(dueBy, language) : t('register.quick.thisWeek') });
        return (
        <div className="chips quick-filter">
          <span className="chip chip-on" data-testid="quick-filter">
            {label}
            <a
              className="chip-remove"
              href={routeHash({ page: 'register', kind })}
              aria-label={t('register.removeFilter', { filter: label })}
              title={t('register.removeFilter', { filter: label })}
            >
              ×
            </a>
          </span>
        </div>
        );
      })() : null}
      <div className="row-count" data-testid="row-count" aria-live="polite">
        {view ? t('register.count', { shown: total, total: view.all }) : ''}
      </div>
      <div className="grid" role="table" aria-label={t(`nav.${kind}`)} aria-rowcount={total + 1} data-search={view?.search ?? ''}>
        <div className="grid-inner" style={{ minWidth }}>
        <div className="grid-head" role="rowgroup">
          <HeaderRow table={table} gridTemplate={gridTemplate} sortKey={`${columnsKey}|${JSON.stringify(sorting)}`} t={t} />
        </div>
        <div className="grid-body" ref={scrollRef} role="rowgroup">
          {!view ? (
            <p className="muted pad">{t('register.loading')}</p>
          ) : total === 0 ? (
            <p className="muted pad">{view.all === 0 ? t('register.emptyRegister') : t('register.empty')}</p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {items.map((item) => {
                const summary = rowAt(view, item.index);
                const style = { gridTemplateColumns: gridTemplate, top: item.start, height: ROW_HEIGHT };
                if (!summary) {
                  // Not received yet (a fast scroll): a placeholder row of the same height.
                  return (
                    <div key={item.key} role="row" aria-rowindex={item.index + 2} aria-busy="true" className="grid-row grid-row-body grid-row-loading" style={style}>
                      <div role="cell" className="grid-cell muted">
                        …
                      </div>
                    </div>
                  );
                }
                return (
                  <BodyRow
                    key={item.key}
                    kind={kind}
                    summary={summary}
                    index={item.index}
                    start={item.start}
                    gridTemplate={gridTemplate}
                    columns={columnIds}
                    cells={cells}
                  />
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
