/**
 * Helpers of the reliability suite: start the CLI or the web harness as a child process, kill it
 * with SIGKILL at a random point, and check what is left on disk.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { openArchive } from '../../electron/core/files/backup-archive';
import { isTempName } from '../../electron/core/files/atomic';

export const root = path.resolve(import.meta.dirname, '../..');

/**
 * The CLI and the harness child bundled once with esbuild (node_modules left external): the same
 * code as `npm run cli` / `npm run web`, started in a fraction of tsx's time, so that the long
 * run can afford hundreds of kills.
 */
let bundles: Promise<Record<'cli' | 'harness', string>> | null = null;
export function bundle(): Promise<Record<'cli' | 'harness', string>> {
  bundles ??= (async () => {
    const { build } = await import('esbuild');
    const outdir = path.join(root, 'test-results/reliability-bin', String(process.pid)); // one per run: a second run does not rewrite the first one's files
    await build({
      entryPoints: { cli: 'electron/cli/index.ts', harness: 'test/reliability/harness-child.ts' },
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node22',
      packages: 'external',
      outdir,
      outExtension: { '.js': '.mjs' },
      logLevel: 'silent',
    });
    // The yearly export runs in a worker thread: its script beside the CLI, as in the desktop app (export-job.ts).
    await build({
      entryPoints: { 'export-worker': 'electron/core/export/export-worker.ts' },
      absWorkingDir: root,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['better-sqlite3', 'exceljs'],
      outdir,
      outExtension: { '.js': '.cjs' },
      logLevel: 'silent',
    });
    return { cli: path.join(outdir, 'cli.mjs'), harness: path.join(outdir, 'harness.mjs') };
  })();
  return bundles;
}
let built: Record<'cli' | 'harness', string> | null = null;
export async function prepare(): Promise<void> {
  built = await bundle();
}
export function disposeBundles(): void {
  if (built) rmSync(path.dirname(built.cli), { recursive: true, force: true });
}

export type Child = { proc: ChildProcess; exited: Promise<number | null>; killed: () => boolean };

export function spawnBundle(which: 'cli' | 'harness', args: ReadonlyArray<string>, env: Record<string, string> = {}): Child {
  if (!built) throw new Error('call prepare() first');
  const proc = spawn(process.execPath, [built[which], ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let wasKilled = false;
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const origKill = proc.kill.bind(proc);
  proc.kill = (sig?: NodeJS.Signals | number) => {
    if (proc.exitCode === null && proc.signalCode === null) wasKilled = true;
    return origKill(sig);
  };
  return { proc, exited, killed: () => wasKilled };
}

export function cli(args: ReadonlyArray<string>, env: Record<string, string> = {}): Child {
  return spawnBundle('cli', args, env);
}

export function output(child: Child): { text: () => string } {
  let text = '';
  child.proc.stdout!.on('data', (c: Buffer) => (text += c.toString()));
  child.proc.stderr!.on('data', (c: Buffer) => (text += c.toString()));
  return { text: () => text };
}

export type Api = { url: string; token: string; child: Child; call: (channel: string, args: unknown) => Promise<{ ok: boolean; value?: any; error?: any }> };

export async function startHarnessChild(dbPath: string): Promise<Api> {
  const child = spawnBundle('harness', [dbPath]);
  let out = '';
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    child.proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line));
    });
    child.proc.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    void child.exited.then((code) => reject(new Error(`harness exited ${code}: ${out}`)));
  });
  const call = async (channel: string, args: unknown) => {
    const res = await fetch(`${ready.url}api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-dpo-token': ready.token }, body: JSON.stringify(args) });
    return (await res.json()) as { ok: boolean; value?: any; error?: any };
  };
  return { ...ready, child, call };
}

export const rand = (min: number, max: number) => min + Math.random() * (max - min);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Kills `child` at a random point: either uniformly within `windowMs`, or (half the trials, when
 * `watchDir` is given) a few milliseconds after a file matching `pattern` appears there, which
 * lands the kill inside the write being tested rather than in the process's start-up.
 */
export async function killAtRandom(child: Child, windowMs: number, watchDir?: string, pattern?: RegExp): Promise<'killed' | 'finished'> {
  const targeted = watchDir !== undefined && pattern !== undefined && Math.random() < 0.5;
  if (!targeted) {
    await Promise.race([sleep(rand(0, windowMs)), child.exited]);
  } else {
    const watcher = watch(watchDir!, (_e, name) => {
      if (name && pattern!.test(String(name))) trigger();
    });
    let trigger: () => void = () => {};
    const seen = new Promise<void>((resolve) => (trigger = resolve));
    await Promise.race([seen.then(() => sleep(rand(0, 15))), child.exited, sleep(windowMs * 3)]);
    watcher.close();
  }
  child.proc.kill('SIGKILL');
  await child.exited;
  return child.killed() ? 'killed' : 'finished';
}

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Files under a final name (not our temporary files). */
export function finalFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => !isTempName(f)) : [];
}

export function tempFiles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((f) => isTempName(f)) : [];
}

/** A SQLite file that opens and passes the full integrity check; returns its schema version. */
export function soundDatabase(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const ok = db.pragma('integrity_check', { simple: true });
    if (ok !== 'ok') throw new Error(`${file}: integrity_check ${String(ok)}`);
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

/** A backup under its final name is complete: it matches its manifest and its register is sound. */
export function soundBackup(file: string, tmpDir: string, passphrase?: string): void {
  if (file.endsWith('.sqlite')) {
    soundDatabase(file);
    return;
  }
  const archive = openArchive(readFileSync(file), passphrase);
  const copy = path.join(tmpDir, `check-${Math.random().toString(16).slice(2)}.sqlite`);
  writeFileSync(copy, archive.db);
  soundDatabase(copy);
  rmSync(copy, { force: true });
}

/** A .docx under its final name is a whole zip with its document part. */
export function soundDocx(file: string): void {
  const entries = unzipSync(readFileSync(file));
  if (!entries['word/document.xml']) throw new Error(`${file}: no word/document.xml`);
}
