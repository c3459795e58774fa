import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PaletteHit } from '../../../../shared/domain/palette';
import { foldForSearch } from '../../../../shared/domain/text';
import { call } from '../../lib/api';
import { navigate, routeHash, type Route } from '../../lib/router';

type Item = Readonly<{ key: string; group: string; label: string; detail: string; route: Route }>;

/** The screens the palette offers by name (the sidebar's, and the "new" forms). */
function screens(t: (k: string) => string): Item[] {
  const s = (key: string, label: string, route: Route): Item => ({ key: `screen:${key}`, group: t('palette.screens'), label, detail: '', route });
  return [
    s('dashboard', t('nav.dashboard'), { page: 'dashboard' }),
    s('controller', t('nav.controller'), { page: 'register', kind: 'controller' }),
    s('processor', t('nav.processor'), { page: 'register', kind: 'processor' }),
    s('organisation', t('nav.organisation'), { page: 'organisation' }),
    s('exports', t('nav.exports'), { page: 'exports' }),
    s('import', t('palette.import'), { page: 'import' }),
    s('breaches', t('nav.breaches'), { page: 'breaches' }),
    s('suppliers', t('nav.suppliers'), { page: 'suppliers' }),
    s('transfers', t('nav.transfers'), { page: 'transfers' }),
    s('lists', t('nav.lists'), { page: 'lists' }),
    s('trash', t('nav.trash'), { page: 'trash' }),
    s('settings', t('nav.settings'), { page: 'settings' }),
    s('newRecord', t('palette.newRecord'), { page: 'record', kind: 'controller', id: 'new' }),
    s('newBreach', t('palette.newBreach'), { page: 'breach', id: 'new' }),
    s('newSupplier', t('palette.newSupplier'), { page: 'supplier', id: 'new' }),
    s('newTransfer', t('palette.newTransfer'), { page: 'transfer', id: 'new' }),
  ];
}

function hitItem(h: PaletteHit, t: (k: string) => string): Item {
  switch (h.type) {
    case 'record':
      return { key: `record:${h.id}`, group: t(`nav.${h.kind ?? 'controller'}`), label: h.ref, detail: h.title, route: { page: 'record', kind: h.kind ?? 'controller', id: h.id } };
    case 'supplier':
      return { key: `supplier:${h.id}`, group: t('nav.suppliers'), label: h.ref, detail: '', route: { page: 'supplier', id: h.id } };
    case 'transfer':
      return { key: `transfer:${h.id}`, group: t('nav.transfers'), label: h.ref, detail: h.title, route: { page: 'transfer', id: h.id } };
    case 'breach':
      return { key: `breach:${h.id}`, group: t('nav.breaches'), label: h.ref, detail: h.title, route: { page: 'breach', id: h.id } };
  }
}

/**
 * "Go to" (Ctrl/Cmd+K, issue 16): a dialog with one combobox; the screens match by name here,
 * everything else through the register's folded search in the core. Typing never queues work:
 * an answer older than the last keystroke is dropped.
 */
export function Palette({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  // The hits and the query they answer: a hit list is shown only for the query typed now.
  const [answer, setAnswer] = useState<{ query: string; hits: ReadonlyArray<PaletteHit> }>({ query: '', hits: [] });
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const titleId = useId();

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => before?.focus?.();
  }, []);

  useEffect(() => {
    const mine = ++seq.current;
    if (!query.trim()) return;
    const timer = setTimeout(() => {
      call('palette:search', { query }).then(
        (found) => mine === seq.current && setAnswer({ query, hits: found }),
        () => mine === seq.current && setAnswer({ query, hits: [] }),
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [query]);

  const words = foldForSearch(query).split(/\s+/).filter(Boolean);
  const screenItems = screens(t).filter((s) => words.length === 0 || words.every((w) => foldForSearch(s.label).includes(w)));
  const hits = answer.query === query ? answer.hits : [];
  const items = [...(words.length ? hits.map((h) => hitItem(h, t)) : []), ...screenItems];
  const current = Math.min(active, Math.max(0, items.length - 1));

  const go = (item: Item | undefined) => {
    if (!item) return;
    onClose();
    navigate(item.route);
  };
  const onKey = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, items.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') go(items[current]);
    else if (e.key === 'Escape') onClose();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <h2 id={titleId} className="visually-hidden">
          {t('palette.title')}
        </h2>
        <input
          ref={input}
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={items[current] ? `${listId}-${current}` : undefined}
          aria-label={t('palette.title')}
          placeholder={t('palette.placeholder')}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKey}
        />
        <ul id={listId} role="listbox" aria-label={t('palette.results')} className="palette-list">
          {items.length === 0 ? (
            <li className="muted palette-empty" role="option" aria-selected="false" aria-disabled="true">
              {t('palette.none')}
            </li>
          ) : (
            items.map((item, i) => (
              <li
                key={item.key}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                className={i === current ? 'palette-item current' : 'palette-item'}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => {
                  e.preventDefault();
                  go(item);
                }}
              >
                <span className="palette-group">{item.group}</span>
                <a href={routeHash(item.route)} tabIndex={-1} onClick={(e) => e.preventDefault()}>
                  <strong>{item.label}</strong>
                  {item.detail ? <span className="muted"> – {item.detail}</span> : null}
                </a>
              </li>
            ))
          )}
        </ul>
        <p className="muted small palette-help">{t('palette.help')}</p>
        <button type="button" className="visually-hidden" data-dialog-close onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
    </div>
  );
}

const SHORTCUTS = [
  ['mod+K', 'palette'],
  ['mod+S', 'save'],
  ['mod+N / Alt+N', 'new'],
  ['/ · mod+F', 'search'],
  ['Esc', 'close'],
  ['?', 'help'],
] as const;

/** The shortcut sheet ("?", Help menu). */
export function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const close = useRef<HTMLButtonElement>(null);
  const mod = /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';
  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => before?.focus?.();
  }, []);
  return (
    <div className="overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="palette shortcut-sheet" role="dialog" aria-modal="true" aria-labelledby={titleId} onKeyDown={(e) => e.key === 'Escape' && onClose()}>
        <h2 id={titleId}>{t('shortcuts.title')}</h2>
        <table className="table">
          <tbody>
            {SHORTCUTS.map(([keys, action]) => (
              <tr key={action}>
                <td>
                  <kbd>{keys.replace(/mod/g, mod)}</kbd>
                </td>
                <td>{t(`shortcuts.${action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted small">{t('shortcuts.browserNote')}</p>
        <p className="row-actions">
          <button ref={close} type="button" className="button" data-dialog-close onClick={onClose}>
            {t('common.close')}
          </button>
        </p>
      </div>
    </div>
  );
}
