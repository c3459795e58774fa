import { useSyncExternalStore } from 'react';
import { OBLIGATION_KINDS, type ObligationKind } from '../../../shared/domain/obligations';
import { QUICK_FILTERS, type QuickFilter } from '../../../shared/domain/register-list';

/**
 * Hash routes ("#/record/controller/<id>"), so that a reload, in Electron or in the browser,
 * comes back to the same screen, and no navigation ever leaves the app's own page.
 */
export type Route =
  | { page: 'dashboard' }
  /** `quick`: a filter of the dashboard's "show all" links (`#/register/controller?quick=reviewOverdue`). */
  /** `by`: the last day of `quick=reviewDue` (the "This week" panel's review chip). */
  | { page: 'register'; kind: 'controller' | 'processor'; quick?: QuickFilter; by?: string }
  /** The items of one kind that the "This week" panel counts (the list its chip opens). */
  | { page: 'week'; kind: ObligationKind }
  | { page: 'record'; kind: 'controller' | 'processor'; id: string | 'new' }
  | { page: 'organisation' }
  | { page: 'lists' }
  | { page: 'trash' }
  | { page: 'settings' }
  | { page: 'exports' }
  | { page: 'breaches' }
  | { page: 'breach'; id: string | 'new' }
  | { page: 'suppliers' }
  | { page: 'supplier'; id: string | 'new' }
  | { page: 'audit'; id: string }
  | { page: 'templates' }
  | { page: 'transfers' }
  /** `from`: a new transfer prefilled from that register record; `convert`: from that record's transfer to convert (its index). */
  | { page: 'transfer'; id: string | 'new'; from?: string; convert?: number; supplier?: string; country?: string }
  | { page: 'transferReference' }
  | { page: 'import' };

const isKind = (k: string | undefined): k is 'controller' | 'processor' => k === 'controller' || k === 'processor';

export function parseRoute(hash: string): Route {
  // A list page's filter rides after "?" (issue 15: "#/transfers?warnings=1", "#/register/controller?quick=reviewOverdue"); the route is before it.
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [page, a, b, c] = parts;
  if (page === 'register' && isKind(a)) {
    const query = new URLSearchParams(search);
    const quick = query.get('quick');
    const by = query.get('by');
    if (!(QUICK_FILTERS as ReadonlyArray<string | null>).includes(quick)) return { page: 'register', kind: a };
    return { page: 'register', kind: a, quick: quick as QuickFilter, ...(quick === 'reviewDue' && by && /^\d{4}-\d{2}-\d{2}$/.test(by) ? { by } : {}) };
  }
  if (page === 'week' && (OBLIGATION_KINDS as ReadonlyArray<string | undefined>).includes(a)) return { page: 'week', kind: a as ObligationKind };
  if (page === 'record' && isKind(a) && b) return { page: 'record', kind: a, id: b };
  if (page === 'breach' && a) return { page: 'breach', id: a };
  if (page === 'breaches' || page === 'suppliers' || page === 'templates') return { page };
  if (page === 'supplier' && a) return { page: 'supplier', id: a };
  if (page === 'audit' && a) return { page: 'audit', id: a };
  if (page === 'transfers' || page === 'transferReference' || page === 'import') return { page };
  if (page === 'transfer' && a === 'new' && !b && search) {
    // A new transfer started from a supplier's page: "#/transfer/new?supplier=<id>&country=US".
    const query = new URLSearchParams(search);
    const supplier = query.get('supplier');
    const country = query.get('country');
    if (supplier) return { page: 'transfer', id: a, supplier, ...(country && /^[A-Z]{2}$/.test(country) ? { country } : {}) };
  }
  if (page === 'transfer' && a === 'new' && b) return { page: 'transfer', id: a, from: b, ...(c !== undefined && /^\d+$/.test(c) ? { convert: Number(c) } : {}) };
  if (page === 'transfer' && a) return { page: 'transfer', id: a };
  if (page === 'organisation' || page === 'lists' || page === 'trash' || page === 'settings' || page === 'exports') return { page };
  return { page: 'dashboard' };
}

export function routeHash(route: Route): string {
  switch (route.page) {
    case 'register':
      return `#/register/${route.kind}${route.quick ? `?quick=${route.quick}${route.by ? `&by=${route.by}` : ''}` : ''}`;
    case 'week':
      return `#/week/${route.kind}`;
    case 'record':
      return `#/record/${route.kind}/${encodeURIComponent(route.id)}`;
    case 'breach':
      return `#/breach/${encodeURIComponent(route.id)}`;
    case 'supplier':
      return `#/supplier/${encodeURIComponent(route.id)}`;
    case 'audit':
      return `#/audit/${encodeURIComponent(route.id)}`;
    case 'transfer':
      if (route.supplier) return `#/transfer/new?supplier=${encodeURIComponent(route.supplier)}${route.country ? `&country=${route.country}` : ''}`;
      return `#/transfer/${encodeURIComponent(route.id)}${route.from ? `/${encodeURIComponent(route.from)}${route.convert !== undefined ? `/${route.convert}` : ''}` : ''}`;
    default:
      return `#/${route.page}`;
  }
}

/** The filter after "?" in the address ("#/breaches?show=open"), read by the list pages (issue 15). */
export function routeQuery(): URLSearchParams {
  const hash = window.location.hash;
  const at = hash.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : hash.slice(at + 1));
}

export function navigate(route: Route): void {
  window.location.hash = routeHash(route);
}

/**
 * A page with unsaved edits can refuse to be left: the guard runs before the app sees the new
 * route (this listener is registered first) and, if it says no, the address is put back.
 */
let leaveGuard: (() => boolean) | null = null;

export function setLeaveGuard(guard: () => boolean): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

window.addEventListener('hashchange', (event) => {
  if (leaveGuard && !leaveGuard()) {
    event.stopImmediatePropagation();
    history.replaceState(null, '', event.oldURL);
  }
});

function subscribe(cb: () => void) {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  return parseRoute(hash);
}
