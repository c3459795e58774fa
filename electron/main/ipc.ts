import { ipcMain } from 'electron';
import { CHANNEL_NAMES, ipcChannel } from '../../shared/channels';
import type { Core } from '../core/core';
import { dispatch } from '../core/dispatch';
import { isAppUrl } from './security';

/**
 * One ipcMain handler per contract channel, each a few lines over the same dispatch() the web
 * harness uses. Calls from any frame that is not the app's own page are refused.
 */
export function registerIpcHandlers(getCore: () => Core, afterCall?: (channel: string, args: unknown) => void): void {
  for (const name of CHANNEL_NAMES) {
    ipcMain.handle(ipcChannel(name), async function handleContractCall(event, args: unknown) {
      const url = event.senderFrame?.url ?? '';
      if (!isAppUrl(url)) return { ok: false, error: { code: 'forbidden', message: 'Call from outside the app' } };
      const result = await dispatch(getCore(), name, args);
      if (result.ok) afterCall?.(name, args);
      return result;
    });
  }
}
