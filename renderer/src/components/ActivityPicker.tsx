import { memo, useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useController, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { PickItem } from '../../../shared/contract';
import { call } from '../lib/api';
import { errorText } from '../lib/i18n';
import { useFieldError } from '../features/register/formParts';
import { Badge } from './ui';

/** Rows asked of the core at a time, and the height of one (px): the list draws only what shows. */
const PAGE = 100;
const ROW = 32;
const HEIGHT = 288;

export const pickLabel = (item: Pick<PickItem, 'ref' | 'name'>) => `${item.ref} – ${item.name}`;

/**
 * The register's activities a breach, a supplier or a transfer is linked to (issue 15): a search
 * box over a virtualised listbox that draws only the rows in view, from windows the core answers
 * (`register:pick`), so that 20,000 records cost what 20 do, with a screen reader too.
 *
 * Semantics (WAI-ARIA listbox, multi-select): role=listbox with aria-multiselectable, each row a
 * role=option with aria-selected, aria-setsize / aria-posinset (the rows out of view are not in the
 * page), the active row named by aria-activedescendant. Keys in the list: ↑ ↓ Page↑ Page↓ Home End
 * move, Space (or Enter) ticks, any letter goes to the search box. The ticked activities show above
 * as chips with a "Remove" button each. The form's value stays the array of ids.
 */
export const ActivityPicker = memo(function ActivityPicker(props: { name: string; label: string; hint?: string; /** One register only. */ kind?: 'controller' | 'processor' }) {
  const { t } = useTranslation();
  const { control } = useFormContext();
  const { field } = useController({ control, name: props.name });
  const error = useFieldError(props.name);
  const value: string[] = useMemo(() => (Array.isArray(field.value) ? (field.value as string[]) : []), [field.value]);
  const selected = useMemo(() => new Set(value), [value]);
  const baseId = useId();
  const labelId = `${baseId}-label`;
  const listId = `${baseId}-list`;
  const helpId = `${baseId}-help`;

  const [search, setSearch] = useState('');
  const [total, setTotal] = useState<number | null>(null);
  // The rows of the current search by position; replaced whole when the search changes.
  const [rows, setRows] = useState<ReadonlyMap<number, PickItem>>(new Map());
  const [labels, setLabels] = useState<ReadonlyMap<string, PickItem>>(new Map());
  const [active, setActive] = useState(0);
  const seq = useRef(0);
  const asked = useRef(new Set<number>());
  const listRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  // Each keystroke asks for the first window; an answer to an older search is dropped.
  useEffect(() => {
    const mine = ++seq.current;
    asked.current = new Set([0]);
    call('register:pick', { search, offset: 0, limit: PAGE, selected: [], ...(props.kind ? { kind: props.kind } : {}) }).then(
      (w) => {
        if (mine !== seq.current) return;
        setTotal(w.total);
        setRows(new Map(w.rows.map((r, i) => [i, r])));
        setActive((a) => Math.min(a, Math.max(0, w.total - 1)));
      },
      () => {
        if (mine === seq.current) setTotal(0);
      },
    );
  }, [search]);

  // The chips' labels: asked for the ids the form holds that no loaded row names (a saved link).
  useEffect(() => {
    const missing = value.filter((id) => !labels.has(id));
    if (missing.length === 0) return;
    let live = true;
    call('register:pick', { search: '', offset: 0, limit: 1, selected: missing }).then(
      (w) => {
        if (!live) return;
        setLabels((m) => {
          const next = new Map(m);
          for (const item of w.selected) next.set(item.id, item);
          // An id the register no longer knows keeps a chip (named by its id), so that it can be removed.
          for (const id of missing) if (!next.has(id)) next.set(id, { id, kind: 'controller', ref: id.slice(0, 8), name: '', status: 'draft', deleted: true });
          return next;
        });
      },
      () => {},
    );
    return () => {
      live = false;
    };
  }, [value, labels]);

  const count = total ?? 0;
  const virtualizer = useVirtualizer({ count, getScrollElement: () => listRef.current, estimateSize: () => ROW, overscan: 8 });
  const items = virtualizer.getVirtualItems();

  // The windows the visible rows fall in, asked once per search.
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (total === null) return;
    const mine = seq.current;
    for (let page = Math.floor(first / PAGE); page <= Math.floor(last / PAGE); page++) {
      if (asked.current.has(page)) continue;
      asked.current.add(page);
      call('register:pick', { search, offset: page * PAGE, limit: PAGE, selected: [], ...(props.kind ? { kind: props.kind } : {}) }).then(
        (w) => {
          if (mine !== seq.current) return;
          setRows((m) => {
            const next = new Map(m);
            w.rows.forEach((r, i) => next.set(w.offset + i, r));
            return next;
          });
        },
        () => asked.current.delete(page),
      );
    }
  }, [first, last, total, search]);

  const toggle = useCallback(
    (item: PickItem) => {
      setLabels((m) => (m.has(item.id) ? m : new Map(m).set(item.id, item)));
      field.onChange(selected.has(item.id) ? value.filter((v) => v !== item.id) : [...value, item.id]);
    },
    [field, selected, value],
  );

  const moveTo = (index: number) => {
    const next = Math.max(0, Math.min(count - 1, index));
    setActive(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const onListKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const page = Math.floor(HEIGHT / ROW) - 1;
    const keys: Record<string, () => void> = {
      ArrowDown: () => moveTo(active + 1),
      ArrowUp: () => moveTo(active - 1),
      PageDown: () => moveTo(active + page),
      PageUp: () => moveTo(active - page),
      Home: () => moveTo(0),
      End: () => moveTo(count - 1),
      ' ': () => {
        const item = rows.get(active);
        if (item) toggle(item);
      },
      Enter: () => {
        const item = rows.get(active);
        if (item) toggle(item);
      },
    };
    const act = keys[e.key];
    if (act) {
      e.preventDefault();
      act();
      return;
    }
    // Type to search: a letter typed in the list goes on in the search box.
    if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) {
      e.preventDefault();
      setSearch((s) => s + e.key);
      searchRef.current?.focus();
    } else if (e.key === 'Backspace') {
      e.preventDefault();
      setSearch((s) => s.slice(0, -1));
      searchRef.current?.focus();
    }
  };

  const onSearchKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && count > 0) {
      e.preventDefault();
      setActive(0);
      virtualizer.scrollToIndex(0);
      listRef.current?.focus();
    } else if (e.key === 'Enter') {
      e.preventDefault(); // never submits the form from the search box
    }
  };

  const activeItem = rows.get(active);
  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <div className={`field field-wide picker${error ? ' field-invalid' : ''}`} data-field={props.name} data-testid={`picker-${props.name}`}>
      <div className="label-row" id={labelId}>
        {props.label}
      </div>
      {value.length > 0 ? (
        <ul className="picker-chips" aria-label={t('picker.selected', { count: value.length })} data-testid="picker-chips">
          {value.map((id) => {
            const item = labels.get(id);
            const text = item ? pickLabel(item) : '…';
            return (
              <li key={id} className={`chip chip-on${item?.deleted ? ' chip-deleted' : ''}`}>
                <span>
                  {text}
                  {item?.deleted ? ` ${t('picker.deleted')}` : ''}
                </span>
                <button type="button" className="chip-remove" aria-label={`${t('record.remove')} ${text}`} onClick={() => field.onChange(value.filter((v) => v !== id))}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className="picker-search">
        <input
          ref={searchRef}
          type="search"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onKeyDown={onSearchKey}
          aria-label={t('picker.search', { label: props.label })}
          aria-controls={listId}
          aria-describedby={helpId}
          placeholder={t('picker.placeholder')}
        />
        <span className="muted small" aria-live="polite" data-testid="picker-count">
          {total === null ? t('register.loading') : t('picker.count', { count: total })}
        </span>
      </div>
      <div
        ref={listRef}
        id={listId}
        className="picker-list"
        role="listbox"
        aria-multiselectable="true"
        aria-labelledby={labelId}
        aria-describedby={helpId}
        aria-activedescendant={activeItem && count > 0 ? optionId(active) : undefined}
        tabIndex={0}
        onKeyDown={onListKey}
        onBlur={field.onBlur}
        style={{ height: Math.min(HEIGHT, Math.max(ROW, count * ROW)) }}
      >
        {count === 0 && total !== null ? <div className="muted small picker-empty">{search ? t('picker.none') : t('record.none')}</div> : null}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const item = rows.get(v.index);
            const on = item ? selected.has(item.id) : false;
            return (
              <div
                key={v.key}
                id={optionId(v.index)}
                role="option"
                aria-selected={on}
                aria-setsize={count}
                aria-posinset={v.index + 1}
                className={`picker-option${v.index === active ? ' picker-active' : ''}${on ? ' picker-on' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW, transform: `translateY(${v.start}px)` }}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => {
                  setActive(v.index);
                  listRef.current?.focus();
                  if (item) toggle(item);
                }}
              >
                <span className="picker-tick" aria-hidden="true">
                  {on ? '☑' : '☐'}
                </span>
                {item ? (
                  <>
                    <span className="picker-text">{pickLabel(item)}</span>
                    {item.status !== 'active' ? <Badge tone="muted">{t(`enums.status.${item.status}`)}</Badge> : null}
                  </>
                ) : (
                  <span className="muted">…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="hint" id={helpId}>
        {props.hint ? `${props.hint} ` : ''}
        {t('picker.keys')}
      </div>
      {error ? (
        <div className="error" role="alert">
          {errorText(error)}
        </div>
      ) : null}
    </div>
  );
});
