import type { RegisterProblem } from '../../shared/contract';
import type { Language } from '../../shared/domain/enums';
import { AppError } from '../../shared/errors';
import { translate } from '../../shared/i18n';
import { coreWithoutRegister, openCore, type Core, type CoreOptions } from './core';
import { fileErrorCode } from './file-errors';
import type { Logger } from './log-file';

/**
 * What the desktop app does at start-up and when something escapes, in plain Node so that it
 * is tested without Electron (test/unit/startup.test.ts); electron/main/index.ts only wires it.
 */

/**
 * Opens the register for the app. The tolerant open turns every problem of the file into an
 * error screen; anything that still throws (the data folder cannot be created, the SQLite module
 * does not load) gives a core with no register, on the same error screen: the app always opens
 * a window, never stays an invisible process.
 */
export function openForApp(dbPath: string, options: CoreOptions, log: Logger): Core {
  try {
    return openCore(dbPath, { deferQuickCheck: true, ...options, tolerant: true, log: options.log ?? log });
  } catch (err) {
    log.error('[startup] the register could not be opened', err);
    const kind = err instanceof AppError ? err.code : fileErrorCode(err);
    const code: RegisterProblem['code'] =
      kind === 'damaged' || kind === 'newer_version' || kind === 'file_missing' || kind === 'read_only' || kind === 'busy' ? kind : 'internal';
    return coreWithoutRegister(dbPath, { code, detail: err instanceof Error ? err.message : String(err), browsable: false }, options);
  }
}

export type CrashSink = Readonly<{
  log: Logger;
  /** Shows the message to the user (a native dialog on the desktop). */
  show: (title: string, message: string) => void;
  language: () => Language;
}>;

/** The text of the last-resort dialog, in the user's language. */
export function crashText(language: Language, err: unknown, logFile: string | null): { title: string; message: string } {
  const detail = err instanceof Error ? err.message : String(err);
  return {
    title: translate(language, 'startup.crashTitle'),
    message: translate(language, logFile ? 'startup.crashWithLog' : 'startup.crash', { detail, log: logFile ?? '' }),
  };
}

/**
 * Handlers for what escapes every other path (a rejected promise nobody awaited, an exception
 * in a callback): logged in full, then shown in the user's language. The process goes on: the
 * register's writes are transactions, so a failed one left nothing half written.
 */
export function installCrashHandlers(proc: Pick<NodeJS.Process, 'on'>, sink: CrashSink & { logFile: string | null }): void {
  const report = (kind: string) => (err: unknown) => {
    sink.log.error(`[main] ${kind}`, err);
    try {
      const { title, message } = crashText(sink.language(), err, sink.logFile);
      sink.show(title, message);
    } catch (showErr) {
      sink.log.error('[main] could not show the error', showErr);
    }
  };
  proc.on('unhandledRejection', report('unhandled rejection'));
  proc.on('uncaughtException', report('uncaught exception'));
}
