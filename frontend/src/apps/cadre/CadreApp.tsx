/**
 * The cadre's phone app (帮扶干部): my households, a household (plan, happiness list, visits, needs,
 * alerts), log a visit, update the plan, add to the happiness list, what waits to be sent.
 * Its own chunk (antd-mobile, light); it composes the features, which never import each other.
 */
import { useQuery } from '@tanstack/react-query';
import { ConfigProvider, DotLoading, NavBar, NoticeBar, SafeArea, TabBar } from 'antd-mobile';
import enUS from 'antd-mobile/es/locales/en-US';
import { TeamOutline, UploadOutline, UserOutline } from 'antd-mobile-icons';
import zhCN from 'antd-mobile/es/locales/zh-CN';
import { useTranslation } from 'react-i18next';
import { lazy, Suspense, useEffect } from 'react';
import { Route, Routes, useLocation, useNavigate, useNavigationType } from 'react-router';

import { OutboxBadge } from '@/features/outbox';
import { useOnline } from '@/lib/hooks';
import { vocabulariesQuery } from '@/lib/vocabularies';

import { HomePage } from './pages/HomePage';
import { HouseholdPage } from './pages/HouseholdPage';
import './cadre.css';

// The list and a household come with the app; the forms and other pages are chunks of their
// own, so a weak signal brings the list first. All are kept offline (the service worker
// precaches every chunk the cadre app can load).
const EditQueuedPage = lazy(() =>
  import('./pages/EditQueuedPage').then((m) => ({ default: m.EditQueuedPage })),
);
const MePage = lazy(() => import('./pages/MePage').then((m) => ({ default: m.MePage })));
const NewHappinessPage = lazy(() =>
  import('./pages/NewHappinessPage').then((m) => ({ default: m.NewHappinessPage })),
);
const NewVisitPage = lazy(() =>
  import('./pages/NewVisitPage').then((m) => ({ default: m.NewVisitPage })),
);
const OutboxPage = lazy(() =>
  import('./pages/OutboxPage').then((m) => ({ default: m.OutboxPage })),
);
const PlanPage = lazy(() => import('./pages/PlanPage').then((m) => ({ default: m.PlanPage })));
const VisitPage = lazy(() => import('./pages/VisitPage').then((m) => ({ default: m.VisitPage })));

const TABS = [
  { key: '/m', label: 'nav.households', icon: <TeamOutline /> },
  { key: '/m/outbox', label: 'nav.outbox', icon: <UploadOutline /> },
  { key: '/m/me', label: 'nav.me', icon: <UserOutline /> },
] as const;

function tabOf(pathname: string): string {
  if (pathname.startsWith('/m/outbox')) return '/m/outbox';
  if (pathname.startsWith('/m/me')) return '/m/me';
  return '/m';
}

type Title =
  | 'nav.households'
  | 'nav.household'
  | 'nav.newVisit'
  | 'nav.visit'
  | 'nav.plan'
  | 'nav.newHappiness'
  | 'nav.outbox'
  | 'nav.correct'
  | 'nav.me';

function titleOf(pathname: string): Title {
  if (/^\/m\/households\/[^/]+\/visits\//.test(pathname)) return 'nav.visit';
  if (/^\/m\/households\/[^/]+\/visit/.test(pathname)) return 'nav.newVisit';
  if (/^\/m\/households\/[^/]+\/plan/.test(pathname)) return 'nav.plan';
  if (/^\/m\/households\/[^/]+\/happiness/.test(pathname)) return 'nav.newHappiness';
  if (pathname.startsWith('/m/households/')) return 'nav.household';
  if (/^\/m\/outbox\/.+/.test(pathname)) return 'nav.correct';
  if (pathname.startsWith('/m/outbox')) return 'nav.outbox';
  if (pathname.startsWith('/m/me')) return 'nav.me';
  return 'nav.households';
}

export default function CadreApp() {
  const { t, i18n } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const online = useOnline();
  const navigation = useNavigationType();
  // A page opened (or returned to after a save, which replaces the form) starts at its top;
  // the back button leaves the scroll where the browser puts it.
  useEffect(() => {
    if (navigation !== 'POP') window.scrollTo(0, 0);
  }, [location.pathname, navigation]);
  useQuery(vocabulariesQuery()); // read at start and kept, so labels show offline too
  const atTop = ['/m', '/m/', '/m/outbox', '/m/me'].includes(location.pathname);

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <div className="cadre">
        <header className="cadre-top">
          <NavBar back={atTop ? null : t('common.back')} onBack={() => navigate(-1)}>
            {t(titleOf(location.pathname))}
          </NavBar>
          {!online && (
            <NoticeBar color="alert" content={t('cadre.offline')} data-testid="offline-notice" />
          )}
        </header>
        <main className="cadre-body">
          <Suspense fallback={<DotLoading />}>
            <Routes>
              <Route index element={<HomePage />} />
              <Route path="households/:id" element={<HouseholdPage />} />
              <Route path="households/:id/visit" element={<NewVisitPage />} />
              <Route path="households/:id/visits/:visitId" element={<VisitPage />} />
              <Route path="households/:id/plan" element={<PlanPage />} />
              <Route path="households/:id/happiness" element={<NewHappinessPage />} />
              <Route path="outbox" element={<OutboxPage />} />
              <Route path="outbox/:id" element={<EditQueuedPage />} />
              <Route path="me" element={<MePage />} />
            </Routes>
          </Suspense>
        </main>
        <nav className="cadre-tabs" aria-label={t('nav.label')}>
          {/* onClick per item, not onChange: the active tab also leads back to its top page */}
          <TabBar activeKey={tabOf(location.pathname)}>
            {TABS.map((tab) => (
              <TabBar.Item
                key={tab.key}
                title={t(tab.label)}
                onClick={() => navigate(tab.key)}
                icon={tab.key === '/m/outbox' ? <OutboxBadge>{tab.icon}</OutboxBadge> : tab.icon}
              />
            ))}
          </TabBar>
          <SafeArea position="bottom" />
        </nav>
      </div>
    </ConfigProvider>
  );
}
