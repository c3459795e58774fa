import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNEL_NAMES, ipcChannel } from '../../shared/channels';
import { contract } from '../../shared/contract';

/**
 * Loads electron/main/index.ts with a fake `electron` module and checks what it asked of it:
 * the window's security options, one IPC handler per contract channel, the guards.
 */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dpo-main-'));
const recorded = vi.hoisted(() => ({
  windows: [] as Array<Record<string, any>>,
  handlers: new Map<string, (...args: any[]) => any>(),
  appEvents: new Map<string, (...args: any[]) => any>(),
  contentsHandlers: new Map<string, (...args: any[]) => any>(),
  windowOpenHandler: undefined as undefined | ((d: { url: string }) => { action: string }),
  permissionHandler: undefined as undefined | ((...a: any[]) => void),
  beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  schemes: [] as unknown[],
  loaded: [] as string[],
  menus: 0,
  opened: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    constructor(options: Record<string, any>) {
      recorded.windows.push(options);
    }
    once = vi.fn();
    on = vi.fn();
    maximize = vi.fn();
    loadURL = (url: string) => {
      recorded.loaded.push(url);
      return Promise.resolve();
    };
  }
  const app = {
    whenReady: () => Promise.resolve(),
    requestSingleInstanceLock: () => true,
    on: (event: string, fn: (...args: any[]) => any) => recorded.appEvents.set(event, fn),
    quit: vi.fn(),
    getPath: () => process.env.DPO_TEST_USERDATA!,
    getAppPath: () => process.cwd(),
    getLocale: () => 'fr-FR',
  };
  return {
    app,
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (...args: any[]) => any) => recorded.handlers.set(channel, fn) },
    protocol: { registerSchemesAsPrivileged: (s: unknown[]) => recorded.schemes.push(...s), handle: vi.fn() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: any) => (recorded.permissionHandler = fn),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: (fn: any) => (recorded.beforeRequest = fn) },
      },
    },
    shell: { openExternal: (url: string) => recorded.opened.push(url) },
    dialog: { showSaveDialog: vi.fn(async () => ({ canceled: true })) },
    Menu: { setApplicationMenu: () => recorded.menus++, buildFromTemplate: (t: unknown) => t },
  };
});

beforeAll(async () => {
  process.env.DPO_TEST_USERDATA = dataDir;
  await import('../../electron/main/index');
  await new Promise((r) => setTimeout(r, 50)); // let whenReady().then run
});
afterAll(() => {
  recorded.appEvents.get('will-quit')?.();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('Electron main process', () => {
  it('builds exactly one window with every security option on', () => {
    expect(recorded.windows).toHaveLength(1);
    const prefs = recorded.windows[0]!.webPreferences;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(prefs.preload).toMatch(/out[\\/]preload[\\/]index\.cjs$/);
    expect(recorded.windows[0]!.show).toBe(false);
    expect(recorded.loaded).toEqual(['app://dpo-desk/index.html']);
  });

  it('registers one IPC handler per contract channel, and no other', () => {
    expect(Object.keys(contract).sort()).toEqual([...CHANNEL_NAMES].sort());
    expect([...recorded.handlers.keys()].sort()).toEqual(CHANNEL_NAMES.map(ipcChannel).sort());
  });

  it('answers a call from the app page through dispatch, with validation', async () => {
    const handler = recorded.handlers.get(ipcChannel('app:info'))!;
    const ok = await handler({ senderFrame: { url: 'app://dpo-desk/index.html' } }, {});
    expect(ok).toMatchObject({ ok: true, value: { dbPath: path.join(dataDir, 'dpo-desk.sqlite'), needsSetup: true } });
    const bad = await recorded.handlers.get(ipcChannel('register:get'))!({ senderFrame: { url: 'app://dpo-desk/' } }, { id: 42 });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation' } });
  });

  it('refuses calls from any other page', async () => {
    for (const url of ['https://evil.example/', 'app://evil/index.html', 'app://user@dpo-desk/', 'file:///etc/passwd', '']) {
      const r = await recorded.handlers.get(ipcChannel('app:info'))!({ senderFrame: { url } }, {});
      expect(r, url).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('takes the single-instance lock, denies permissions, blocks navigation, new windows and network', () => {
    expect(recorded.appEvents.has('second-instance')).toBe(true);
    let granted: boolean | undefined;
    recorded.permissionHandler!({}, 'media', (g: boolean) => (granted = g));
    expect(granted).toBe(false);
    const cancelled = (url: string) => {
      let cancel: boolean | undefined;
      recorded.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(cancelled('https://cdn.example/x.js')).toBe(true);
    expect(cancelled('http://127.0.0.1:5180/api')).toBe(true);
    expect(cancelled('app://dpo-desk/assets/index.js')).toBe(false);

    // Every web contents gets the navigation guards.
    const contents = {
      handlers: new Map<string, any>(),
      on(event: string, fn: any) {
        this.handlers.set(event, fn);
      },
      setWindowOpenHandler(fn: any) {
        recorded.windowOpenHandler = fn;
      },
    };
    recorded.appEvents.get('web-contents-created')!({}, contents);
    const nav = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.handlers.get('will-navigate')(nav, 'https://example.com/dpa.pdf');
    expect(nav.prevented).toBe(true);
    expect(recorded.opened).toEqual(['https://example.com/dpa.pdf']); // sent to the system browser
    const inside = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.handlers.get('will-navigate')(inside, 'app://dpo-desk/index.html#/dashboard');
    expect(inside.prevented).toBe(false);
    const webview = { prevented: false, preventDefault() { this.prevented = true; } };
    contents.handlers.get('will-attach-webview')(webview);
    expect(webview.prevented).toBe(true);
    expect(recorded.windowOpenHandler!({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(recorded.opened).not.toContain('javascript:alert(1)');
  });

  it('installs a menu in the user language and the app scheme as privileged', () => {
    expect(recorded.menus).toBeGreaterThan(0);
    expect(recorded.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
  });
});
