/**
 * The routes of both apps. Each app is its own chunk, loaded when its URL is opened: a cadre's
 * phone never downloads the admin app (Ant Design, charts), an officer's browser never the cadre's.
 */
import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router';

import { ADMIN_ROLES, CADRE_ROLES } from '@/lib/auth/landing';

import { LoginRoute } from './LoginRoute';
import { RequireLogin } from './RequireLogin';
import { Home, Loading } from './RouteParts';

const loadCadreApp = () => import('@/apps/cadre/CadreApp');
const CadreApp = lazy(loadCadreApp);
const AdminApp = lazy(() => import('@/apps/admin/AdminApp'));

// Who may open each app: lib/auth/landing.ts, which the login's redirect uses too.

export const router = createBrowserRouter([
  { path: '/', element: <Home /> },
  { path: '/login', element: <LoginRoute preload={loadCadreApp} /> },
  {
    path: '/m/*',
    element: (
      <RequireLogin roles={CADRE_ROLES}>
        <Suspense fallback={<Loading />}>
          <CadreApp />
        </Suspense>
      </RequireLogin>
    ),
  },
  {
    path: '/admin/*',
    element: (
      <RequireLogin roles={ADMIN_ROLES}>
        <Suspense fallback={<Loading />}>
          <AdminApp />
        </Suspense>
      </RequireLogin>
    ),
  },
  { path: '*', element: <Home /> },
]);
