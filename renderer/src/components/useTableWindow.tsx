import { useLayoutEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';

/**
 * The rows of a long table drawn as the page scrolls (issue 15: 2,000 suppliers or transfers, 500
 * breaches drew every row, seconds with a screen reader on). The table stays a table: the rows in
 * view (and a margin) between two spacer rows that keep the scroll height; each drawn row is
 * measured, so rows of any height work. The page's scrolling container is `.content`.
 *
 * @example
 * const win = useTableWindow(shown.length);
 * <tbody ref={win.bodyRef}>{win.top}{win.items.map((v) => <tr key={…} data-index={v.index} ref={win.measure} aria-rowindex={v.index + 2}>…</tr>)}{win.bottom}</tbody>
 */
export function useTableWindow(count: number, estimate = 56) {
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const [margin, setMargin] = useState(0);
  useLayoutEffect(() => {
    const body = bodyRef.current;
    const el = (body?.closest('.content') as HTMLElement | null) ?? document.scrollingElement as HTMLElement | null;
    if (!body || !el) return;
    setScroller(el);
    setMargin(body.getBoundingClientRect().top - el.getBoundingClientRect().top + el.scrollTop);
  }, [count]);
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scroller, estimateSize: () => estimate, overscan: 12, scrollMargin: margin });
  const items = virtualizer.getVirtualItems();
  const first = items[0];
  const last = items[items.length - 1];
  const padTop = first ? first.start - margin : 0;
  const padBottom = last ? virtualizer.getTotalSize() - (last.end - margin) : 0;
  const spacer = (height: number, key: string) => (height > 0 ? <tr key={key} aria-hidden="true" className="spacer-row" style={{ height }} /> : null);
  return { bodyRef, items, measure: virtualizer.measureElement, top: spacer(padTop, 'top'), bottom: spacer(padBottom, 'bottom') };
}
