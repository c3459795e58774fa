import { test as base, expect, type Page } from '@playwright/test';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

export type HarnessHandle = { url: string; dbPath: string; dir: string };

/**
 * Starts `npm run web`'s server on a free port with a fresh database; `demo` fills it first with
 * the CLI, `before` may then change the file (damage it…), `args` are added to the server's.
 */
export async function startHarness(
  options: { demo?: boolean; before?: (dbPath: string, dir: string) => void; args?: ReadonlyArray<string>; /** A large register starts slower (issue 15's export test). */ startTimeoutMs?: number } = {},
): Promise<HarnessHandle & { stop: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dpo-e2e-'));
  const dbPath = path.join(dir, 'register.sqlite');
  if (options.demo) {
    const r = spawnSync(tsx, ['electron/cli/index.ts', 'demo', '--db', dbPath], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`demo failed: ${r.stderr}`);
  }
  options.before?.(dbPath, dir);
  const child: ChildProcess = spawn(tsx, ['electron/web/server.ts', '--port', '0', '--db', dbPath, ...(options.args ?? [])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`harness did not start: ${output}`)), options.startTimeoutMs ?? 30_000);
    child.stdout!.on('data', (c: Buffer) => {
      output += c.toString();
      const m = /web harness on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.on('exit', (code) => reject(new Error(`harness exited ${code}: ${output}`)));
  });
  return {
    url,
    dbPath,
    dir,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Fixtures = { harness: HarnessHandle; demoHarness: HarnessHandle; app: Page };

export const test = base.extend<Fixtures>({
  harness: async ({}, use) => {
    const h = await startHarness();
    await use(h);
    await h.stop();
  },
  demoHarness: async ({}, use) => {
    const h = await startHarness({ demo: true });
    await use(h);
    await h.stop();
  },
  /** Fails the test on any request leaving the machine or any uncaught page error. */
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['127.0.0.1', 'localhost'].includes(u.hostname) && u.protocol !== 'data:') problems.push(`remote request: ${r.url()}`);
    });
    await use(page);
    expect(problems).toEqual([]);
  },
  app: async ({ page }, use) => use(page),
});

export { expect };

export const SHOTS = path.join(root, 'test-results/screens');

/**
 * A date as a user types it in a date field (issue 16: dd/mm/yyyy, and hh:mm for a time, in both
 * languages whatever the browser's locale): "2026-11-24" → "24/11/2026", "2026-11-24T09:05" → "24/11/2026 09:05".
 */
export function typed(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?$/.exec(iso);
  if (!m) throw new Error(`not an ISO date: ${iso}`);
  return `${m[3]}/${m[2]}/${m[1]}${m[4] ? ` ${m[4]}` : ''}`;
}

/** What a date field shows: dd/mm/yyyy, and dd/mm/yyyy hh:mm for a date and time. */
export const SHOWN_DATE = /^\d{2}\/\d{2}\/\d{4}$/;
export const SHOWN_DATE_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

/** One contract call from the page, as the app makes it (the harness's token is in the page). */
export async function api<T>(page: Page, channel: string, args: unknown): Promise<T> {
  const r = await page.evaluate(
    async ([ch, a]) => {
      const token = document.querySelector<HTMLMetaElement>('meta[name="dpo-api-token"]')?.content ?? '';
      const res = await fetch(`./api/${encodeURIComponent(ch as string)}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-DPO-Token': token }, body: JSON.stringify(a) });
      return res.json();
    },
    [channel, args] as const,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as T;
}
