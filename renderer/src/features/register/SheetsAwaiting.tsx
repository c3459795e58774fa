import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AwaitingSheet } from '../../../../shared/domain/record-sheet';
import { call } from '../../lib/api';
import { routeHash } from '../../lib/router';
import { formatDate } from '../../components/ui';
import { useApp } from '../../store/app';

/**
 * The record sheets sent to business owners (as workbooks) and not returned yet, the oldest
 * first: self-contained (it reads `recordSheet:awaiting` itself), for the dashboard.
 */
export function SheetsAwaiting() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [rows, setRows] = useState<ReadonlyArray<AwaitingSheet> | null>(null);
  useEffect(() => {
    call('recordSheet:awaiting', {}).then(setRows, () => setRows([]));
  }, []);
  return (
    <section className="card" aria-label={t('recordSheets.awaitingTitle')} data-testid="sheets-awaiting">
      <header className="card-head">
        <h2>{t('recordSheets.awaitingTitle')}</h2>
      </header>
      <div className="card-body">
        {rows === null ? null : rows.length === 0 ? (
          <p className="muted small">{t('recordSheets.awaitingNone')}</p>
        ) : (
          <ul className="plain-list">
            {rows.map((s) => (
              <li key={s.id}>
                <a href={routeHash({ page: 'record', kind: 'controller', id: s.recordId })}>
                  <span className="ref">{s.ref}</span> {s.name}
                </a>{' '}
                <span className="muted small">
                  {t('recordSheets.awaitingSince', { date: formatDate(s.sentAt.slice(0, 10), language) })}
                  {s.sentToName || s.sentToEmail ? ` – ${[s.sentToName, s.sentToEmail].filter(Boolean).join(' – ')}` : ''}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
