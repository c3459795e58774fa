import { afterEach, describe, expect, it } from 'vitest';
import { setSetting } from '../../electron/core/db/repos/settings.repo';
import path from 'node:path';
import { closeCore, openCore } from '../../electron/core/core';
import { call, callResult, fakeClock, testCore } from '../helpers';

describe('column widths (issue 16: resizable columns remembered per table)', () => {
  const t = testCore();
  afterEach(async () => {
    await call(t.core, 'ui:saveColumnWidths', { table: 'suppliers', widths: {} });
    await call(t.core, 'ui:saveColumnWidths', { table: 'register.controller', widths: {} });
  });

  it('a new register has no widths: every table shows its defaults', async () => {
    expect(await call(t.core, 'ui:columnWidths', {})).toEqual({});
  });

  it('keeps each table’s widths apart, and an empty set restores the defaults of that table only', async () => {
    await call(t.core, 'ui:saveColumnWidths', { table: 'register.controller', widths: { name: 320, purpose: 200 } });
    const after = await call(t.core, 'ui:saveColumnWidths', { table: 'suppliers', widths: { name: 260 } });
    expect(after).toEqual({ 'register.controller': { name: 320, purpose: 200 }, suppliers: { name: 260 } });
    expect(await call(t.core, 'ui:saveColumnWidths', { table: 'register.controller', widths: {} })).toEqual({ suppliers: { name: 260 } });
    expect(await call(t.core, 'ui:columnWidths', {})).toEqual({ suppliers: { name: 260 } });
  });

  it('refuses an unknown table, a width out of bounds or a fractional width, and writes nothing', async () => {
    await expect(call(t.core, 'ui:saveColumnWidths', { table: 'nowhere', widths: { name: 100 } })).rejects.toThrow();
    await expect(call(t.core, 'ui:saveColumnWidths', { table: 'suppliers', widths: { name: 5 } })).rejects.toThrow();
    await expect(call(t.core, 'ui:saveColumnWidths', { table: 'suppliers', widths: { name: 99999 } })).rejects.toThrow();
    await expect(call(t.core, 'ui:saveColumnWidths', { table: 'suppliers', widths: { name: 120.5 } })).rejects.toThrow();
    expect(await call(t.core, 'ui:columnWidths', {})).toEqual({});
  });

  it('ignores a damaged setting instead of failing the page', async () => {
    setSetting(t.core.db, 'ui.columnWidths', '{not json');
    expect(await call(t.core, 'ui:columnWidths', {})).toEqual({});
    setSetting(t.core.db, 'ui.columnWidths', JSON.stringify({ suppliers: { name: 'wide' }, transfers: { title: 300 } }));
    expect(await call(t.core, 'ui:columnWidths', {})).toEqual({ transfers: { title: 300 } });
    setSetting(t.core.db, 'ui.columnWidths', '{}');
  });

  it('a read-only register gives its widths but keeps a change for the session only (the write is refused)', async () => {
    const file = path.join(t.dir, 'readonly.sqlite');
    const w = openCore(file, { actor: 'tester', now: fakeClock() });
    await call(w, 'ui:saveColumnWidths', { table: 'breaches', widths: { title: 300 } });
    closeCore(w);
    const ro = openCore(file, { actor: 'tester', now: fakeClock(), readonly: true });
    try {
      expect(await call(ro, 'ui:columnWidths', {})).toEqual({ breaches: { title: 300 } });
      expect(await callResult(ro, 'ui:saveColumnWidths', { table: 'breaches', widths: {} })).toMatchObject({ ok: false, error: { code: 'read_only' } });
    } finally {
      closeCore(ro);
    }
  });
});
