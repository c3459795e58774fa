import { create } from 'zustand';
import type { AllColumnWidths, ColumnWidths, TableId } from '../../../shared/domain/table-widths';
import { call } from '../lib/api';

/**
 * The column widths the user dragged, table by table (issue 16). Read once per register file from
 * the core (`ui:columnWidths`, the register's `setting` table, beside the UI language); written
 * back a moment after the last change, so that arrow keys held down on a handle make one write.
 * A read-only register keeps the widths for the session only (its write is refused, silently: a
 * width is not worth an error message).
 */
type WidthsState = {
  /** The register file whose widths are loaded ('' before the first load). */
  file: string;
  byTable: AllColumnWidths;
  load: (file: string) => Promise<void>;
  set: (table: TableId, widths: ColumnWidths) => void;
};

const SAVE_DELAY_MS = 400;
const pending = new Map<TableId, ReturnType<typeof setTimeout>>();

export const useColumnWidths = create<WidthsState>()((set, get) => ({
  file: '',
  byTable: {},
  load: async (file) => {
    if (get().file === file) return;
    set({ file, byTable: {} });
    const byTable = await call('ui:columnWidths', {}).catch(() => ({}));
    if (get().file === file) set({ byTable });
  },
  set: (table, widths) => {
    set({ byTable: { ...get().byTable, [table]: widths } });
    clearTimeout(pending.get(table));
    pending.set(
      table,
      setTimeout(() => {
        pending.delete(table);
        call('ui:saveColumnWidths', { table, widths }).catch(() => {});
      }, SAVE_DELAY_MS),
    );
  },
}));
