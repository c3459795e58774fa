import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { inspect } from 'node:util';
import type { Clock } from './clock';

export type Logger = Pick<Console, 'error' | 'warn'>;

export type RotatingLogOptions = Readonly<{
  /** Size at which the current file is rotated (bytes). */
  maxBytes?: number;
  /** How many files are kept in all: the current one and keep - 1 older ones (name.1 … name.N-1). */
  keep?: number;
  now: Clock;
  /** Also written to (the console of the harness, the CLI's stderr); nothing by default. */
  echo?: Logger;
}>;

export const LOG_FILE_NAME = 'dpo-desk.log';

/** Where the log goes: a `logs` folder in the app's data folder. */
export function logFileIn(dataDir: string): string {
  return path.join(dataDir, 'logs', LOG_FILE_NAME);
}

function rotate(file: string, keep: number): void {
  rmSync(`${file}.${keep - 1}`, { force: true });
  for (let i = keep - 2; i >= 1; i--) if (existsSync(`${file}.${i}`)) renameSync(`${file}.${i}`, `${file}.${i + 1}`);
  renameSync(file, `${file}.1`);
}

/**
 * A size-capped log of what went really wrong (the errors that reach the user as "internal"):
 * at most `keep` files of about `maxBytes`, so it can never fill the disk. Writing the log never
 * throws: a log that cannot be written (full disk, read-only folder) is reported on `echo` only.
 */
export function rotatingLog(file: string, options: RotatingLogOptions): Logger & { readonly file: string } {
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const keep = Math.max(1, options.keep ?? 5);
  const write = (level: string, args: ReadonlyArray<unknown>) => {
    const text = args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 4, breakLength: Infinity }))).join(' ');
    const line = `${options.now().toISOString()} ${level} ${text}\n`;
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      if (existsSync(file) && statSync(file).size + Buffer.byteLength(line) > maxBytes) {
        if (keep > 1) rotate(file, keep);
        else rmSync(file, { force: true });
      }
      appendFileSync(file, line);
    } catch (err) {
      options.echo?.warn(`[log] cannot write ${file}: ${(err as Error).message}`);
    }
  };
  return {
    file,
    error: (...args: unknown[]) => {
      options.echo?.error(...args);
      write('ERROR', args);
    },
    warn: (...args: unknown[]) => {
      options.echo?.warn(...args);
      write('WARN', args);
    },
  };
}
