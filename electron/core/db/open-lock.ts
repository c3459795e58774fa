import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * "This register is open in DPO Desk": one small file per app process next to the database,
 * `<file>.<pid>.open` holding JSON { pid, host, app, startedAt }. The desktop app and the web
 * harness write theirs when they open the register and remove it when they close it. The CLI
 * refuses to write while one of them is live, unless told to wait (--wait).
 *
 * Why files and not SQLite's own locks: SQLite holds a lock only for the length of a
 * transaction, so it cannot tell that an app has the register open between two writes; and an
 * exclusive locking mode would stop the CLI's reads and backups, which are safe while the app
 * runs. One file per process (rather than one shared lock file) lets two app windows on the
 * same register each say so without one removing the other's mark.
 *
 * A mark left by a crash (kill -9, power loss) is stale: its process is gone. On the same
 * computer that is checked (signal 0 to the pid); a mark written from another computer (a
 * register on a shared folder) cannot be checked and counts as live: the message names the
 * file so that it can be deleted by hand.
 */
export type OpenMark = Readonly<{ pid: number; host: string; app: 'desktop' | 'web'; startedAt: string; file: string }>;

const SUFFIX = '.open';

function markPrefix(dbPath: string): string {
  return `${path.basename(dbPath)}.`;
}

export function markFileFor(dbPath: string, pid: number = process.pid): string {
  return `${path.resolve(dbPath)}.${pid}${SUFFIX}`;
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readMark(file: string): OpenMark | null {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<OpenMark>;
    if (typeof raw.pid !== 'number' || typeof raw.host !== 'string') return null;
    return { pid: raw.pid, host: raw.host, app: raw.app === 'desktop' ? 'desktop' : 'web', startedAt: String(raw.startedAt ?? ''), file };
  } catch {
    return null;
  }
}

/**
 * The live marks of other processes on this register. Stale marks (their process gone) are
 * removed on the way, when the folder allows it.
 */
export function liveOpenMarks(dbPath: string, self: number = process.pid): OpenMark[] {
  const dir = path.dirname(path.resolve(dbPath));
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const prefix = markPrefix(dbPath);
  const host = os.hostname();
  const live: OpenMark[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith(SUFFIX) || !/^\d+$/.test(name.slice(prefix.length, -SUFFIX.length))) continue;
    const file = path.join(dir, name);
    const mark = readMark(file);
    if (!mark || mark.pid === self && mark.host === host) continue;
    if (mark.host === host && !processAlive(mark.pid)) {
      rmSync(file, { force: true });
      continue;
    }
    live.push(mark);
  }
  return live;
}

/**
 * Marks the register as open by this process; returns the function that removes the mark.
 * A folder where the mark cannot be written (read-only) gets none: nothing can be written
 * there by the app either, so there is nothing for the CLI to wait for.
 */
export function markOpen(dbPath: string, app: OpenMark['app'], startedAt: Date): () => void {
  const file = markFileFor(dbPath);
  try {
    writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), app, startedAt: startedAt.toISOString() }));
  } catch {
    return () => {};
  }
  return () => rmSync(file, { force: true });
}

/**
 * Resolves once no other live process has the register open, checking every `pollMs`; calls
 * `onWait` once with the marks found first. Rejects when `signal` is aborted.
 */
export async function waitUntilClosed(
  dbPath: string,
  options: Readonly<{ pollMs?: number; signal?: AbortSignal; onWait?: (marks: ReadonlyArray<OpenMark>) => void }> = {},
): Promise<void> {
  let told = false;
  for (;;) {
    const marks = liveOpenMarks(dbPath);
    if (marks.length === 0) return;
    if (!told) options.onWait?.(marks);
    told = true;
    if (options.signal?.aborted) throw new Error('aborted');
    await new Promise<void>((resolve) => setTimeout(resolve, options.pollMs ?? 500));
  }
}
