import { useEffect } from 'react';

/**
 * Keyboard shortcuts (issue 16). One handler for the whole app; the same actions come from the
 * desktop app's menu (a `dpo:shortcut` event sent by electron/main/menu.ts), so both behave alike.
 *
 * - Ctrl/Cmd+S: the open form's save button (any button marked data-shortcut="save");
 * - Ctrl/Cmd+N (and Alt+N, since a browser keeps Ctrl+N for itself): the "new" action of the list shown (data-shortcut="new");
 * - "/" or Ctrl/Cmd+F: the list's search box;
 * - Ctrl/Cmd+K: the "go to" palette; "?": the shortcut sheet;
 * - Escape: closes the open dialog (its button marked data-dialog-close).
 */
export type ShortcutAction = 'save' | 'new' | 'search' | 'palette' | 'help' | 'close';

export const SHORTCUT_EVENT = 'dpo:shortcut';

function visible(el: Element): el is HTMLElement {
  return el instanceof HTMLElement && el.offsetParent !== null && !el.closest('[hidden]');
}

function first(selector: string): HTMLElement | null {
  return [...document.querySelectorAll(selector)].find(visible) ?? null;
}

function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}

/** Runs an action; returns whether the page had something to do it with. */
export function runShortcut(action: ShortcutAction, open: { palette: () => void; help: () => void }): boolean {
  switch (action) {
    case 'palette':
      open.palette();
      return true;
    case 'help':
      open.help();
      return true;
    case 'save': {
      const button = first('[data-shortcut="save"]') as HTMLButtonElement | null;
      if (button && !button.disabled) button.click();
      return true; // never the browser's "save page"
    }
    case 'new': {
      const target = first('[data-shortcut="new"]');
      target?.click();
      return target !== null;
    }
    case 'search': {
      const box = first('input[type="search"]') as HTMLInputElement | null;
      if (!box) return false;
      box.focus();
      box.select();
      return true;
    }
    case 'close': {
      const close = first('[role="dialog"] [data-dialog-close]');
      close?.click();
      return close !== null;
    }
  }
}

/** The action a key press asks for, or null. */
export function actionOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey' | 'target'>): ShortcutAction | null {
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key.toLowerCase();
  if (mod && !e.altKey && key === 'k') return 'palette';
  if (mod && !e.altKey && key === 's') return 'save';
  if ((mod || e.altKey) && !(mod && e.altKey) && key === 'n') return 'new';
  if (mod && !e.altKey && key === 'f') return 'search';
  if (e.key === 'Escape') return 'close';
  if (typingIn(e.target) || mod || e.altKey) return null;
  if (e.key === '/') return 'search';
  if (e.key === '?') return 'help';
  return null;
}

export function useGlobalShortcuts(open: { palette: () => void; help: () => void }): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const action = actionOf(e);
      if (action && runShortcut(action, open)) e.preventDefault();
    };
    const onMenu = (e: Event) => {
      const action = (e as CustomEvent<ShortcutAction>).detail;
      runShortcut(action, open);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener(SHORTCUT_EVENT, onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener(SHORTCUT_EVENT, onMenu);
    };
  }, [open]);
}
