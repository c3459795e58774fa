import type { Args, Bridge, Channel, Results } from '../../../shared/contract';
import { AppError, type Result } from '../../../shared/errors';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in the web harness. */
    dpo?: Bridge;
  }
}

type Transport = (channel: Channel, args: unknown) => Promise<Result<unknown>>;

function ipcTransport(bridge: Bridge): Transport {
  return (channel, args) => bridge.api[channel](args) as Promise<Result<unknown>>;
}

/** The web harness: same contract over loopback HTTP, with the token the server put in the page. */
function httpTransport(): Transport {
  const token = document.querySelector<HTMLMetaElement>('meta[name="dpo-api-token"]')?.content ?? '';
  return async (channel, args) => {
    let res: Response;
    try {
      res = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-DPO-Token': token },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return { ok: false, error: { code: 'internal', message: 'network' } };
    }
    // The harness answers refusals it makes itself (a request too large) with the same envelope.
    if (!res.ok && res.headers.get('content-type')?.startsWith('application/json')) return (await res.json()) as Result<unknown>;
    if (!res.ok) return { ok: false, error: { code: 'forbidden', message: `${res.status} ${await res.text()}` } };
    return (await res.json()) as Result<unknown>;
  };
}

const transport: Transport = window.dpo ? ipcTransport(window.dpo) : httpTransport();

/** Calls one contract channel; resolves with its typed result or throws an AppError. */
export async function call<C extends Channel>(channel: C, args: Args<C>): Promise<Results[C]> {
  const result = await transport(channel, args);
  if (!result.ok) throw new AppError(result.error);
  return result.value as Results[C];
}

export function systemLanguage(): string {
  return window.dpo?.systemLanguage ?? navigator.language;
}
