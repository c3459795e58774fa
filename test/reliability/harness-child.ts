/**
 * The web harness as a child process for the reliability suite: the same startHarness as
 * `npm run web`, with a stub page instead of the built renderer (the suite drives the API only,
 * so it runs inside `npm test` before the renderer is built). Prints one JSON line when ready.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dbPath = process.argv[2]!;
// Bundled, server.ts's own "am I the entry point?" test would see this file: it must not start its CLI.
process.argv.splice(1, 1, 'reliability-harness');
const { startHarness } = await import('../../electron/web/server');
const rendererDir = path.join(path.dirname(dbPath), 'page'); // removed with the trial's folder
mkdirSync(rendererDir, { recursive: true });
writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
const harness = await startHarness({ port: 0, dbPath, rendererDir, log: { log: () => {}, warn: () => {}, error: (...a: unknown[]) => console.error(...a) } });
console.log(JSON.stringify({ url: harness.url, token: harness.token }));
