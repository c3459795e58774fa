import path from 'node:path';
import { defineConfig } from '@playwright/test';
import base from './playwright.config';

/**
 * Issue 16's "before" count (test/effort-before/): the everyday tasks as they had to be done
 * before the issue, run on the commit before it. Kept out of the default suite (testDir e2e/).
 */
export default defineConfig({ ...base, testDir: path.join(import.meta.dirname, 'effort-before') });
