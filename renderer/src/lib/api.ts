import type { Args, Bridge, Channel, Results } from '../../../shared/contract';
import { AppError, type Result } from '../../../shared/errors';
import { SOCKET_MAX, SOCKET_PATH, SOCKET_TOKEN_PREFIX } from '../../../shared/web-socket';

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

const NETWORK: Result<unknown> = { ok: false, error: { code: 'internal', message: 'network' } };

/** The web harness: same contract over loopback HTTP, with the token the server put in the page. */
function httpTransport(token: string): Transport {
  return async (channel, args) => {
    let res: Response;
    try {
      res = await fetch(`./api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-DPO-Token': token },
        body: JSON.stringify(args ?? {}),
      });
    } catch {
      return NETWORK;
    }
    // The harness answers refusals it makes itself (a request too large) with the same envelope.
    if (!res.ok && res.headers.get('content-type')?.startsWith('application/json')) return (await res.json()) as Result<unknown>;
    if (!res.ok) return { ok: false, error: { code: 'forbidden', message: `${res.status} ${await res.text()}` } };
    return (await res.json()) as Result<unknown>;
  };
}

/**
 * The web harness over one WebSocket (shared/web-socket.ts): a message per call, answered by id,
 * about 1 ms where a fetch costs Chromium about 6 (issue 15). Calls larger than SOCKET_MAX, and
 * every call once the socket could not be opened, go as requests (`http`). A socket closed
 * with calls on their way answers them with the network error a failed request gives.
 */
function socketTransport(token: string, http: Transport): Transport {
  const pending = new Map<number, (r: Result<unknown>) => void>();
  let next = 1;
  let opening: Promise<WebSocket | null> | null = null;
  let unusable = false;
  const open = () =>
    (opening ??= new Promise<WebSocket | null>((resolve) => {
      const url = new URL(`.${SOCKET_PATH}`, window.location.href);
      url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
      let ws: WebSocket;
      try {
        ws = new WebSocket(url.href, [`${SOCKET_TOKEN_PREFIX}${token}`]);
      } catch {
        unusable = true;
        resolve(null);
        return;
      }
      let opened = false;
      ws.onopen = () => {
        opened = true;
        resolve(ws);
      };
      ws.onmessage = (e: MessageEvent<string>) => {
        const { id, result } = JSON.parse(e.data) as { id: number; result: Result<unknown> };
        const done = pending.get(id);
        pending.delete(id);
        done?.(result);
      };
      ws.onclose = () => {
        opening = null;
        // Never opened (refused, or no socket on this server): requests from now on.
        if (!opened) unusable = true;
        for (const done of pending.values()) done(NETWORK);
        pending.clear();
        resolve(null);
      };
    }));
  return async (channel, args) => {
    const body = JSON.stringify(args ?? {});
    // A character is at most three bytes in UTF-8: over a third of the limit in characters, a request.
    if (unusable || body.length > SOCKET_MAX / 3) return http(channel, args);
    const ws = await open();
    if (!ws || ws.readyState !== WebSocket.OPEN) return http(channel, args);
    return new Promise<Result<unknown>>((resolve) => {
      const id = next++;
      pending.set(id, resolve);
      ws.send(`{"id":${id},"channel":${JSON.stringify(channel)},"args":${body}}`);
    });
  };
}

function webTransport(): Transport {
  const token = document.querySelector<HTMLMetaElement>('meta[name="dpo-api-token"]')?.content ?? '';
  return socketTransport(token, httpTransport(token));
}

const transport: Transport = window.dpo ? ipcTransport(window.dpo) : webTransport();

/** Calls one contract channel; resolves with its typed result or throws an AppError. */
export async function call<C extends Channel>(channel: C, args: Args<C>): Promise<Results[C]> {
  const result = await transport(channel, args);
  if (!result.ok) throw new AppError(result.error);
  return result.value as Results[C];
}

export function systemLanguage(): string {
  return window.dpo?.systemLanguage ?? navigator.language;
}
