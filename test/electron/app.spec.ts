import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

test('the desktop app opens locked down, offers the demo and talks to the core over IPC', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dpo-electron-'));
  const app = await electron.launch({ args: [root], cwd: root, env: { ...process.env, DPO_DESK_DATA_DIR: dataDir } });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('button', { name: /demo|démonstration/ })).toBeVisible();
    const prefs = await app.evaluate(({ BrowserWindow }) => {
      const w = BrowserWindow.getAllWindows()[0]!;
      // getLastWebPreferences() exists at run time but is missing from electron.d.ts.
      const p = (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, windows: BrowserWindow.getAllWindows().length };
    });
    expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, windows: 1 });
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { dpo: { api: object } }).dpo.api).length)).toBeGreaterThan(10);

    await window.getByRole('button', { name: /demo|démonstration/ }).click();
    await expect(window.getByTestId('stat-controller')).toContainText('16');

    // A link to another site must not replace the app.
    const before = window.url();
    await window.evaluate(() => {
      const a = document.createElement('a');
      a.href = 'https://example.com/';
      document.body.appendChild(a);
      a.click();
    });
    await window.waitForTimeout(500);
    expect(window.url()).toBe(before);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
