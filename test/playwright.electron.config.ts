import { defineConfig } from '@playwright/test';
import path from 'node:path';

/**
 * The desktop app itself, through Playwright's Electron support. Needs the Electron binary
 * (downloaded by `npm install` on a machine with internet access); on Linux without a display
 * run it as `xvfb-run npm run test:electron`. Not part of `npm test`.
 */
export default defineConfig({
  testDir: path.join(import.meta.dirname, 'electron'),
  outputDir: path.join(import.meta.dirname, '../test-results/electron'),
  timeout: 60_000,
  workers: 1,
  reporter: [['list']],
});
