import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRoute, routeHash, type Route } from './lib/router';
import { ErrorBoundary } from './components/ErrorBoundary';
import { useApp } from './store/app';
import { SetupScreen } from './features/setup/SetupScreen';
import { ProblemScreen } from './features/health/ProblemScreen';
import { ReadOnlyBanner } from './features/health/ReadOnlyBanner';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { StartupReminder, WeekListPage } from './features/dashboard/ThisWeek';
import { Palette, ShortcutSheet } from './features/palette/Palette';
import { useGlobalShortcuts } from './lib/shortcuts';
import { RegisterPage } from './features/register/RegisterPage';
import { RecordPage } from './features/register/RecordPage';
import { OrganisationPage } from './features/org/OrganisationPage';
import { ListsPage } from './features/lists/ListsPage';
import { TrashPage } from './features/trash/TrashPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { ExportPage } from './features/export/ExportPage';
import { BreachListPage } from './features/breach/BreachListPage';
import { BreachPage } from './features/breach/BreachPage';
import { SupplierListPage } from './features/supplier/SupplierListPage';
import { SupplierPage } from './features/supplier/SupplierPage';
import { AuditPage } from './features/supplier/AuditPage';
import { TemplatesPage } from './features/supplier/TemplatesPage';
import { TransferListPage } from './features/transfer/TransferListPage';
import { TransferPage } from './features/transfer/TransferPage';
import { TransferReferencePage } from './features/transfer/TransferReferencePage';
import { ImportPage } from './features/import/ImportPage';

export function App() {
  const { t } = useTranslation();
  const info = useApp((s) => s.info);
  const fatal = useApp((s) => s.fatal);
  const browseDamaged = useApp((s) => s.browseDamaged);
  const lists = useApp((s) => s.lists);
  const load = useApp((s) => s.load);
  useEffect(() => void load(), [load]);

  if (fatal) {
    return (
      <div className="fatal" role="alert">
        <h1>DPO Desk</h1>
        <p>{t('errors.network')}</p>
        <pre>{fatal}</pre>
      </div>
    );
  }
  if (!info) return <div className="loading">{t('register.loading')}</div>;
  if (info.problem && !(browseDamaged && info.problem.browsable && lists)) return <ProblemScreen />;
  if (info.needsSetup) return <SetupScreen />;
  return <Shell />;
}

function NavLink(props: { to: Route; label: string; current: boolean; count?: number }) {
  return (
    <a href={routeHash(props.to)} className={props.current ? 'nav-item current' : 'nav-item'} aria-current={props.current ? 'page' : undefined}>
      {props.label}
    </a>
  );
}

