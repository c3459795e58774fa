import { create } from 'zustand';
import type { RegisterKind } from '../../../shared/domain/enums';
import type { RegisterSummary } from '../../../shared/domain/register';
import { call } from '../lib/api';

export type Filters = {
  status: string;
  legalBasis: string;
  department: string;
  special: string;
  transfer: string;
  overdue: boolean;
};

export const NO_FILTERS: Filters = { status: '', legalBasis: '', department: '', special: '', transfer: '', overdue: false };

type KindState = {
  rows: ReadonlyArray<RegisterSummary>;
  loaded: boolean;
  query: string;
  /** Ids matching the search box, or null when the box is empty. */
  matches: ReadonlySet<string> | null;
  filters: Filters;
  hidden: Readonly<Record<string, boolean>>;
};

type RegisterState = {
  byKind: Record<RegisterKind, KindState>;
  load: (kind: RegisterKind) => Promise<void>;
  search: (kind: RegisterKind, query: string) => Promise<void>;
  setFilters: (kind: RegisterKind, filters: Partial<Filters>) => void;
  toggleColumn: (kind: RegisterKind, column: string) => void;
};

const initial = (): KindState => ({ rows: [], loaded: false, query: '', matches: null, filters: NO_FILTERS, hidden: { updated: true } });

/** Each keystroke sends a search; only the answer to the latest one is kept. */
const searchSeq: Record<RegisterKind, number> = { controller: 0, processor: 0 };

export const useRegister = create<RegisterState>()((set, get) => {
  const patch = (kind: RegisterKind, p: Partial<KindState>) =>
    set({ byKind: { ...get().byKind, [kind]: { ...get().byKind[kind], ...p } } });
  return {
    byKind: { controller: initial(), processor: initial() },
    load: async (kind) => {
      const rows = await call('register:list', { kind, scope: 'live' });
      patch(kind, { rows, loaded: true });
      const { query } = get().byKind[kind];
      if (query) await get().search(kind, query);
    },
    search: async (kind, query) => {
      const seq = ++searchSeq[kind];
      patch(kind, { query });
      if (query.trim() === '') {
        patch(kind, { matches: null });
        return;
      }
      const ids = await call('register:search', { kind, query });
      if (seq === searchSeq[kind]) patch(kind, { matches: new Set(ids) });
    },
    setFilters: (kind, filters) => patch(kind, { filters: { ...get().byKind[kind].filters, ...filters } }),
    toggleColumn: (kind, column) => {
      const hidden = get().byKind[kind].hidden;
      patch(kind, { hidden: { ...hidden, [column]: !hidden[column] } });
    },
  };
});
