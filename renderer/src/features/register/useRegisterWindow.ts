import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { RegisterSummary } from '../../../../shared/domain/register';
import type { RegisterWindowArgs } from '../../../../shared/domain/register-list';
import { call } from '../../lib/api';

/**
 * Rows per request: a screen of rows (about 20 at 1440 × 900) and the virtualizer's margin. Each
 * keystroke asks for the first page: 50 rows are half the JSON to make, parse and turn into table
 * rows of the 100 asked before (issue 15: keystroke to table painted).
 */
export const PAGE = 50;

export type WindowParams = Omit<RegisterWindowArgs, 'offset' | 'limit'>;

export type WindowView = Readonly<{
  /** The query these rows answer (changes with the search, the sort, the filters, a save). */
  key: string;
  /** The search these rows answer (the grid carries it as data-search: the bench and the tests wait for it). */
  search: string;
  total: number;
  all: number;
  pages: ReadonlyMap<number, ReadonlyArray<RegisterSummary>>;
}>;

type Fetch = (args: RegisterWindowArgs) => Promise<{ total: number; all: number; rows: ReadonlyArray<RegisterSummary> }>;

/**
 * The rows of the register table, asked of the core a window at a time (issue 15).
 *
 * Typing never queues work: at most one request for a new query is on its way; keystrokes typed
 * meanwhile only replace the query to ask next, and an answer to a query that is no longer the
 * current one is dropped, never painted. The table keeps showing the previous answer until the
 * answer to the last query arrives (no flash of empty rows while typing).
 */
export function useRegisterWindow(params: WindowParams, version: number, onError: (e: unknown) => void, fetch: Fetch = (a) => call('register:window', a)) {
  const key = `${JSON.stringify(params)}#${version}`;
  const [view, setView] = useState<WindowView | null>(null);
  const current = useRef({ key, params });
  current.current = { key, params };
  const state = useRef({ headBusy: false, headAgain: false, pagesBusy: new Set<string>(), view: null as WindowView | null });
  const errorRef = useRef(onError);
  errorRef.current = onError;
  const fetchRef = useRef(fetch);
  fetchRef.current = fetch;

  const show = useCallback((v: WindowView) => {
    state.current.view = v;
    setView(v);
  }, []);

  const askHead = useCallback(() => {
    const s = state.current;
    if (s.headBusy) {
      s.headAgain = true;
      return;
    }
    s.headBusy = true;
    s.headAgain = false;
    const { key: asked, params: p } = current.current;
    fetchRef
      .current({ ...p, offset: 0, limit: PAGE })
      .then(
        (w) => {
          if (asked === current.current.key) show({ key: asked, search: p.search ?? '', total: w.total, all: w.all, pages: new Map([[0, w.rows]]) });
        },
        (e) => {
          if (asked === current.current.key) errorRef.current(e);
        },
      )
      .finally(() => {
        s.headBusy = false;
        // A newer query came while this one ran: ask for it now (only the last one).
        if (s.headAgain || asked !== current.current.key) askHead();
      });
  }, [show]);

  // Asked as soon as the keystroke's render is committed, not after the next paint (a passive effect would wait a frame).
  useLayoutEffect(() => {
    askHead();
  }, [key, askHead]);

  /** Asks for the pages holding rows `from`..`to` (indexes in the whole answer) that are not there yet. */
  const ensure = useCallback((from: number, to: number) => {
    const s = state.current;
    const v = s.view;
    if (!v || v.key !== current.current.key || v.total === 0) return;
    const first = Math.max(0, Math.floor(from / PAGE));
    const last = Math.min(Math.floor((v.total - 1) / PAGE), Math.floor(Math.max(from, to) / PAGE));
    for (let page = first; page <= last; page++) {
      const busy = `${v.key}|${page}`;
      if (v.pages.has(page) || s.pagesBusy.has(busy)) continue;
      s.pagesBusy.add(busy);
      fetchRef
        .current({ ...current.current.params, offset: page * PAGE, limit: PAGE })
        .then(
          (w) => {
            const now = s.view;
            if (!now || now.key !== v.key) return; // the query changed meanwhile: dropped
            const pages = new Map(now.pages);
            pages.set(page, w.rows);
            show({ ...now, total: w.total, all: w.all, pages });
          },
          (e) => errorRef.current(e),
        )
        .finally(() => s.pagesBusy.delete(busy));
    }
  }, [show]);

  const rowAt = useCallback((v: WindowView | null, index: number): RegisterSummary | undefined => v?.pages.get(Math.floor(index / PAGE))?.[index % PAGE], []);

  return { view, ensure, rowAt, current: view?.key === key };
}
