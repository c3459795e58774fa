import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

vi.mock('electron', () => ({ Menu: {} }));
const { menuTemplate } = await import('../../electron/main/menu');

const items = (m: MenuItemConstructorOptions) => (m.submenu as MenuItemConstructorOptions[]).filter((i) => i.type !== 'separator');

describe('application menu', () => {
  it('is in French or English', () => {
    expect(menuTemplate('fr', false).map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre', 'Aide']);
    expect(menuTemplate('en', false).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window', 'Help']);
  });

  it('shows the keyboard shortcuts and sends the same actions as the keys (issue 16)', () => {
    const sent: string[] = [];
    const [file, , , , help] = menuTemplate('en', false, (a) => sent.push(a));
    const shortcuts = items(file!).filter((i) => i.accelerator);
    expect(shortcuts.map((i) => [i.label, i.accelerator])).toEqual([
      ['New', 'CmdOrCtrl+N'],
      ['Save', 'CmdOrCtrl+S'],
      ['Go to…', 'CmdOrCtrl+K'],
      ['Find', 'CmdOrCtrl+F'],
    ]);
    // The page handles the keys itself (as in the web harness): the menu must not swallow them.
    expect(shortcuts.every((i) => i.registerAccelerator === false)).toBe(true);
    for (const i of [...shortcuts, ...items(help!)]) (i.click as () => void)();
    expect(sent).toEqual(['new', 'save', 'palette', 'search', 'help']);
    expect(items(help!).map((i) => i.label)).toEqual(['Keyboard shortcuts']);
  });
});
