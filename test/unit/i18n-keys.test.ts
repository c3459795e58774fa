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
