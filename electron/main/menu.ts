import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { Language } from '../../shared/domain/enums';

const LABELS = {
  fr: { file: 'Fichier', quit: 'Quitter', edit: 'Édition', undo: 'Annuler', redo: 'Rétablir', cut: 'Couper', copy: 'Copier', paste: 'Coller', selectAll: 'Tout sélectionner', view: 'Affichage', reload: 'Recharger', zoomIn: 'Zoom avant', zoomOut: 'Zoom arrière', resetZoom: 'Taille réelle', fullscreen: 'Plein écran', window: 'Fenêtre', minimize: 'Réduire', close: 'Fermer' },
  en: { file: 'File', quit: 'Quit', edit: 'Edit', undo: 'Undo', redo: 'Redo', cut: 'Cut', copy: 'Copy', paste: 'Paste', selectAll: 'Select all', view: 'View', reload: 'Reload', zoomIn: 'Zoom in', zoomOut: 'Zoom out', resetZoom: 'Actual size', fullscreen: 'Full screen', window: 'Window', minimize: 'Minimize', close: 'Close' },
} as const;

/** The application menu in the user's language (built again when the language changes). */
export function menuTemplate(lang: Language, isMac: boolean): MenuItemConstructorOptions[] {
  const l = LABELS[lang];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { label: l.file, submenu: [{ role: isMac ? 'close' : 'quit', label: isMac ? l.close : l.quit }] },
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
  ];
}

export function installMenu(lang: Language): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(lang, process.platform === 'darwin')));
}
