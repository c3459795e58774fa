import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard, DashboardRegisterTop, DashboardTop } from '../../../../shared/contract';
import { call } from '../../lib/api';
import { describeError } from '../../lib/errors';
import { routeHash } from '../../lib/router';
import { Badge, Section, formatDate } from '../../components/ui';
import { useApp } from '../../store/app';
import { nextClock } from '../../../../shared/domain/breach';
import { ClockCard, useNow } from '../breach/Clock';
import { WarningList, useCountryName } from '../transfer/common';
import { ThisWeekPanel, useWeek } from './ThisWeek';
import { SheetsAwaiting } from '../register/SheetsAwaiting';

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

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
  const n = (x: number) => x.toLocaleString(language);
  // "Show all" opens the register filtered (issue 15: "#/register/controller?quick=reviewOverdue"), one link per register concerned.
  const registerLinks = (section: DashboardRegisterTop<unknown>, quick: 'reviewOverdue' | 'incomplete' | 'transfersToConvert'): MoreLink[] =>
    kinds
      .filter((k) => section.byKind[k] > 0)
      .map((k) => ({ href: `${routeHash({ page: 'register', kind: k })}?quick=${quick}`, label: t('dashboard.showAllIn', { register: lowerFirst(t(`nav.${k}`)), count: n(section.byKind[k]) }) }));
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
      <Section title={`${t('dashboard.breaches')} (${n(data.breaches.total)})`} actions={<a href={routeHash({ page: 'breaches' })}>{t('dashboard.breachLog')}</a>}>
        {data.breaches.total === 0 ? (
          <p className="muted">{t('dashboard.noBreach')}</p>
        ) : (
          <ul className="plain-list" data-testid="breach-clocks">
            {data.breaches.items.map((b) => {
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
        <More section={data.breaches} testId="more-breaches" links={[{ href: '#/breaches?show=open', label: t('dashboard.showOpenBreaches', { count: n(data.breaches.total) }) }]} />
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
      <Section title={`${t('dashboard.transferWarnings')} (${n(data.transfers.total)})`} actions={<a href={routeHash({ page: 'transfers' })}>{t('transfers.title')}</a>}>
        {data.transfers.critical > 0 ? <p className="small"><Badge tone="bad">{t('dashboard.criticalCount', { count: data.transfers.critical })}</Badge></p> : null}
        {data.transfers.total === 0 ? (
          <p className="muted">{t('dashboard.noTransferWarning')}</p>
        ) : (
          <ul className="plain-list" data-testid="transfer-warnings-dashboard">
            {data.transfers.items.map((tr) => (
              <li key={tr.id} className={tr.warnings.some((w) => w.severity === 'critical') ? 'dashboard-critical' : undefined} data-critical={tr.warnings.some((w) => w.severity === 'critical') ? 'true' : undefined}>
                <a href={routeHash({ page: 'transfer', id: tr.id })}>{tr.title}</a>
                <WarningList warnings={tr.warnings} />
              </li>
            ))}
          </ul>
        )}
        <More section={data.transfers} testId="more-transfers" links={[{ href: '#/transfers?warnings=1', label: t('dashboard.showWarnedTransfers', { count: n(data.transfers.total) }) }]} />
      </Section>
      {data.transfersToConvert.total ? (
        <Section title={`${t('dashboard.transfersToConvert')} (${n(data.transfersToConvert.total)})`}>
          <p className="muted small">{t('dashboard.transfersToConvertHelp')}</p>
          <ul className="plain-list" data-testid="transfers-to-convert-dashboard">
            {data.transfersToConvert.items.map((r) => (
              <li key={r.id}>
                <a href={`${routeHash({ page: 'record', kind: r.kind, id: r.id })}`}>
                  {r.ref} – {r.name}
                </a>{' '}
                <span className="muted small">{t('dashboard.toConvertCount', { count: r.transfersToConvert })}</span>
              </li>
            ))}
          </ul>
          <More section={data.transfersToConvert} testId="more-to-convert" links={registerLinks(data.transfersToConvert, 'transfersToConvert')} />
        </Section>
      ) : null}
      <div className="two-cols">
        <Section title={`${t('dashboard.incomplete')} (${n(data.incomplete.total)})`}>
          {data.incomplete.total === 0 ? (
            <p className="muted">{t('dashboard.noIncomplete')}</p>
          ) : (
            <ul className="plain-list" data-testid="incomplete-list">
              {data.incomplete.items.map((r) => (
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
          <More section={data.incomplete} testId="more-incomplete" links={registerLinks(data.incomplete, 'incomplete')} />
        </Section>
        <Section title={`${t('dashboard.overdue')} (${n(data.reviewsOverdue.total)})`}>
          {data.reviewsOverdue.total === 0 ? (
            <p className="muted">{t('dashboard.noOverdue')}</p>
          ) : (
            <ul className="plain-list" data-testid="overdue-list">
              {data.reviewsOverdue.items.map((r) => (
                <li key={r.id}>
                  <a href={routeHash({ page: 'record', kind: r.kind, id: r.id })}>
                    <strong>{r.ref}</strong> {r.name}
                  </a>{' '}
                  <Badge tone="bad">{t('dashboard.due', { date: formatDate(r.nextReview, language) })}</Badge>
                </li>
              ))}
            </ul>
          )}
          <More section={data.reviewsOverdue} testId="more-overdue" links={registerLinks(data.reviewsOverdue, 'reviewOverdue')} />
        </Section>
      </div>
      <SheetsAwaiting />
    </div>
  );
}

type MoreLink = { href: string; label: string };

/**
 * Under a section that shows only its most urgent items: how many it shows of how many, and the
 * links to the whole list (issue 15). Nothing when every item is shown.
 */
function More(props: { section: DashboardTop<unknown>; links: ReadonlyArray<MoreLink>; testId: string }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  if (props.section.total <= props.section.items.length) return null;
  return (
    <p className="dash-more small" data-testid={props.testId}>
      <span className="muted">{t('dashboard.topOf', { shown: props.section.items.length, total: props.section.total.toLocaleString(language) })}</span>
      {props.links.map((l) => (
        <a key={l.href} href={l.href}>
          {l.label}
        </a>
      ))}
    </p>
  );
}

function SupplierAlertsSection({ alerts }: { alerts: Dashboard['suppliers'] }) {
  const { t } = useTranslation();
  const language = useApp((s) => s.language);
  const d = (iso: string) => formatDate(iso, language);
  const country = useCountryName();
  const items: Array<{ key: string; href: string; name: string; text: string; tone: 'bad' | 'warn' }> = [
    ...alerts.auditsDue.items.map((a) => ({ key: `due-${a.id}`, href: routeHash({ page: 'supplier', id: a.id }), name: a.name, text: t(a.late ? 'dashboard.auditLate' : 'dashboard.auditDue', { date: d(a.nextAuditOn) }), tone: a.late ? ('bad' as const) : ('warn' as const) })),
    ...alerts.auditsLate.items.map((a) => ({ key: `late-${a.auditId}`, href: routeHash({ page: 'audit', id: a.auditId }), name: a.name, text: t('dashboard.answersLate', { date: d(a.dueOn) }), tone: 'bad' as const })),
    ...alerts.certificationsExpiring.items.map((c, i) => ({ key: `cert-${c.id}-${i}`, href: routeHash({ page: 'supplier', id: c.id }), name: c.name, text: t('dashboard.certExpiring', { cert: c.label ? `${t(`supplier.cert.${c.type}`)} ${c.label}` : t(`supplier.cert.${c.type}`), date: d(c.expires) }), tone: 'warn' as const })),
    ...alerts.missingClauses.items.map((m) => ({ key: `dpa-${m.id}`, href: routeHash({ page: 'supplier', id: m.id }), name: m.name, text: t('dashboard.clausesMissing', { count: m.count }), tone: 'bad' as const })),
    ...alerts.transferGaps.items.map((g) => ({ key: `gap-${g.id}`, href: routeHash({ page: 'supplier', id: g.id }), name: g.name, text: t('suppliers.transferGap', { countries: g.countries.map(country).join(', ') }), tone: 'bad' as const })),
    ...alerts.actionsOverdue.items.map((a, i) => ({ key: `act-${a.auditId}-${i}`, href: routeHash({ page: 'audit', id: a.auditId }), name: a.name, text: t('dashboard.actionOverdue', { title: a.title, date: d(a.due) }), tone: 'bad' as const })),
  ];
  // Each kind keeps its own count; the list shows the first few of each kind, the first ten in all.
  const kinds = (Object.keys(alerts) as Array<keyof typeof alerts>).filter((k) => alerts[k].total > 0);
  const total = kinds.reduce((sum, k) => sum + alerts[k].total, 0);
  const shown = items.slice(0, 10);
  return (
    <Section title={`${t('dashboard.supplierAlerts')} (${total.toLocaleString(language)})`} actions={<a href={routeHash({ page: 'suppliers' })}>{t('suppliers.title')}</a>}>
      {total === 0 ? (
        <p className="muted">{t('dashboard.noSupplierAlert')}</p>
      ) : (
        <>
          <ul className="chips-line" data-testid="supplier-alert-counts">
            {kinds.map((k) => (
              <li key={k} className="chip">
                {t(`dashboard.alertKind.${k}`, { count: alerts[k].total.toLocaleString(language) as unknown as number })}
              </li>
            ))}
          </ul>
          <ul className="plain-list" data-testid="supplier-alerts">
            {shown.map((x) => (
              <li key={x.key}>
                <a href={x.href}>{x.name}</a> <Badge tone={x.tone}>{x.text}</Badge>
              </li>
            ))}
          </ul>
          <More section={{ total, items: shown }} testId="more-suppliers" links={[{ href: routeHash({ page: 'suppliers' }), label: t('dashboard.showAll', { count: total.toLocaleString(language) as unknown as number }) }]} />
        </>
      )}
    </Section>
  );
}
