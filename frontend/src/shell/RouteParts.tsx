import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';

import { homeFor } from '@/features/auth';
import { useSession } from '@/lib/hooks';

export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="page-loading" role="status">
      {t('common.loading')}
    </p>
  );
}

export function Home() {
  const session = useSession();
  return <Navigate to={session ? homeFor(session.me.roles) : '/login'} replace />;
}
