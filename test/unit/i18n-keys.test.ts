import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../shared/i18n';
import { uiEn } from '../../renderer/src/i18n/en';
import { uiFr } from '../../renderer/src/i18n/fr';

const root = path.resolve(import.meta.dirname, '../../renderer/src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

const lookup = (tree: unknown, key: string) => key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);

const sourceFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(f) ? [p] : [];
  });

describe('the validation messages', () => {
  it('every message key the schemas and services use has its sentence in French and in English', () => {
    const keys = new Set<string>();
    for (const dir of ['shared', 'electron/core']) {
      for (const file of sourceFiles(path.resolve(import.meta.dirname, '../..', dir))) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/\bmsg\('([a-zA-Z0-9]+)'/g)) keys.add(m[1]!);
        // Cross-field rules name their message through a local helper: issue(['field'], 'key').
        for (const m of source.matchAll(/\bissue\(\[[^\]]*\],\s*'([a-zA-Z0-9]+)'/g)) keys.add(m[1]!);
      }
    }
    // The import refusals are named by a table in the service: one key per refusal.
    for (const k of ['importNotXlsx', 'importNotOurFile', 'importOtherAudit', 'importLayoutChanged', 'importTooLarge']) keys.add(k);
    expect(keys.size).toBeGreaterThan(45);
    const missing = [...keys].filter((k) => typeof lookup(MESSAGES.fr, `errors.${k}`) !== 'string' || typeof lookup(MESSAGES.en, `errors.${k}`) !== 'string');
    expect(missing).toEqual([]);
  });
});

describe('the UI strings', () => {
  it('every literal key the screens translate exists in French and in English', () => {
    const keys = new Set<string>();
    for (const file of files(root)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z0-9_.]+)'/g)) keys.add(m[1]!);
    }
    expect(keys.size).toBeGreaterThan(100);
    const fr = { ...MESSAGES.fr, ...uiFr };
    const en = { ...MESSAGES.en, ...uiEn };
    const missing = [...keys].filter((k) => typeof lookup(fr, k) !== 'string' || typeof lookup(en, k) !== 'string');
    expect(missing).toEqual([]);
  });
});
