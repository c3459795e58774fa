import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/domain/enums';

/** Sends a shortcut action to the page (renderer/src/lib/shortcuts.ts listens): the menu and the keys do the same thing. */
export type ShortcutSender = (action: 'save' | 'new' | 'search' | 'palette' | 'help') => void;

const LABELS = {
  fr: { help: 'Aide', shortcuts: 'Raccourcis clavier', goTo: 'Aller à…', save: 'Enregistrer', newItem: 'Nouveau', find: 'Rechercher', file: 'Fichier', quit: 'Quitter', edit: 'Édition', undo: 'Annuler', redo: 'Rétablir', cut: 'Couper', copy: 'Copier', paste: 'Coller', selectAll: 'Tout sélectionner', view: 'Affichage', reload: 'Recharger', zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière', resetZoom: 'Taille réelle', fullscreen: 'Plein écran', window: 'Fenêtre', minimize: 'Réduire', close: 'Fermer' },
  en: { help: 'Help', shortcuts: 'Keyboard shortcuts', goTo: 'Go to…', save: 'Save', newItem: 'New', find: 'Find', file: 'File', quit: 'Quit', edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select all', view: 'View', reload: 'Reload', zoomIn: 'Zoom in', zoomOut: 'Zoom out', resetZoom: 'Actual size', fullscreen: 'Full screen', window: 'Window', minimize: 'Minimize', close: 'Close' },
} as const;

/** The application menu in the user's language (built again when the language changes). */
export function menuTemplate(lang: Language, isMac: boolean, send: ShortcutSender = () => {}): MenuItemConstructorOptions[] {
  const l = LABELS[lang];
  // registerAccelerator: false: the keys reach the page, which handles them the same way as in the web harness; the menu shows them and its clicks send the same actions.
  const action = (label: string, accelerator: string, name: Parameters<ShortcutSender>[0]): MenuItemConstructorOptions => ({ label, accelerator, registerAccelerator: false, click: () => send(name) });
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: l.file,
      submenu: [
        action(l.newItem, 'CmdOrCtrl+N', 'new'),
        action(l.save, 'CmdOrCtrl+S', 'save'),
        action(l.goTo, 'CmdOrCtrl+K', 'palette'),
        action(l.find, 'CmdOrCtrl+F', 'search'),
        { type: 'separator' },
        { role: isMac ? 'close' : 'quit', label: isMac ? l.close : l.quit },
      ],
    },
    {
      label: l.edit,
      submenu: [
        { role: 'undo', label: l.undo },
        { role: 'redo', label: l.redo },
        { type: 'separator' },
        { role: 'cut', label: l.cut },
        { role: 'copy', label: l.copy },
        { role: 'paste', label: l.paste },
        { role: 'selectAll', label: l.selectAll },
      ],
    },
    {
      label: l.view,
      submenu: [
        { role: 'reload', label: l.reload },
        { type: 'separator' },
        { role: 'zoomIn', label: l.zoomIn },
        { role: 'zoomOut', label: l.zoomOut },
        { role: 'resetZoom', label: l.resetZoom },
        { role: 'togglefullscreen', label: l.fullscreen },
      ],
    },
    { label: l.window, submenu: [{ role: 'minimize', label: l.minimize }, { role: 'close', label: l.close }] },
    { label: l.help, role: 'help', submenu: [action(l.shortcuts, '?', 'help')] },
  ];
}

export function installMenu(lang: Language, send?: ShortcutSender): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(lang, process.platform === 'darwin', send)));
}
