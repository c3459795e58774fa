// Builds what the app runs: the Electron main process and preload (esbuild, CommonJS so the
// preload works sandboxed) and the renderer (Vite). `--renderer-only` for the web harness.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';

const rendererOnly = process.argv.includes('--renderer-only');

if (!rendererOnly) {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
  await build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'out/main/index.cjs', external: ['electron', 'better-sqlite3', 'exceljs'] });
  await build({ ...common, entryPoints: ['electron/preload/index.ts'], outfile: 'out/preload/index.cjs', external: ['electron'] });
  // The yearly export's worker thread (issue 15), beside the main script that starts it.
  await build({ ...common, entryPoints: ['electron/core/export/export-worker.ts'], outfile: 'out/main/export-worker.cjs', external: ['electron', 'better-sqlite3', 'exceljs'] });
}
const vite = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
  stdio: 'inherit',
});
process.exit(vite.status ?? 1);
