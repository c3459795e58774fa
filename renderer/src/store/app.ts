import { syncWithCore } from '../lib/clock';
import { create } from 'zustand';
import type { AppInfo } from '../../../shared/contract';
import { languageFromLocale } from '../../../shared/i18n';
import type { Language } from '../../../shared/domain/enums';
import type { ReferenceLists } from '../../../shared/domain/reference-lists';
import { call, systemLanguage } from '../lib/api';
import { setLanguage as applyLanguage } from '../lib/i18n';

type Toast = { id: number; kind: 'ok' | 'error'; text: string };

type AppState = {
  info: AppInfo | null;
  lists: ReferenceLists | null;
  language: Language;
  fatal: string | null;
  toasts: Toast[];
  load: () => Promise<void>;
  setup: (mode: 'empty' | 'demo') => Promise<void>;
  setLanguage: (lang: Language) => Promise<void>;
  reloadLists: () => Promise<void>;
  reloadInfo: () => Promise<void>;
  toast: (text: string, kind?: Toast['kind']) => void;
  dismiss: (id: number) => void;
};

let toastId = 0;

export const useApp = create<AppState>()((set, get) => ({
  info: null,
  lists: null,
  language: 'fr',
  fatal: null,
  toasts: [],
  load: async () => {
    try {
      const [info, lists] = await Promise.all([call('app:info', {}), call('lists:get', {})]);
      const language = info.language ?? languageFromLocale(systemLanguage());
      applyLanguage(language);
      syncWithCore(info.now);
      set({ info, lists, language, fatal: null });
    } catch (err) {
      set({ fatal: err instanceof Error ? err.message : String(err) });
    }
  },
  setup: async (mode) => {
    const info = await call('app:setup', { mode });
    set({ info });
    await get().reloadLists();
  },
  setLanguage: async (language) => {
    applyLanguage(language);
    set({ language });
    set({ info: await call('settings:setLanguage', { language }) });
  },
  reloadLists: async () => set({ lists: await call('lists:get', {}) }),
  reloadInfo: async () => set({ info: await call('app:info', {}) }),
  toast: (text, kind = 'ok') => {
    const id = ++toastId;
    set({ toasts: [...get().toasts, { id, kind, text }] });
    setTimeout(() => get().dismiss(id), kind === 'error' ? 8000 : 3500);
  },
  dismiss: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
}));
