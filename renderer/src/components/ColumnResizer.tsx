import {
  columnResizingFeature,
  columnSizingFeature,
  createColumnHelper,
  tableFeatures,
  useTable,
  type ColumnSizingState,
  type Updater,
} from '@tanstack/react-table';
import { useCallback, useEffect, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type ColumnWidths, type TableId } from '../../../shared/domain/table-widths';
import { useApp } from '../store/app';
import { useColumnWidths } from '../store/columnWidths';

/**
 * Resizable columns (issue 16): TanStack Table's own column sizing and resizing features
 * (`header.getResizeHandler()`, `column.getSize()`), in `onEnd` mode: while the handle is
 * dragged only a guide line moves (no row is painted again, however long the table), and the
 * width is set when the mouse is released. The widths are kept per table in the register's
 * settings (store/columnWidths.ts). A double click on a handle (or Home / Delete on it) gives the
 * column its default width back; the arrow keys on a focused handle narrow or widen it (Shift: by
 * larger steps). The last column has no handle: it takes the width left.
 */
const EMPTY: ColumnSizingState = {};
const KEY_STEP = 10;
const KEY_STEP_LARGE = 50;

const clamp = (px: number) => Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(px)));

/** Whole pixels within bounds; a column reset to its default (undefined), or left at it (a click on a handle), is dropped. */
function cleanWidths(sizing: ColumnSizingState, defaults: Readonly<Record<string, number>>): ColumnWidths {
  const out: Record<string, number> = {};
  for (const [id, px] of Object.entries(sizing)) {
    if (typeof px !== 'number' || !Number.isFinite(px)) continue;
    const width = clamp(px);
    if (width !== defaults[id]) out[id] = width;
  }
  return out;
}

/**
 * The table options that own the widths: the saved ones of `tableId`, written back on change.
 * `defaults` are the columns' default widths (a stable object), so that only changed ones are kept.
 */
export function useColumnSizing(tableId: TableId, defaults: Readonly<Record<string, number>>) {
  const file = useApp((s) => s.info?.dbPath ?? '');
  const load = useColumnWidths((s) => s.load);
  useEffect(() => {
    void load(file);
  }, [file, load]);
  const columnSizing = useColumnWidths((s) => s.byTable[tableId]) ?? EMPTY;
  const onColumnSizingChange = useCallback(
    (updater: Updater<ColumnSizingState>) => {
      const store = useColumnWidths.getState();
      const old = store.byTable[tableId] ?? EMPTY;
      store.set(tableId, cleanWidths(typeof updater === 'function' ? updater(old) : updater, defaults));
    },
    [tableId, defaults],
  );
  const reset = useCallback(() => useColumnWidths.getState().set(tableId, {}), [tableId]);
  return { columnSizing, onColumnSizingChange, resized: Object.keys(columnSizing).length > 0, reset };
}

export const sizingFeatures = tableFeatures({ columnSizingFeature, columnResizingFeature });
type SizingFeatures = typeof sizingFeatures;

/** One column of a plain table (suppliers, transfers…): its id and default width in pixels. */
export type SizedColumn = Readonly<{ id: string; size: number }>;

const plainHelper = createColumnHelper<SizingFeatures, Record<string, never>>();
const NO_ROWS: Array<Record<string, never>> = [];
const defsCache = new WeakMap<ReadonlyArray<SizedColumn>, ReturnType<typeof toDefs>>();
function toDefs(columns: ReadonlyArray<SizedColumn>) {
  return {
    columns: plainHelper.columns(columns.map((c) => plainHelper.display({ id: c.id, size: c.size, minSize: MIN_COLUMN_WIDTH, maxSize: MAX_COLUMN_WIDTH }))),
    defaults: defaultWidths(columns),
  };
}

/** Column id → default width, from column definitions that carry an `id` and a `size`. */
export function defaultWidths(columns: ReadonlyArray<{ id?: string; size?: number }>): Readonly<Record<string, number>> {
  return Object.fromEntries(columns.flatMap((c) => (c.id && c.size ? [[c.id, c.size]] : [])));
}

/**
 * The widths of a plain HTML table whose rows are drawn by the page (useTableWindow): a TanStack
 * table with no rows, used only for its column sizing and resizing. `columns` must be declared at
 * module scope.
 */
