/**
 * The Electron main process: lifecycle and wiring only. Everything the app does lives in
 * electron/core (plain Node); this file opens it, serves the renderer, registers one IPC
 * handler per contract channel and builds the single, locked-down window.
 */
import { app, BrowserWindow, dialog, shell } from 'electron';
import path from 'node:path';
import { languageFromLocale } from '../../shared/i18n';
import { closeCore, type Core } from '../core/core';
import { systemClock } from '../core/clock';
import { logFileIn, rotatingLog } from '../core/log-file';
import { scheduledBackupAtStart } from '../core/services/backup.service';
import { appInfo } from '../core/services/app.service';
import { startReminders } from './reminders';
import { followJobsInTaskbar } from './progress';
import { scheduleIntegrityCheck } from '../core/services/recovery.service';
import { crashText, installCrashHandlers, openForApp } from '../core/startup';
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

/** A menu action reaches the page as the same event the keys raise (renderer/src/lib/shortcuts.ts). */
function sendShortcut(action: string): void {
  void mainWindow?.webContents.executeJavaScript(`window.dispatchEvent(new CustomEvent('dpo:shortcut', { detail: ${JSON.stringify(action)} }))`);
}

function currentLanguage() {
  try {
    return (core && appInfo(core).language) || languageFromLocale(app.getLocale());
  } catch {
    return languageFromLocale(app.getLocale());
  }
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
  // The log of unexpected errors, in the app's data folder (Settings, "Open the log").
  const log = rotatingLog(logFileIn(dataDir()), { now: systemClock, echo: console });
  installCrashHandlers(process, {
    log,
    logFile: log.file,
    language: currentLanguage,
    // A native dialog needs the app ready; before that the log and the console are all there is.
    show: (title, message) => (app.isReady() ? dialog.showErrorBox(title, message) : console.error(`${title}: ${message}`)),
  });
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => core && closeCore(core));

  void app
    .whenReady()
    .then(() => {
      installSecurityHandlers();
      serveRenderer(path.join(app.getAppPath(), 'out/renderer'));
      // Never throws: a damaged, newer or unreadable register opens on the error screen (electron/core/startup.ts).
      core = openForApp(path.join(dataDir(), 'dpo-desk.sqlite'), { openedBy: 'desktop', log }, log);
      scheduledBackupAtStart(core, log); // issue 14 (14A): skipped on a read-only or damaged register
      core.platform = {
        chooseSavePath: async (defaultName) => {
          const ext = path.extname(defaultName).slice(1) || 'docx';
          const options = { defaultPath: path.join(app.getPath('documents'), defaultName), filters: [{ name: ext === 'xlsx' ? 'Excel' : 'Word', extensions: [ext] }] };
          const result = mainWindow ? await dialog.showSaveDialog(mainWindow, options) : await dialog.showSaveDialog(options);
          return result.canceled || !result.filePath ? null : result.filePath;
        },
        // A supplier document, or the log, with the application the system associates with it; '' or an error message.
        openPath: (file) => shell.openPath(file),
        chooseOpenPath: async () => {
          const options = { properties: ['openFile' as const], filters: [{ name: 'DPO Desk', extensions: ['sqlite', 'db'] }] };
          const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
          return result.canceled || !result.filePaths[0] ? null : result.filePaths[0];
        },
      };
      scheduleIntegrityCheck(core);
      registerIpcHandlers(
        () => core!,
        (channel) => {
          if (channel === 'settings:setLanguage' || channel === 'app:openRegister' || channel === 'backup:restore' || channel === 'backup:restoreFinish') installMenu(currentLanguage(), sendShortcut);
        },
      );
      installMenu(currentLanguage(), sendShortcut);
      mainWindow = createWindow();
      // Issue 16: system notifications for a breach clock within 6 hours and the items due today.
      startReminders(() => core, currentLanguage, () => mainWindow, log);
      followJobsInTaskbar(() => mainWindow);
    })
    .catch((err: unknown) => {
      // The last resort: not even a window could be built. Say so, then quit: never an invisible process.
      log.error('[main] start-up failed', err);
      const { title, message } = crashText(languageFromLocale(app.getLocale()), err, log.file);
      dialog.showErrorBox(title, message);
      app.quit();
    });
}

start();
