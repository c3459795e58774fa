import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');

function files(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(root, rel)).isDirectory()) return files(rel);
    return /\.(ts|tsx)$/.test(name) ? [rel] : [];
  });
}

function imports(file: string): string[] {
  const src = readFileSync(path.join(root, file), 'utf8');
  return [...src.matchAll(/^\s*import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
}

/** The process boundaries, as folders (style.md 9.1): a wrong import is a build break, not a review comment. */
describe('layering', () => {
  it('shared/ uses no Node, DOM, Electron, renderer or core module', () => {
    for (const f of files('shared')) {
      for (const i of imports(f)) {
        expect(i, `${f} imports ${i}`).not.toMatch(/^(node:|electron$|react|better-sqlite3)|\/electron\/|\/renderer\//);
      }
    }
  });
  it('electron/core runs under plain Node: it never imports electron or the renderer', () => {
    for (const f of [...files('electron/core'), ...files('electron/cli'), ...files('electron/web')]) {
      for (const i of imports(f)) expect(i, `${f} imports ${i}`).not.toMatch(/^electron$|\/renderer\/|\/main\//);
    }
  });
  it('the renderer reaches the core only through the contract', () => {
    for (const f of files('renderer/src')) {
      for (const i of imports(f)) expect(i, `${f} imports ${i}`).not.toMatch(/^(node:|electron$|better-sqlite3)|\/electron\//);
    }
  });
  it('only two files talk to ipcMain / ipcRenderer / contextBridge', () => {
    const users = [...files('electron'), ...files('renderer/src')].filter((f) =>
      /\b(ipcMain|ipcRenderer|contextBridge)\b/.test(readFileSync(path.join(root, f), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')),
    );
    expect(users.sort()).toEqual(['electron/main/ipc.ts', 'electron/preload/index.ts']);
  });
});
