import { Notification, type BrowserWindow } from 'electron';
import type { Core } from '../core/core';
import type { Language } from '../../shared/domain/enums';
import { pendingReminders } from '../core/services/reminders';

/** Every 10 minutes, and at start: the core decides (electron/core/services/reminders.ts), Electron only shows. */
const EVERY_MS = 10 * 60_000;

export function startReminders(getCore: () => Core | undefined, language: () => Language, window: () => BrowserWindow | undefined, log: { warn: (...a: unknown[]) => void }): () => void {
  const sent = new Set<string>();
  const tick = () => {
    const core = getCore();
    if (!core || !Notification.isSupported()) return;
    try {
      for (const r of pendingReminders(core, language(), sent)) {
        sent.add(r.key);
        const n = new Notification({ title: r.title, body: r.body, silent: false });
        n.on('click', () => {
          const w = window();
          if (!w) return;
          if (w.isMinimized()) w.restore();
          w.focus();
          void w.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(r.hash)}`);
        });
        n.show();
      }
    } catch (err) {
      // A damaged or closed register: no reminder, never a crash of the main process.
      log.warn('[reminders]', err);
    }
  };
  const first = setTimeout(tick, 5_000);
  const timer = setInterval(tick, EVERY_MS);
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
