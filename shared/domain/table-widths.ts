import { z } from 'zod';

/**
 * The tables whose column widths the user can drag (issue 16, "Tables"). The widths are a
 * preference of whoever uses this register, kept like the UI language in the register's own
 * `setting` table (key `ui.columnWidths`), so that they come back after a restart in the desktop
 * app and in the web harness alike; nothing goes to localStorage (style.md §9.4).
 */
export const TABLE_IDS = ['register.controller', 'register.processor', 'suppliers', 'transfers', 'breaches', 'trash'] as const;
export type TableId = (typeof TABLE_IDS)[number];

export const MIN_COLUMN_WIDTH = 48;
export const MAX_COLUMN_WIDTH = 1200;

/** One table's widths, in pixels, by column id; an empty object means "the default widths". */
export const ColumnWidthsSchema = z.record(
  z.string().regex(/^[A-Za-z][\w-]{0,39}$/),
  z.number().int().min(MIN_COLUMN_WIDTH).max(MAX_COLUMN_WIDTH),
);
export type ColumnWidths = z.infer<typeof ColumnWidthsSchema>;

export type AllColumnWidths = Readonly<Partial<Record<TableId, ColumnWidths>>>;

/** Reads what the setting holds; anything unreadable (a hand-edited or older value) is ignored, table by table. */
export function parseAllColumnWidths(raw: string | undefined): AllColumnWidths {
  if (!raw) return {};
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return {};
  }
  if (!data || typeof data !== 'object') return {};
  const out: Partial<Record<TableId, ColumnWidths>> = {};
  for (const id of TABLE_IDS) {
    const parsed = ColumnWidthsSchema.safeParse((data as Record<string, unknown>)[id]);
    if (parsed.success && Object.keys(parsed.data).length > 0) out[id] = parsed.data;
  }
  return out;
}
