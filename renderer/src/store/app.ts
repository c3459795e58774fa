import { syncWithCore } from '../lib/clock';
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import { languageFromLocale } from '../../../shared/i18n';
import type { Language } from '../../../shared/domain/enums';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { call, systemLanguage } from '../lib/api';
import { setLanguage as applyLanguage } from '../lib/i18n';

type Toast = { id: number; kind: 'ok' | 'error'; text: string; /** When it was raised (Date.now()). */ at: number };

type AppState = {
  info: AppInfo | null;
  lists: ReferenceLists | null;
  language: Language;
  fatal: string | null;
  /** The user chose to read what is left of a damaged register (the error screen's "read-only" button). */
  browseDamaged: boolean;
  setBrowseDamaged: (on: boolean) => void;
  /** After a restore or another file opened: everything is read again. */
  replaceInfo: (info: AppInfo) => Promise<void>;
  toasts: Toast[];
  load: () => Promise<void>;
  setup: (mode: 'empty' | 'demo') => Promise<void>;
  setLanguage: (lang: Language) => Promise<void>;
  reloadLists: () => Promise<void>;
  reloadInfo: () => Promise<void>;
  toast: (text: string, kind?: Toast['kind']) => void;
  dismiss: (id: number) => void;
  /** The page changed: its toasts leave with it (issue 16), except those raised by the action that changed it. */
  pageChanged: () => void;
};

let toastId = 0;
const TOAST_GRACE_MS = 1000;

export const useApp = create<AppState>()((set, get) => ({
  info: null,
  lists: null,
  language: 'fr',
  fatal: null,
  browseDamaged: false,
  setBrowseDamaged: (on) => set({ browseDamaged: on }),
  toasts: [],
  load: async () => {
    try {
      const info = await call('app:info', {});
      // A register with a problem may have no lists to read (not a database, a newer version): the error screen needs none.
      const lists = info.problem && !info.problem.browsable ? null : await call('lists:get', {}).catch((err) => {
        if (info.problem) return null;
        throw err;
      });
      const language = info.language ?? (get().info ? get().language : languageFromLocale(systemLanguage()));
      applyLanguage(language);
      syncWithCore(info.now);
      set({ info, lists, language, fatal: null, browseDamaged: info.problem ? get().browseDamaged : false });
    } catch (err) {
      set({ fatal: err instanceof Error ? err.message : String(err) });
    }
  },
  replaceInfo: async (info) => {
    set({ info, browseDamaged: false });
    await get().load();
  },
  setup: async (mode) => {
    const info = await call('app:setup', { mode });
    set({ info });
    await get().reloadLists();
  },
  setLanguage: async (language) => {
    applyLanguage(language);
    set({ language });
    // A register that cannot be written keeps the choice for this session only.
    if (get().info?.readOnly) return;
    set({ info: await call('settings:setLanguage', { language }) });
  },
  reloadLists: async () => set({ lists: await call('lists:get', {}) }),
  reloadInfo: async () => set({ info: await call('app:info', {}) }),
  toast: (text, kind = 'ok') => {
    const id = ++toastId;
    set({ toasts: [...get().toasts, { id, kind, text, at: Date.now() }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 3500);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  // A save that opens the saved item raises its toast just before the page changes: a second's grace keeps it.
  pageChanged: () => {
    const now = Date.now();
    const kept = get().toasts.filter((t) => now - t.at < TOAST_GRACE_MS);
    if (kept.length !== get().toasts.length) set({ toasts: kept });
  },
}));
