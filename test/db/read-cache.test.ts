import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import { cachedRead } from '../../electron/core/services/read-cache';
import { call, fullControllerDoc, testCore } from '../helpers';

/** Issue 15: the dashboard and "This week" are kept while the register does not change, and only then. */
let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = testCore()));
afterAll(() => cleanup());

describe('cachedRead', () => {
  it('computes again after a write of this connection, after a commit of another connection, and for other arguments; not otherwise', async () => {
    let runs = 0;
    const read = (args = 'a') => cachedRead(core, 'test', args, () => ++runs);
    expect(read()).toBe(1);
    expect(read()).toBe(1);
    expect(read('b')).toBe(2);
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ ref: 'T-801' }) });
    expect(read('b')).toBe(3);
    expect(read('b')).toBe(3);
    const other = new Database(core.dbPath);
    other.prepare("UPDATE setting SET value = value WHERE key = 'none'").run();
    other.exec("CREATE TABLE IF NOT EXISTS t_other (x); INSERT INTO t_other VALUES (1)");
    other.close();
    expect(read('b')).toBe(4);
  });

  it('the dashboard answers the same as long as nothing changes, and a saved record shows at once', async () => {
    const before = await call(core, 'dashboard:get', {});
    expect(await call(core, 'dashboard:get', {})).toBe(before); // the same answer, not computed again
    const week = await call(core, 'obligations:week', {});
    await call(core, 'register:create', { kind: 'controller', doc: { ...fullControllerDoc({ ref: 'T-802' }), status: 'draft', purposes: [] } });
    const after = await call(core, 'dashboard:get', {});
    expect(after.incomplete.total).toBe(before.incomplete.total + 1);
    expect(await call(core, 'obligations:week', {})).not.toBe(week);
  });
});
