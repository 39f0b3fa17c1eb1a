import { Navigate, useLocation } from 'react-router';

import { lastSubject, type SavedPlace } from '@/lib/auth/landing';
import { useSession } from '@/lib/hooks';

/**
 * Children only for a logged-in user with one of the roles; else to the login (or home). The login
 * gets the page and who was logged in: only that user returns there (lib/auth/landing.ts).
 */
export function RequireLogin({ roles, children }: { roles?: string[]; children: React.ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (!session) {
    const saved: SavedPlace = { from: location.pathname, subject: lastSubject() };
    return <Navigate to="/login" replace state={saved} />;
  }
  if (roles && !session.me.roles.some((role) => roles.includes(role)))
    return <Navigate to="/" replace />;
  return <>{children}</>;
}
