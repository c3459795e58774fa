import { contract, type Channel, type Results } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import type { Core } from './core';
import { handlers } from './handlers';

export type Logger = Pick<Console, 'error' | 'warn'>;

const isChannel = (name: string): name is Channel => Object.prototype.hasOwnProperty.call(contract, name);

/**
 * The single entry from any transport (Electron IPC, the web harness's HTTP route, tests):
 * checks the channel, validates the arguments with the contract's schema, runs the handler,
 * and always answers with a Result envelope, never a thrown error. Unexpected errors are
 * logged in full here and reach the UI as a short message only.
 */
export async function dispatch(
  core: Core,
  channel: string,
  rawArgs: unknown,
  log: Logger = console,
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'unknown_channel', message: `Unknown channel: ${channel}` } };
  }
  const parsed = contract[channel].safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    // A path starting with "doc." is a field of the form; strip the envelope for the UI.
    return { ok: false, error: AppError.validation(issues.map((i) => ({ ...i, path: i.path.replace(/^doc\./, '') }))).data };
  }
  try {
    const handler = handlers[channel] as (core: Core, args: unknown) => Results[Channel] | Promise<Results[Channel]>;
    const value = await handler(core, parsed.data);
    return { ok: true, value };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err.data };
    log.error(`[dispatch] ${channel} failed`, err);
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, error: { code: 'internal', message } };
  }
}
