import { create } from 'zustand';
import type { RegisterKind } from '../../../shared/domain/enums';

export type Filters = {
  status: string;
  legalBasis: string;
  department: string;
  special: string;
  transfer: string;
  overdue: boolean;
};

export const NO_FILTERS: Filters = { status: '', legalBasis: '', department: '', special: '', transfer: '', overdue: false };

/**
 * What the register table asks for, per register: the search box, the toolbar's filters, the
 * hidden columns. The rows themselves are not kept here: the table asks the core for the window
 * it shows (features/register/useRegisterWindow.ts), so a register of 20,000 records never
 * crosses to the renderer whole.
 */
type KindState = {
  query: string;
  filters: Filters;
  hidden: Readonly<Record<string, boolean>>;
  /** Bumped when the register changed elsewhere (a save, an import, a restore): the table asks again. */
  version: number;
};

type RegisterState = {
  byKind: Record<RegisterKind, KindState>;
  /** The register changed: the windows shown are asked again (the name is that of the old full load, kept for its callers). */
  load: (kind: RegisterKind) => Promise<void>;
  search: (kind: RegisterKind, query: string) => Promise<void>;
  setFilters: (kind: RegisterKind, filters: Partial<Filters>) => void;
  toggleColumn: (kind: RegisterKind, column: string) => void;
};

const initial = (): KindState => ({ query: '', filters: NO_FILTERS, hidden: { updated: true }, version: 0 });

export const useRegister = create<RegisterState>()((set, get) => {
  const patch = (kind: RegisterKind, p: Partial<KindState>) =>
    set({ byKind: { ...get().byKind, [kind]: { ...get().byKind[kind], ...p } } });
  return {
    byKind: { controller: initial(), processor: initial() },
    load: async (kind) => patch(kind, { version: get().byKind[kind].version + 1 }),
    search: async (kind, query) => patch(kind, { query }),
    setFilters: (kind, filters) => patch(kind, { filters: { ...get().byKind[kind].filters, ...filters } }),
    toggleColumn: (kind, column) => {
      const hidden = get().byKind[kind].hidden;
      patch(kind, { hidden: { ...hidden, [column]: !hidden[column] } });
    },
  };
});
