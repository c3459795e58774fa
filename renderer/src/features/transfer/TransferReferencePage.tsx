import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TransferReference } from '../../../../shared/domain/transfer';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { Section, formatDate } from '../../components/ui';
import { useApp } from '../../store/app';
import { useCountryName } from './common';

/** The dated reference the warnings rest on: EEA, adequacy decisions and their scope, SCC modules, invalidated mechanisms. */
export function TransferReferencePage() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const country = useCountryName();
  const [ref, setRef] = useState<TransferReference | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    call('transfer:reference', {}).then(setRef, (e) => setError(describeError(e)));
  }, []);
  if (error) return <p className="notice notice-bad">{error}</p>;
  if (!ref) return <p className="muted">{t('register.loading')}</p>;
  const fr = language === 'fr';
  return (
    <div className="page">
      <header className="page-head">
        <div>
          <a className="muted small" href={routeHash({ page: 'transfers' })}>
            ← {t('transfers.title')}
          </a>
          <h1>{t('transfers.reference')}</h1>
          <p className="muted small" data-testid="reference-as-of">
            {t('transferDoc.referenceAsOf', { date: formatDate(ref.asOf, language) })} {t('transfers.referenceHelp')}
          </p>
        </div>
      </header>
      <Section title={t('transfers.referenceNotes')}>
        {ref.notes.map((n) => (
          <div key={n.id} className="note" data-testid={`note-${n.id}`}>
            <h3>
              {fr ? n.titleFr : n.titleEn} — {formatDate(n.date, language)}
            </h3>
            <p>{fr ? n.textFr : n.textEn}</p>
          </div>
        ))}
      </Section>
      <Section title={t('transferDoc.notes')}>
        {ref.invalidated.map((n) => (
          <div key={n.mechanism} className="note" data-testid={`note-${n.mechanism}`}>
            <h3>
              {fr ? n.titleFr : n.titleEn} — {formatDate(n.date, language)}
            </h3>
            <p className="muted small">{fr ? n.case : n.caseEn}</p>
            <p>{fr ? n.meaningFr : n.meaningEn}</p>
            <p>
              <strong>{t('transferDoc.todo')} :</strong> {fr ? n.todoFr : n.todoEn}
            </p>
          </div>
        ))}
      </Section>
      <Section title={t('transfers.adequacy')}>
        <table className="data-table">
          <thead>
            <tr>
              <th>{t('transferDoc.country')}</th>
              <th>{t('transfers.scope')}</th>
              <th>{t('transferDoc.case')}</th>
              <th>{t('transfers.oj')}</th>
            </tr>
          </thead>
          <tbody>
            {ref.adequacy.map((a) => (
              <tr key={a.country}>
                <td>{country(a.country)}</td>
                <td>{a.scope === 'full' ? t('transferDoc.adequacyFull') : fr ? a.scopeFr : a.scopeEn}</td>
                <td>
                  {fr ? a.decision : a.decisionEn} ({formatDate(a.date, language)}){a.validUntil ? ` — ${t('transfers.validUntil', { date: formatDate(a.validUntil, language) })}` : ''}
                </td>
                <td>{fr ? a.ojFr : a.ojEn}</td>
              </tr>
            ))}
            {ref.internationalOrganisations.map((o) => (
              <tr key={o.code} data-testid={`adequacy-${o.code}`}>
                <td>{fr ? o.nameFr : o.nameEn}</td>
                <td>{t('transferDoc.adequacyFull')}</td>
                <td>
                  {fr ? o.decision : o.decisionEn} ({formatDate(o.date, language)})
                </td>
                <td>{fr ? o.ojFr : o.ojEn}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
      <Section title={t('transfers.modules')}>
        <ul className="plain-list">
          {ref.sccModules.map((m) => (
            <li key={m.module}>{t(`transfer.module.${m.module}`)}</li>
          ))}
        </ul>
      </Section>
      <Section title={t('transfers.eea')}>
        <p>{ref.eea.map(country).sort((a, b) => a.localeCompare(b, language)).join(', ')}</p>
      </Section>
      <Section title={t('transfers.territories')}>
        <h3>{t('transfers.eeaTerritories')}</h3>
        <ul className="plain-list" data-testid="eea-territories">
          {ref.eeaTerritories.map((x) => (
            <li key={x.code}>
              {country(x.code)} ({x.code}) — {fr ? x.basisFr : x.basisEn}
            </li>
          ))}
        </ul>
        <h3>{t('transfers.nonEeaTerritories')}</h3>
        <ul className="plain-list" data-testid="non-eea-territories">
          {ref.nonEeaTerritories.map((x) => (
            <li key={x.code}>
              {country(x.code)} ({x.code}) — {fr ? x.basisFr : x.basisEn}
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
