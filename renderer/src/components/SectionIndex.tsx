import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Entry = Readonly<{ id: string; title: string }>;

/**
 * The index of a long form's sections (issue 16: the record form is six screens long): one link
 * per section, the section on screen marked as current while the user scrolls. It reads the
 * sections the form renders (`section.card[id]` with their label), so a form adds none of its own.
 */
export function SectionIndex({ scope, deps }: { /** A selector for the form whose sections are listed. */ scope: string; /** Re-read the sections when these change (the form's kind, its tab). */ deps: ReadonlyArray<unknown> }) {
  const { t } = useTranslation();
  const [sections, setSections] = useState<Entry[]>([]);
  const [current, setCurrent] = useState('');

  useEffect(() => {
    const root = document.querySelector(scope);
    if (!root) return;
    const found = [...root.querySelectorAll<HTMLElement>('section.card[id]')].map((el) => ({ id: el.id, title: el.getAttribute('aria-label') ?? el.id }));
    setSections(found);
    const visible = new Map<string, number>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const e of entries) visible.set(e.target.id, e.isIntersecting ? e.boundingClientRect.top : Number.POSITIVE_INFINITY);
        // The current section: the first one whose top is in the upper part of the screen.
        const first = found.find((s) => (visible.get(s.id) ?? Number.POSITIVE_INFINITY) !== Number.POSITIVE_INFINITY);
        if (first) setCurrent(first.id);
      },
      { rootMargin: '-140px 0px -55% 0px' },
    );
    for (const s of found) {
      const el = document.getElementById(s.id);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [scope, ...deps]);

  if (sections.length < 3) return null;
  const go = (id: string) => {
    const el = document.getElementById(id);
    if (!el) return;
    el.scrollIntoView({ behavior: 'smooth', block: 'start' });
    setCurrent(id);
    // Keyboard users land in the section: its first field.
    el.querySelector<HTMLElement>('input, select, textarea, button')?.focus({ preventScroll: true });
  };
  return (
    <nav className="section-index" aria-label={t('sectionIndex.label')}>
      <ul>
        {sections.map((s) => (
          <li key={s.id}>
            <a
              href={`#${s.id}`}
              aria-current={current === s.id ? 'location' : undefined}
              className={current === s.id ? 'current' : undefined}
              onClick={(e) => {
                e.preventDefault(); // the address holds the route, not an anchor
                go(s.id);
              }}
            >
              {s.title}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
