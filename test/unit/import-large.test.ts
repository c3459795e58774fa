import { describe, expect, it } from 'vitest';
import { measureRead } from '../bench/import-read-bench';
import { bigCsv, bigOds, bigXlsx, HEADER, registerRow } from '../import-files';
import { cellText } from '../../electron/core/import/read';

/**
 * A 50,000-row register streams through the readers with bounded memory: the heap above the
 * baseline, sampled every 1,000 rows, stays far below what holding the rows would take (50,000
 * rows of 8 cells are well over 100 MB as objects). Figures, not times: no assertion on duration.
 */
const ROWS = 50_000;
const BOUND_MB = 120;

// The clock plays no part here: not repeated in the run two years ahead (it takes a minute on a loaded machine).
describe('a 50,000-row file', () => {
  it.each([
    ['registre.csv', async () => bigCsv(ROWS)],
    ['registre.ods', async () => bigOds(ROWS)],
    ['registre.xlsx', async () => bigXlsx(ROWS)],
  ])('%s streams every row with bounded memory', async (name, make) => {
    const bytes = await make();
    const seen: string[][] = [];
    const figure = await measureRead(bytes, name, (row) => {
      if (row.index === 0 || row.index === ROWS) seen.push(row.cells.map(cellText));
    });
    console.log(JSON.stringify(figure));
    expect(figure.rows).toBe(ROWS + 1);
    expect(figure.heapPeakMB).toBeLessThan(BOUND_MB);
    // The first and last rows are read whole.
    expect(seen[0]).toEqual(HEADER);
    expect(seen[1]!.slice(0, 7)).toEqual(registerRow(ROWS).slice(0, 7));
    expect(seen[1]![7]).toBe('2024-01-15');
  }, 600_000);
});