function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
  const [overlay, setOverlay] = useState<'palette' | 'help' | null>(null);
  const openers = useMemo(() => ({ palette: () => setOverlay('palette'), help: () => setOverlay('help') }), []);
  useGlobalShortcuts(openers);
  const pageChanged = useApp((s) => s.pageChanged);
  const page = routeHash(route);
  useEffect(() => pageChanged(), [page, pageChanged]);
  const toasts = useApp((s) => s.toasts);
  const dismiss = useApp((s) => s.dismiss);
  const inRegister = (kind: 'controller' | 'processor') =>
    ((route.page === 'register' || route.page === 'record') && route.kind === kind) || (route.page === 'import' && kind === 'controller');
  return (
    <div className="shell">
      <nav className="sidebar" aria-label="Navigation">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">§</span> {t('app.name')}
        </div>
        <NavLink to={{ page: 'dashboard' }} label={t('nav.dashboard')} current={route.page === 'dashboard'} />
        <div className="nav-group">{t('nav.registers')}</div>
        <NavLink to={{ page: 'register', kind: 'controller' }} label={t('nav.controller')} current={inRegister('controller')} />
        <NavLink to={{ page: 'register', kind: 'processor' }} label={t('nav.processor')} current={inRegister('processor')} />
        <NavLink to={{ page: 'organisation' }} label={t('nav.organisation')} current={route.page === 'organisation'} />
        <NavLink to={{ page: 'exports' }} label={t('nav.exports')} current={route.page === 'exports'} />
        <div className="nav-group">{t('nav.modules')}</div>
        <NavLink to={{ page: 'breaches' }} label={t('nav.breaches')} current={route.page === 'breaches' || route.page === 'breach'} />
        <NavLink to={{ page: 'suppliers' }} label={t('nav.suppliers')} current={route.page === 'suppliers' || route.page === 'supplier' || route.page === 'audit' || route.page === 'templates'} />
        <NavLink to={{ page: 'transfers' }} label={t('nav.transfers')} current={route.page === 'transfers' || route.page === 'transfer' || route.page === 'transferReference'} />
        <div className="nav-group">{t('nav.admin')}</div>
        <NavLink to={{ page: 'lists' }} label={t('nav.lists')} current={route.page === 'lists'} />
        <NavLink to={{ page: 'trash' }} label={t('nav.trash')} current={route.page === 'trash'} />
        <NavLink to={{ page: 'settings' }} label={t('nav.settings')} current={route.page === 'settings'} />
        <div className="nav-tools">
          <button type="button" className="nav-item link" onClick={() => setOverlay('palette')} aria-keyshortcuts="Control+K Meta+K">
            {t('palette.title')} <kbd>Ctrl+K</kbd>
          </button>
          <button type="button" className="nav-item link" onClick={() => setOverlay('help')} aria-keyshortcuts="?">
            {t('shortcuts.open')} <kbd>?</kbd>
          </button>
        </div>
      </nav>
      <main className="content">
        <ReadOnlyBanner />
        <StartupReminder />
        <ErrorBoundary key={routeHash(route)}>
          <Page route={route} />
        </ErrorBoundary>
      </main>
      {overlay === 'palette' ? <Palette onClose={() => setOverlay(null)} /> : null}
      {overlay === 'help' ? <ShortcutSheet onClose={() => setOverlay(null)} /> : null}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.kind}`} role={toast.kind === 'error' ? 'alert' : 'status'}>
            <span>{toast.text}</span>
            <button type="button" className="link" onClick={() => dismiss(toast.id)} aria-label={t('common.close')}>
              ×
            </button>
          </div>
        ))}
      </div>
    </div>
  );
}

function Page({ route }: { route: Route }) {
  switch (route.page) {
    case 'dashboard':
      return <DashboardPage />;
    case 'register':
      return <RegisterPage key={route.kind} kind={route.kind} quick={route.quick ?? null} dueBy={route.by} />;
    case 'week':
      return <WeekListPage key={route.kind} kind={route.kind} />;
    case 'record':
      return <RecordPage key={`${route.kind}/${route.id}`} kind={route.kind} id={route.id} />;
    case 'organisation':
      return <OrganisationPage />;
    case 'lists':
      return <ListsPage />;
    case 'trash':
      return <TrashPage />;
    case 'settings':
      return <SettingsPage />;
    case 'exports':
      return <ExportPage />;
    case 'breaches':
      return <BreachListPage />;
    case 'breach':
      return <BreachPage key={route.id} id={route.id} />;
    case 'suppliers':
      return <SupplierListPage />;
    case 'supplier':
      return <SupplierPage key={route.id} id={route.id} />;
    case 'audit':
      return <AuditPage key={route.id} id={route.id} />;
    case 'templates':
      return <TemplatesPage />;
    case 'transfers':
      return <TransferListPage />;
    case 'transfer':
      return <TransferPage key={`${route.id}/${route.from ?? ''}/${route.convert ?? ''}/${route.supplier ?? ''}/${route.country ?? ''}`} id={route.id} from={route.from} convert={route.convert} supplier={route.supplier} country={route.country} />;
    case 'transferReference':
      return <TransferReferencePage />;
    case 'import':
      return <ImportPage />;
  }
}
