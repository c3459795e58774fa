import { defineConfig } from 'vitest/config';
import path from 'node:path';

export default defineConfig({
  root: path.resolve(import.meta.dirname, '..'),
  test: {
    include: ['test/unit/**/*.test.ts', 'test/db/**/*.test.ts', 'test/reliability/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // A guard against a hung test, not a speed measure (speed is `npm run bench`): the Word, LibreOffice and
    // migration tests take 5-10 s alone and over 20 s on a 2-core machine running another suite beside.
    testTimeout: 120_000,
    setupFiles: ['test/setup-clock.ts'],
  },
});
