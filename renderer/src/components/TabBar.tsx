import { Badge } from './ui';

/** The tabs of an editor, each with the number of its fields that need fixing. */
export function TabBar<T extends string>(props: { tabs: ReadonlyArray<T>; current: T; onChange: (tab: T) => void; label: (tab: T) => string; errors?: (tab: T) => number }) {
  return (
    <div className="tabs" role="tablist">
      {props.tabs.map((k) => {
        const n = props.errors?.(k) ?? 0;
        return (
          <button key={k} type="button" role="tab" aria-selected={props.current === k} className={props.current === k ? 'tab on' : 'tab'} onClick={() => props.onChange(k)}>
            {props.label(k)}
            {n > 0 ? (
              <span className="count">
                <Badge tone="bad">{n}</Badge>
              </span>
            ) : null}
          </button>
        );
      })}
    </div>
  );
}
