import { parseAllColumnWidths, type AllColumnWidths, type ColumnWidths, type TableId } from '../../../shared/domain/table-widths';
import { getSetting, setSetting } from '../db/repos/settings.repo';
import { tx, type Core } from '../core';

/**
 * The user's column widths, table by table (issue 16). A display preference like the UI language
 * (`ui.language`, app.service.ts): kept in the `setting` table, not audited (it changes no record).
 */
const KEY = 'ui.columnWidths';

export function getColumnWidths(core: Core): AllColumnWidths {
  return parseAllColumnWidths(getSetting(core.db, KEY));
}

/** Replaces one table's widths; an empty object brings the table back to its default widths. */
export function saveColumnWidths(core: Core, table: TableId, widths: ColumnWidths): AllColumnWidths {
  return tx(core, () => {
    const all: Record<string, ColumnWidths> = { ...getColumnWidths(core) };
    if (Object.keys(widths).length === 0) delete all[table];
    else all[table] = widths;
    setSetting(core.db, KEY, JSON.stringify(all));
    return getColumnWidths(core);
  });
}
