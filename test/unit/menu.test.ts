import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ Menu: {} }));
const { menuTemplate } = await import('../../electron/main/menu');

describe('application menu', () => {
  it('is in French or English', () => {
    expect(menuTemplate('fr', false).map((m) => m.label)).toEqual(['Fichier', 'Édition', 'Affichage', 'Fenêtre']);
    expect(menuTemplate('en', false).map((m) => m.label)).toEqual(['File', 'Edit', 'View', 'Window']);
  });
});
