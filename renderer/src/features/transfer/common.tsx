import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { localWarningParams, type TransferSummary, type TransferWarning } from '../../../../shared/domain/transfer';
import { countryName } from '../../../../shared/domain/countries';
import { call } from '../../lib/api';
import { routeHash } from '../../lib/router';
import { formatDate } from '../../components/ui';
import { useApp } from '../../store/app';

/** Country names in the user's language, from ISO codes (Intl.DisplayNames: no table to keep). */
export function useCountryName(): (code: string) => string {
  const language = useApp((s) => s.language);
  return useMemo(() => (code: string) => countryName(language, code), [language]);
}

/** Every country of the reference, as [code, name] sorted by name in the user's language. */
export function useCountryOptions(): Array<[string, string]> {
  const language = useApp((s) => s.language);
  const name = useCountryName();
  const [codes, setCodes] = useState<ReadonlyArray<string>>([]);
  useEffect(() => {
    call('transfer:reference', {}).then((r) => setCodes(r.countries), () => setCodes([]));
  }, []);
  return useMemo(() => codes.map((c) => [c, name(c)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1], language)), [codes, name, language]);
}

/** A transfer's warnings as sentences, dates in the user's format. */
export function useWarningText(): (w: TransferWarning) => string {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  return (w) => {
    const p = localWarningParams(w, language);
    for (const k of ['since', 'date', 'checkedOn']) if (typeof p[k] === 'string') p[k] = formatDate(String(p[k]), language);
    return t(`transfer.warning.${w.key}`, p);
  };
}

export function WarningList({ warnings, testId }: { warnings: ReadonlyArray<TransferWarning>; testId?: string }) {
  const text = useWarningText();
  if (warnings.length === 0) return null;
  return (
    <ul className="warnings" data-testid={testId}>
      {warnings.map((w) => (
        <li key={w.key} className={w.severity === 'critical' ? 'warning warning-critical' : 'warning'} data-warning={w.key} data-severity={w.severity ?? 'warning'}>
          ⚠ {text(w)}
        </li>
      ))}
    </ul>
  );
}

/** The transfers of a supplier or of a register activity, with their warnings (shown on those pages). */
export function TransfersPanel({ by, title, action }: { by: { supplierId?: string; activityId?: string }; title: string; action?: ReactNode }) {
  const { t } = useTranslation();
  const [rows, setRows] = useState<ReadonlyArray<TransferSummary>>([]);
  const country = useCountryName();
  const key = `${by.supplierId ?? ''}${by.activityId ?? ''}`;
  useEffect(() => {
    call('transfer:for', by).then(setRows, () => setRows([]));
  }, [key]);
  return (
    <section className="card" aria-label={title} data-testid="linked-transfers">
      <header className="card-head">
        <h2>{title}</h2>
        {action}
      </header>
      <div className="card-body">
        {rows.length === 0 ? (
          <p className="muted small">{t('transfers.noneLinked')}</p>
        ) : (
          <ul className="plain-list">
            {rows.map((r) => (
              <li key={r.id}>
                <a href={routeHash({ page: 'transfer', id: r.id })}>{r.title}</a>{' '}
                <span className="muted small">
                  {country(r.importerCountry)} · {r.mechanism ? t(`transfer.mechanism.${r.mechanism}`) : '—'}
                </span>
                <WarningList warnings={r.warnings} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
