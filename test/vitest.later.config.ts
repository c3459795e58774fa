import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

/**
 * The whole vitest suite with the computer's clock two years ahead (see setup-clock.ts): no
 * test may depend on the day it runs. Part of `npm test`.
 */
export default mergeConfig(
  base,
  defineConfig({
    test: {
      env: { DPO_TEST_NOW: process.env.DPO_TEST_NOW ?? '+730d' },
      // The reliability suite kills child processes that run on the real clock: it does not depend on the day, and runs once, in test:unit.
      exclude: ['test/reliability/**', 'node_modules/**'],
    },
  }),
);
