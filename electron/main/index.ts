/**
 * The Electron main process: lifecycle and wiring only. Everything the app does lives in
 * electron/core (plain Node); this file opens it, serves the renderer, registers one IPC
 * handler per contract channel and builds the single, locked-down window.
 */
import { app, BrowserWindow, dialog, shell } from 'electron';
import path from 'node:path';
import { languageFromLocale } from '../../shared/i18n';
import { openCore, closeCore, type Core } from '../core/core';
import { scheduledBackupAtStart } from '../core/services/backup.service';
import { appInfo } from '../core/services/app.service';
import { registerIpcHandlers } from './ipc';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { APP_ORIGIN, installSecurityHandlers } from './security';
import { secureWebPreferences } from './window-options';
import { loadWindowState, saveWindowState } from './window-state';

let core: Core | undefined;
let mainWindow: BrowserWindow | undefined;

/** DPO_DESK_DATA_DIR lets the Electron end-to-end tests use a throw-away folder. */
function dataDir(): string {
  return process.env.DPO_DESK_DATA_DIR || app.getPath('userData');
}

function currentLanguage() {
  return (core && appInfo(core).language) || languageFromLocale(app.getLocale());
}

function createWindow(): BrowserWindow {
  const stateFile = path.join(dataDir(), 'window-state.json');
  const state = loadWindowState(stateFile);
  const win = new BrowserWindow({
    x: state.x,
    y: state.y,
    width: state.width,
    height: state.height,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'DPO Desk',
    backgroundColor: '#f4f5f7',
    webPreferences: secureWebPreferences(path.join(app.getAppPath(), 'out/preload/index.cjs')),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    const b = win.getNormalBounds();
    saveWindowState(stateFile, { ...b, maximized: win.isMaximized() });
  });
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

export function start(): void {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core && closeCore(core));

  void app.whenReady().then(() => {
    installSecurityHandlers();
    serveRenderer(path.join(app.getAppPath(), 'out/renderer'));
    core = openCore(path.join(dataDir(), 'dpo-desk.sqlite'));
    scheduledBackupAtStart(core, console); // issue 14 (14A)
    core.platform = {
      chooseSavePath: async (defaultName) => {
        const ext = path.extname(defaultName).slice(1) || 'docx';
        const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters: [{ name: ext === 'xlsx' ? 'Excel' : 'Word', extensions: [ext] }] };
        const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
        return result.canceled || !result.filePath ? null : result.filePath;
      },
      // A supplier document, with the application the system associates with it; '' or an error message.
      openPath: (file) => shell.openPath(file),
    };
    registerIpcHandlers(
      () => core!,
      (channel) => {
        if (channel === 'settings:setLanguage') installMenu(currentLanguage());
      },
    );
    installMenu(currentLanguage());
    mainWindow = createWindow();
  });
}

start();
