// Starts the desktop app. better-sqlite3 13 is an N-API module: the same binary loads in Node
// and in Electron, so nothing is rebuilt when switching between `npm test` and `npm start`.
// The probe below checks that anyway, and rebuilds for Electron only if it ever fails.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron'); // the binary's path, or throws when it was never downloaded
} catch {
  electronPath = undefined;
}
if (!electronPath || !existsSync(electronPath)) {
  console.error(
    'The Electron binary is not installed (this machine could not download it).\n' +
      'Run `npm install` on a machine with internet access, or use the same app in a browser:\n' +
      '  npm run web -- --port 5180 --db ./dpo-desk.sqlite',
  );
  process.exit(1);
}
const probe = () =>
  spawnSync(electronPath, ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    stdio: 'ignore',
  }).status === 0;
if (!probe()) {
  console.log('Rebuilding better-sqlite3 for Electron…');
  const env = { ...process.env };
  delete env.npm_config_nodedir; // would make node-gyp build against Node's headers
  spawnSync(process.execPath, ['node_modules/electron-builder/cli.js', 'install-app-deps'], { stdio: 'inherit', env });
  if (!probe()) {
    console.error('better-sqlite3 does not load in Electron; see README, "Troubleshooting".');
    process.exit(1);
  }
}
const run = spawnSync(electronPath, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 0);
