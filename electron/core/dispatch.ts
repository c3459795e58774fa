import { READ_CHANNELS, RECOVERY_CHANNELS } from '../../shared/channels';
import { contract, type Channel, type Results } from '../../shared/contract';
import { AppError, type AppErrorData, type Result } from '../../shared/errors';
import type { Core } from './core';
import { asFileError } from './file-errors';
import { handlers } from './handlers';
import type { Logger } from './log-file';

export type { Logger };

/**
 * How many times a write refused with SQLITE_BUSY is run again. Each attempt has already waited
 * the busy timeout inside SQLite (connection.ts); a BUSY that comes at once (a read transaction
 * that cannot become a write in WAL mode, SQLITE_BUSY_SNAPSHOT) skips that wait, so retrying is
 * what lets it through. Safe because a handler's writes are one transaction, rolled back whole.
 */
export const BUSY_RETRIES = 2;

/** What answers while a job holds the connection (core.holding): its progress and its Cancel. */
const WHILE_HELD: ReadonlySet<Channel> = new Set<Channel>(['job:get', 'job:cancel']);

const isChannel = (name: string): name is Channel => Object.prototype.hasOwnProperty.call(contract, name);

/** Why a channel may not run on this register now, or null. */
function refusal(core: Core, channel: Channel): AppErrorData | null {
  const { readOnly, problem } = core.health;
  if (problem && !problem.browsable && !RECOVERY_CHANNELS.has(channel)) {
    const code = problem.code === 'internal' ? 'damaged' : problem.code;
    return { code, message: `The register cannot be opened (${problem.code}): ${problem.detail}` };
  }
  if (readOnly && !READ_CHANNELS.has(channel) && !RECOVERY_CHANNELS.has(channel)) {
    return readOnly === 'damaged'
      ? { code: 'damaged', message: 'The register file is damaged: it is open read-only, nothing can be written to it.' }
      : { code: 'read_only', message: `The register is open read-only (${readOnly}): nothing can be written to it.` };
  }
  return null;
}

/**
 * The single entry from any transport (Electron IPC, the web harness's HTTP route, tests):
 * checks the channel, validates the arguments with the contract's schema, refuses writes to a
 * read-only or damaged register, runs the handler, and always answers with a Result envelope,
 * never a thrown error. File and database failures get their own code (file-errors.ts);
 * anything else is a bug: logged in full (core.log, the rotating log file) and shown short.
 */
export async function dispatch(core: Core, channel: string, rawArgs: unknown, log: Logger = core.log ?? console): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${channel}` } };
  }
  const parsed = contract[channel].safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    // A path starting with "doc." is a field of the form; strip the envelope for the UI.
    return { ok: false, error: AppError.validation(issues.map((i) => ({ ...i, path: i.path.replace(/^doc\./, '') }))).data };
  }
  // The start-up check still running in its worker: reads go on, a write waits for its verdict.
  if (core.pendingCheck && !READ_CHANNELS.has(channel) && !RECOVERY_CHANNELS.has(channel)) await core.pendingCheck;
  // Issue 16: the import writing in batches holds the one connection's transaction: the others wait for its end.
  while (core.holding && !WHILE_HELD.has(channel)) await core.holding;
  const refused = refusal(core, channel);
  if (refused) return { ok: false, error: refused };
  const handler = handlers[channel] as (core: Core, args: unknown) => Results[Channel] | Promise<Results[Channel]>;
  for (let attempt = 0; ; attempt++) {
    try {
      return { ok: true, value: await handler(core, parsed.data) };
    } catch (err) {
      if (err instanceof AppError) return { ok: false, error: err.data };
      const fileError = asFileError(err);
      if (fileError?.code === 'busy' && attempt < BUSY_RETRIES) continue;
      if (fileError) {
        log.warn(`[dispatch] ${channel}: ${fileError.code}: ${fileError.message}`);
        return { ok: false, error: fileError.data };
      }
      log.error(`[dispatch] ${channel} failed`, err);
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { code: 'internal', message } };
    }
  }
}
