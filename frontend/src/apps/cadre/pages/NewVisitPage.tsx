import { DotLoading, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { VisitForm } from '@/features/visits';

import { useHouseholdLabel } from '../useHouseholdLabel';

export function NewVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { label, isLoading } = useHouseholdLabel(id);
  if (!label) {
    return isLoading ? <DotLoading /> : <ErrorBlock status="empty" title={t('household.loadFailed')} description="" />;
  }
  return <VisitForm householdId={id} householdLabel={label} onQueued={() => navigate(`/m/households/${id}`, { replace: true })} />;
}
