import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { clockFrom, parseNow } from '../../electron/core/clock';
import { runCli } from '../../electron/cli/index';
import { closeCore, openCore } from '../../electron/core/core';
import { startHarness } from '../../electron/web/server';
import { call, fullControllerDoc, tempDir } from '../helpers';

const cleanups: Array<() => void | Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('the core clock', () => {
  it('reads --now as a date or a date-time, and refuses anything else', () => {
    expect(parseNow('2026-11-24')?.toISOString()).toBe('2026-11-24T12:00:00.000Z');
    expect(parseNow('2026-11-24T09:30:00Z')?.toISOString()).toBe('2026-11-24T09:30:00.000Z');
    expect(parseNow('2026-02-30')).toBeNull();
    expect(parseNow('tomorrow')).toBeNull();
  });

  it('starts a clock at the given time and lets it run with real time', () => {
    let real = Date.parse('2030-01-01T00:00:00Z');
    const clock = clockFrom(new Date('2026-11-24T09:00:00Z'), () => new Date(real));
    expect(clock().toISOString()).toBe('2026-11-24T09:00:00.000Z');
    real += 90_000;
    expect(clock().toISOString()).toBe('2026-11-24T09:01:30.000Z');
  });

  it('gives the CLI and the web harness the clock they are started with', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const db = path.join(dir, 'r.sqlite');
    const out: string[] = [];
    expect(await runCli(['demo', '--db', db, '--now', '2027-03-01T08:00:00Z'], { out: (s) => out.push(s), err: (s) => out.push(s) })).toBe(0);
    const core = openCore(db);
    const created = core.db.prepare('SELECT MIN(at) AS first, MAX(at) AS last FROM audit_log').get() as { first: string; last: string };
    closeCore(core);
    // The demo was written on the day given (after its fixed 2026 incidents), whatever day the test runs.
    expect(created.first.slice(0, 10)).toBe('2027-03-01');
    expect(created.last.slice(0, 10)).toBe('2027-03-01');
    expect((await runCli(['check', '--db', db, '--now', 'soon'], { out: () => {}, err: (s) => out.push(s) }))).toBe(2);
    expect(out.at(-1)).toMatch(/--now must be a date/);

    const renderer = path.join(dir, 'renderer');
    mkdirSync(renderer);
    writeFileSync(path.join(renderer, 'index.html'), '<html><head></head><body>app</body></html>');
    const harness = await startHarness({ port: 0, dbPath: path.join(dir, 'h.sqlite'), rendererDir: renderer, now: () => new Date('2024-06-01T10:00:00Z'), log: { log() {}, warn() {}, error() {} } });
    cleanups.push(() => harness.close());
    expect(harness.core.now().toISOString()).toBe('2024-06-01T10:00:00.000Z');
  });

  it('gives the screens the core clock: app:info tells its time, the dashboard counts overdue reviews on its day', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    let now = new Date('2027-05-01T08:00:00Z');
    const core = openCore(path.join(dir, 'r.sqlite'), { actor: 'tester', now: () => now });
    cleanups.push(() => closeCore(core));
    expect((await call(core, 'app:info', {})).now).toBe('2027-05-01T08:00:00.000Z');
    await call(core, 'register:create', { kind: 'controller', doc: fullControllerDoc({ nextReview: '2027-06-30' }) });
    expect((await call(core, 'dashboard:get', {})).reviewsOverdue.items).toEqual([]);
    now = new Date('2027-07-01T08:00:00Z');
    expect((await call(core, 'dashboard:get', {})).reviewsOverdue.items.map((r) => r.nextReview)).toEqual(['2027-06-30']);
  });

  it('runs this suite on the day DPO_TEST_NOW asks for (npm run test:later: two years ahead)', () => {
    // The file system stamps files with the real time; the test set-up only moves the global Date.
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const file = path.join(dir, 'stamp');
    writeFileSync(file, 'x');
    const days = Math.round((Date.now() - statSync(file).mtimeMs) / 86_400_000);
    expect(days).toBe(process.env.DPO_TEST_NOW === '+730d' ? 730 : process.env.DPO_TEST_NOW ? days : 0);
  });
});
