// Fetches the Electron binary when the machine can reach its download host, and never
// fails the install when it cannot: offline development machines run everything but the
// Electron window through the web harness (see README, "Offline machines").
// npm 11.19+ skips electron's own install script (package.json "allowScripts"), so this
// script does its job; on older npm electron's script has already run and this is a no-op.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
let electronDir;
try {
  electronDir = path.dirname(require.resolve('electron/package.json'));
} catch {
  process.exit(0); // production install without dev dependencies
}
if (existsSync(path.join(electronDir, 'path.txt'))) process.exit(0);
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('[dpo-desk] ELECTRON_SKIP_BINARY_DOWNLOAD is set: the Electron binary is not downloaded.');
  process.exit(0);
}
const run = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 300_000 });
if (run.status !== 0) {
  console.warn(
    '[dpo-desk] The Electron binary could not be downloaded (offline machine?).\n' +
      '           Everything else is installed: `npm test` and `npm run web` work without it;\n' +
      '           `npm start` needs it (run `npm install` again with internet access).',
  );
}
process.exit(0);
