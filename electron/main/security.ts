import { app, session, shell, type WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://dpo-desk`;

/** True only for the app's own pages (parsed, not compared as strings). */
export function isAppUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === `${APP_SCHEME}:` && url.host === 'dpo-desk' && url.username === '' && url.password === '';
  } catch {
    return false;
  }
}

/** Web links in a record (a DPA's URL…) open in the system browser, never in the app. */
export function openExternalSafely(raw: string, open: (url: string) => unknown = (u) => shell.openExternal(u)): boolean {
  try {
    const url = new URL(raw);
    if (url.protocol !== 'https:' && url.protocol !== 'http:' && url.protocol !== 'mailto:') return false;
    void open(url.toString());
    return true;
  } catch {
    return false;
  }
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      openExternalSafely(url);
    }
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
}

/** Navigation, new windows, webviews and permission requests are refused for every web contents. */
export function installSecurityHandlers(): void {
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Offline for real: the only requests allowed are to the app's own scheme and devtools.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('devtools:') || details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}
