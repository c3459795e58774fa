// Starts the export worker from the TypeScript sources (the CLI, the web harness and the tests
// run under tsx or vitest); the desktop app runs the bundled out/main/export-worker.cjs instead.
import { register } from 'tsx/esm/api';

register();
await import('./export-worker.ts');