export function useSizedColumns(tableId: TableId, columns: ReadonlyArray<SizedColumn>) {
  let defs = defsCache.get(columns);
  if (!defs) defsCache.set(columns, (defs = toDefs(columns)));
  const sizing = useColumnSizing(tableId, defs.defaults);
  const table = useTable(
    {
      features: sizingFeatures,
      columns: defs.columns,
      data: NO_ROWS,
      columnResizeMode: 'onEnd',
      state: { columnSizing: sizing.columnSizing },
      onColumnSizingChange: sizing.onColumnSizingChange,
    },
    (s) => ({ columnSizing: s.columnSizing }),
  );
  const headers = table.getFlatHeaders();
  /** The `<th>` of column `index`: its width (the last column takes what is left) and its handle. */
  const th = (index: number, label: string) => {
    const header = headers[index]!;
    const last = index === headers.length - 1;
    return {
      style: last ? undefined : ({ width: header.getSize() } satisfies CSSProperties),
      handle: last ? null : (
        <ColumnResizer header={header} setSizing={table.setColumnSizing} label={label}>
          <table.Subscribe selector={(st) => (st.columnResizing.isResizingColumn === header.column.id ? st.columnResizing.deltaOffset : null)}>
            {(delta) => <ResizeGuide delta={delta} />}
          </table.Subscribe>
        </ColumnResizer>
      ),
    };
  };
  /** The table's least width: the sum of the widths, the last column's included (narrower windows scroll sideways). */
  const minWidth = table.getTotalSize();
  return { th, minWidth, resized: sizing.resized, reset: sizing.reset };
}

/** What the handle needs of a TanStack header (structural, so that tables of any feature set share it). */
export type ResizableHeader = {
  column: { id: string; getSize: () => number; resetSize: () => void };
  getResizeHandler: () => (event: unknown) => void;
};

/** The guide line that follows the mouse while a column is dragged (`onEnd` mode: the width is set on release). */
export function ResizeGuide({ delta }: { delta: number | null }) {
  return delta !== null ? <span className="col-resizer-guide" style={{ transform: `translateX(${delta}px)` }} /> : null;
}

/**
 * The handle at the right edge of a header cell: a focusable vertical separator whose value is the
 * column's width, dragged with the mouse or moved with the arrow keys; `children` is its guide.
 */
export function ColumnResizer(props: {
  header: ResizableHeader;
  setSizing: (updater: Updater<ColumnSizingState>) => void;
  label: string;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { header, label, setSizing } = props;
  const column = header.column;
  const size = Math.round(column.getSize());
  const start = header.getResizeHandler();
  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.shiftKey ? KEY_STEP_LARGE : KEY_STEP;
    if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
      e.preventDefault();
      setSizing((old) => ({ ...old, [column.id]: clamp(size + (e.key === 'ArrowRight' ? step : -step)) }));
    } else if (e.key === 'Home' || e.key === 'Delete') {
      e.preventDefault();
      column.resetSize();
    }
  };
  return (
    <div
      role="separator"
      aria-orientation="vertical"
      aria-label={t('table.resizeColumn', { column: label })}
      aria-valuenow={size}
      aria-valuemin={MIN_COLUMN_WIDTH}
      aria-valuemax={MAX_COLUMN_WIDTH}
      title={t('table.resizeHint')}
      tabIndex={0}
      className="col-resizer"
      data-column={column.id}
      onMouseDown={(e) => {
        e.preventDefault();
        start(e);
      }}
      onTouchStart={start}
      onClick={(e) => e.stopPropagation()}
      onDoubleClick={() => column.resetSize()}
      onKeyDown={onKeyDown}
    >
      {props.children}
    </div>
  );
}

/** The header row of a plain table sized by useSizedColumns: one label per column, in order. */
export function SizedHeadRow({ sized, labels }: { sized: ReturnType<typeof useSizedColumns>; labels: ReadonlyArray<string> }) {
  return (
    <tr>
      {labels.map((label, i) => {
        const c = sized.th(i, label);
        return (
          <th key={i} style={c.style} scope="col">
            {label}
            {c.handle}
          </th>
        );
      })}
    </tr>
  );
}

/** "Default column widths": shown once the user has changed a width of this table. */
export function ResetWidthsButton({ sized }: { sized: { resized: boolean; reset: () => void } }) {
  const { t } = useTranslation();
  return sized.resized ? (
    <button type="button" className="button" onClick={sized.reset}>
      {t('table.resetWidths')}
    </button>
  ) : null;
}
