import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/contract';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { Badge, Section, formatDate } from '../../components/ui';
import { useApp } from '../../store/app';
import { nextClock } from '../../../../shared/domain/breach';
import { ClockCard, useNow } from '../breach/Clock';
import { WarningList, useCountryName } from '../transfer/common';
import { ThisWeekPanel, useWeek } from './ThisWeek';

export function DashboardPage() {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState('');
  const now = useNow();
  const { week } = useWeek();
  useEffect(() => {
    call('dashboard:get', {}).then(setData, (e) => setError(describeError(e)));
  }, []);
  if (error) return <p className="error" role="alert">{error}</p>;
  if (!data) return <p className="muted">{t('register.loading')}</p>;
  const kinds = ['controller', 'processor'] as const;
  return (
    <div className="page">
      <header className="page-head">
        <h1>{t('dashboard.title')}</h1>
      </header>
      {data.organisationMissing.length > 0 ? (
        <div className="notice notice-warn">
          {t('dashboard.orgMissing')}{' '}
          <a href={routeHash({ page: 'organisation' })}>
            {data.organisationMissing.map((k) => t(`org.${k}`, { defaultValue: t(`fields.${k}`) })).join(', ')}
          </a>
        </div>
      ) : null}
      {week ? <ThisWeekPanel week={week} /> : null}
      <Section title={`${t('dashboard.breaches')} (${data.breaches.length})`} actions={<a href={routeHash({ page: 'breaches' })}>{t('dashboard.breachLog')}</a>}>
        {data.breaches.length === 0 ? (
          <p className="muted">{t('dashboard.noBreach')}</p>
        ) : (
          <ul className="plain-list" data-testid="breach-clocks">
            {data.breaches.map((b) => {
              const clock = nextClock(b.clocks);
              return (
                <li key={b.id} className="dash-breach">
                  <div>
                    <a href={routeHash({ page: 'breach', id: b.id })}>
                      <strong>{b.ref}</strong> {b.title}
                    </a>{' '}
                    <Badge tone={b.status === 'open' ? 'bad' : 'warn'}>{t(`breach.status.${b.status}`)}</Badge>
                  </div>
                  {clock ? <ClockCard clock={clock} now={now} compact /> : <span className="muted small">{t('dashboard.noRunningClock')}</span>}
                </li>
              );
            })}
          </ul>
        )}
      </Section>
      <div className="stats">
        {kinds.map((kind) => {
          const c = data.counts[kind];
          return (
            <a key={kind} className="stat" href={routeHash({ page: 'register', kind })} data-testid={`stat-${kind}`}>
              <span className="stat-title">{t(`nav.${kind}`)}</span>
              <span className="stat-number">{c.active + c.draft + c.archived}</span>
              <span className="stat-detail">
                {(['active', 'draft', 'archived'] as const).map((s) => `${c[s]} ${t(`enums.status.${s}`).toLowerCase()}`).join(' · ')}
              </span>
            </a>
          );
        })}
        <a className="stat" href={routeHash({ page: 'trash' })}>
          <span className="stat-title">{t('nav.trash')}</span>
          <span className="stat-number">{data.trash}</span>
          <span className="stat-detail">{t('dashboard.trash', { count: data.trash })}</span>
        </a>
      </div>
      <SupplierAlertsSection alerts={data.suppliers} />
      <Section title={`${t('dashboard.transferWarnings')} (${data.transfers.length})`} actions={<a href={routeHash({ page: 'transfers' })}>{t('transfers.title')}</a>}>
        {data.transfers.length === 0 ? (
          <p className="muted">{t('dashboard.noTransferWarning')}</p>
        ) : (
          <ul className="plain-list" data-testid="transfer-warnings-dashboard">
            {data.transfers.map((tr) => (
              <li key={tr.id} className={tr.warnings.some((w) => w.severity === 'critical') ? 'dashboard-critical' : undefined} data-critical={tr.warnings.some((w) => w.severity === 'critical') ? 'true' : undefined}>
                <a href={routeHash({ page: 'transfer', id: tr.id })}>{tr.title}</a>
                <WarningList warnings={tr.warnings} />
              </li>
            ))}
          </ul>
        )}
      </Section>
      {data.transfersToConvert.length ? (
        <Section title={`${t('dashboard.transfersToConvert')} (${data.transfersToConvert.length})`}>
          <p className="muted small">{t('dashboard.transfersToConvertHelp')}</p>
          <ul className="plain-list" data-testid="transfers-to-convert-dashboard">
            {data.transfersToConvert.map((r) => (
              <li key={r.id}>
                <a href={`${routeHash({ page: 'record', kind: r.kind, id: r.id })}`}>
                  {r.ref} – {r.name}
                </a>{' '}
                <span className="muted small">{t('dashboard.toConvertCount', { count: r.transfersToConvert })}</span>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      <div className="two-cols">
        <Section title={`${t('dashboard.incomplete')} (${data.incomplete.length})`}>
          {data.incomplete.length === 0 ? (
            <p className="muted">{t('dashboard.noIncomplete')}</p>
          ) : (
            <ul className="plain-list" data-testid="incomplete-list">
              {data.incomplete.map((r) => (
                <li key={r.id}>
                  <a href={routeHash({ page: 'record', kind: r.kind, id: r.id })}>
                    <strong>{r.ref}</strong> {r.name}
                  </a>{' '}
                  <Badge tone={r.status === 'active' ? 'bad' : 'warn'}>{t(`enums.status.${r.status}`)}</Badge>
                  <div className="muted small">
                    {r.missing.map((k) => t(`fields.${k}`)).filter((v, i, a) => a.indexOf(v) === i).join(', ')}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section title={`${t('dashboard.overdue')} (${data.reviewsOverdue.length})`}>
          {data.reviewsOverdue.length === 0 ? (
            <p className="muted">{t('dashboard.noOverdue')}</p>
          ) : (
            <ul className="plain-list" data-testid="overdue-list">
              {data.reviewsOverdue.map((r) => (
                <li key={r.id}>
                  <a href={routeHash({ page: 'record', kind: r.kind, id: r.id })}>
                    <strong>{r.ref}</strong> {r.name}
                  </a>{' '}
                  <Badge tone="bad">{t('dashboard.due', { date: formatDate(r.nextReview, language) })}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </div>
  );
}

function SupplierAlertsSection({ alerts }: { alerts: Dashboard['suppliers'] }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const d = (iso: string) => formatDate(iso, language);
  const country = useCountryName();
  const items: Array<{ key: string; href: string; name: string; text: string; tone: 'bad' | 'warn' }> = [
    ...alerts.auditsDue.map((a) => ({ key: `due-${a.id}`, href: routeHash({ page: 'supplier', id: a.id }), name: a.name, text: t(a.late ? 'dashboard.auditLate' : 'dashboard.auditDue', { date: d(a.nextAuditOn) }), tone: a.late ? ('bad' as const) : ('warn' as const) })),
    ...alerts.auditsLate.map((a) => ({ key: `late-${a.auditId}`, href: routeHash({ page: 'audit', id: a.auditId }), name: a.name, text: t('dashboard.answersLate', { date: d(a.dueOn) }), tone: 'bad' as const })),
    ...alerts.certificationsExpiring.map((c, i) => ({ key: `cert-${c.id}-${i}`, href: routeHash({ page: 'supplier', id: c.id }), name: c.name, text: t('dashboard.certExpiring', { cert: c.label ? `${t(`supplier.cert.${c.type}`)} ${c.label}` : t(`supplier.cert.${c.type}`), date: d(c.expires) }), tone: 'warn' as const })),
    ...alerts.missingClauses.map((m) => ({ key: `dpa-${m.id}`, href: routeHash({ page: 'supplier', id: m.id }), name: m.name, text: t('dashboard.clausesMissing', { count: m.count }), tone: 'bad' as const })),
    ...alerts.transferGaps.map((g) => ({ key: `gap-${g.id}`, href: routeHash({ page: 'supplier', id: g.id }), name: g.name, text: t('suppliers.transferGap', { countries: g.countries.map(country).join(', ') }), tone: 'bad' as const })),
    ...alerts.actionsOverdue.map((a, i) => ({ key: `act-${a.auditId}-${i}`, href: routeHash({ page: 'audit', id: a.auditId }), name: a.name, text: t('dashboard.actionOverdue', { title: a.title, date: d(a.due) }), tone: 'bad' as const })),
  ];
  return (
    <Section title={`${t('dashboard.supplierAlerts')} (${items.length})`} actions={<a href={routeHash({ page: 'suppliers' })}>{t('suppliers.title')}</a>}>
      {items.length === 0 ? (
        <p className="muted">{t('dashboard.noSupplierAlert')}</p>
      ) : (
        <ul className="plain-list" data-testid="supplier-alerts">
          {items.map((x) => (
            <li key={x.key}>
              <a href={x.href}>{x.name}</a> <Badge tone={x.tone}>{x.text}</Badge>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
