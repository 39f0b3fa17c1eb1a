import { Navigate, useLocation } from 'react-router';

import { useSession } from '@/lib/hooks';

/** Children only for a logged-in user with one of the roles; else to the login (or home). */
export function RequireLogin({ roles, children }: { roles?: string[]; children: React.ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) return <Navigate to="/login" replace state={{ from: location.pathname }} />;
  if (roles && !session.me.roles.some((role) => roles.includes(role))) return <Navigate to="/" replace />;
  return <>{children}</>;
}
