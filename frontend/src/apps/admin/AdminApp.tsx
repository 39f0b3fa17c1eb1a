/**
 * The admin app for township officers, the county admin and leaders (Ant Design): a menu with only
 * what the role may do, and the pages composing the features. Its own chunk: antd never reaches a
 * cadre's phone.
 */
import { Button, ConfigProvider, Layout, Menu, Result, Space, Spin, Tag } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, Route, Routes, useLocation, useNavigate, useParams } from 'react-router';

import { AlertList } from '@/features/alerts';
import { AuditList } from '@/features/audit';
import { DrillPage } from '@/features/drill';
import { ImportPage } from '@/features/imports';
import { NeedList } from '@/features/needs';
import {
  AreaTree,
  CadreList,
  CadreView,
  EntityList,
  EntityView,
  HouseholdCreateForm,
  HouseholdSearch,
  HouseholdSelect,
} from '@/features/registry';
import { SettingsPage } from '@/features/settings';
import { UserList, UserSelect } from '@/features/users';
import { VisitReviewPage } from '@/features/visitreview';
import {
  adminSections,
  canEditAreas,
  canSeeRiskFlags,
  canWrite,
  type AdminSection,
} from '@/lib/auth';
import { useSession } from '@/lib/hooks';
import { LanguageSwitch } from '@/lib/i18n/LanguageSwitch';
import { logOut } from '@/lib/runtime';

import { HouseholdPage } from './HouseholdPage';

// ECharts is big: loaded when the dashboard opens, not with the rest of the admin app.
const DashboardPage = lazy(() => import('./DashboardRoute'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('admin.notFound')}
      subTitle={t('admin.notFoundText')}
      extra={
        <Link to="/admin">
          <Button type="primary">{t('admin.home')}</Button>
        </Link>
      }
    />
  );
}

const householdLink = (id: string) => `/admin/households/${id}`;

function HouseholdRoute({ writer }: { writer: boolean }) {
  const { id = '' } = useParams();
  return <HouseholdPage key={id} id={id} canEdit={writer} notFound={<NotFound />} />;
}

function CadreRoute({ writer }: { writer: boolean }) {
  const { id = '' } = useParams();
  return <CadreView key={id} id={id} canWrite={writer} notFound={<NotFound />} />;
}

function EntityRoute({ writer }: { writer: boolean }) {
  const { id = '' } = useParams();
  return <EntityView key={id} id={id} canWrite={writer} notFound={<NotFound />} />;
}

export default function AdminApp() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const roles = session?.me.roles ?? [];
  const sections = adminSections(roles);
  const writer = canWrite(roles);
  const current = location.pathname.split('/')[2] ?? 'dashboard';
  const allowed = (section: AdminSection, element: React.ReactNode) =>
    sections.includes(section) ? element : <NotFound />;

  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN}>
      <Layout style={{ minHeight: '100vh' }}>
        <Layout.Sider breakpoint="lg" collapsedWidth={0} theme="light">
          <div style={{ padding: 16, fontWeight: 600 }}>{t('admin.title')}</div>
          <Menu
            mode="inline"
            aria-label={t('nav.label')}
            selectedKeys={[current]}
            items={sections.map((section) => ({
              key: section,
              label: <Link to={`/admin/${section}`}>{t(`admin.menu.${section}`)}</Link>,
            }))}
          />
        </Layout.Sider>
        <Layout>
          <Layout.Header className="admin-header">
            <Space className="admin-who">
              <span>{session?.me.name}</span>
              {roles.map((role) => (
                <Tag key={role} className="admin-role">
                  {t(`roles.${role as 'leader'}`, { defaultValue: role })}
                </Tag>
              ))}
              {!writer && <Tag color="orange">{t('admin.readOnly')}</Tag>}
            </Space>
            <LanguageSwitch />
            <Button onClick={() => void logOut().then(() => navigate('/login', { replace: true }))}>
              {t('me.logout')}
            </Button>
          </Layout.Header>
          <Layout.Content className="admin-content">
            <Routes>
              <Route index element={<Navigate to="dashboard" replace />} />
              <Route
                path="households"
                element={
                  <HouseholdSearch
                    linkTo={householdLink}
                    newLink={writer ? '/admin/households/new' : null}
                  />
                }
              />
              <Route
                path="households/new"
                element={
                  writer ? (
                    <HouseholdCreateForm onCreated={(id) => navigate(householdLink(id))} />
                  ) : (
                    <NotFound />
                  )
                }
              />
              <Route path="households/:id" element={<HouseholdRoute writer={writer} />} />
              <Route
                path="visits"
                element={allowed(
                  'visits',
                  <VisitReviewPage
                    canFilterRisk={canSeeRiskFlags(roles)}
                    householdLink={householdLink}
                  />,
                )}
              />
              <Route path="cadres" element={<CadreList canWrite={writer} />} />
              <Route path="cadres/:id" element={<CadreRoute writer={writer} />} />
              <Route path="entities" element={<EntityList canWrite={writer} />} />
              <Route path="entities/:id" element={<EntityRoute writer={writer} />} />
              <Route path="areas" element={<AreaTree canEdit={canEditAreas(roles)} />} />
              <Route path="imports" element={allowed('imports', <ImportPage />)} />
              <Route
                path="dashboard"
                element={
                  <Suspense fallback={<Spin />}>
                    <DashboardPage />
                  </Suspense>
                }
              />
              <Route
                path="alerts"
                element={allowed(
                  'alerts',
                  <AlertList canWrite={writer} householdLink={householdLink} />,
                )}
              />
              <Route
                path="needs"
                element={allowed(
                  'needs',
                  <NeedList canWrite={writer} householdLink={householdLink} />,
                )}
              />
              <Route
                path="audit"
                element={allowed(
                  'audit',
                  <AuditList
                    householdPicker={(p) => (
                      <HouseholdSelect
                        style={{ width: 200 }}
                        value={p.value}
                        onChange={(v) => p.onChange(v)}
                      />
                    )}
                    userPicker={(p) => <UserSelect {...p} />}
                  />,
                )}
              />
              <Route path="users" element={allowed('users', <UserList />)} />
              <Route path="settings" element={allowed('settings', <SettingsPage />)} />
              <Route path="drill" element={<DrillPage />} />
              <Route path="*" element={<NotFound />} />
            </Routes>
          </Layout.Content>
        </Layout>
      </Layout>
    </ConfigProvider>
  );
}
