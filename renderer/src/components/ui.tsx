import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../lib/i18n';

/** A labelled form control with its error shown right under it, in the user's language. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  required?: boolean;
  hint?: string;
  wide?: boolean;
  /** Two columns of the grid: a choice whose labels are long (issue 16: drop-downs show their whole labels). */
  double?: boolean;
  children: (id: string, describedBy: string | undefined) => ReactNode;
}) {
  const id = useId();
  const errId = `${id}-err`;
  const message = errorText(props.error);
  return (
    <div className={`field${props.wide ? ' field-wide' : props.double ? ' field-double' : ''}${message ? ' field-invalid' : ''}`}>
      <div className="label-row">
        <label htmlFor={id}>{props.label}</label>
        {props.required ? <span className="req" aria-hidden="true">*</span> : null}
      </div>
      {props.children(id, message ? errId : undefined)}
      {props.hint ? <div className="hint">{props.hint}</div> : null}
      {message ? (
        <div className="error" id={errId} role="alert">
          {message}
        </div>
      ) : null}
    </div>
  );
}

export function Badge(props: { tone: 'ok' | 'warn' | 'bad' | 'muted' | 'info'; children: ReactNode; title?: string }) {
  return (
    <span className={`badge badge-${props.tone}`} title={props.title}>
      {props.children}
    </span>
  );
}

export function Section(props: { title: string; id?: string; children: ReactNode; actions?: ReactNode }) {
  return (
    <section className="card" id={props.id} aria-label={props.title}>
      <header className="card-head">
        <h2>{props.title}</h2>
        {props.actions}
      </header>
      <div className="card-body">{props.children}</div>
    </section>
  );
}

export function formatDateTime(iso: string, lang: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}

/**
 * One date formatter per language, made once: toLocaleDateString builds a new Intl formatter at
 * every call, which the register table paid for every row it painted (issue 15: a third of a
 * keystroke's time at 5,000 records, measured in Chromium's profiler).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function formatDate(isoDate: string, lang: string): string {
  if (!isoDate) return '';
  const d = new Date(`${isoDate}T00:00:00`);
  if (Number.isNaN(d.getTime())) return isoDate;
  const locale = lang === 'fr' ? 'fr-FR' : 'en-GB';
  let format = dateFormats.get(locale);
  if (!format) dateFormats.set(locale, (format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' })));
  return format.format(d);
}

/** Under an editor's title: "in the trash", and the message of the last failed save. */
export function FormNotices({ inTrash, banner }: { inTrash: boolean; banner: string }) {
  const { t } = useTranslation();
  return (
    <>
      {inTrash ? <p className="notice notice-warn">{t('record.inTrash')}</p> : null}
      {banner ? (
        <p className="notice notice-bad" role="alert" data-testid="form-banner">
          {banner}
        </p>
      ) : null}
    </>
  );
}

/** A percentage as the reader writes it: "83,3 %" in French, "83.3 %" in English. */
export function formatPct(value: number, lang: string): string {
  // French puts a (non-breaking) space before %, English none.
  return `${value.toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 })}${lang === 'fr' ? '\u00a0%' : '%'}`;
}

/** A field's input with its action beside it (a "Now" button, a unit), or the input alone. */
export function withAction(input: ReactNode, after?: ReactNode): ReactNode {
  return after ? (
    <div className="input-with-action">
      {input}
      {after}
    </div>
  ) : (
    input
  );
}
