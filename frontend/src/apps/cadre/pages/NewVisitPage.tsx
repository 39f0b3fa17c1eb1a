import { DotLoading, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { useHousehold, useMyHouseholds } from '@/features/households';
import { VisitForm } from '@/features/visits';

export function NewVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { data: household, isLoading } = useHousehold(id);
  // Offline and never read: the schedule (kept on the phone) still names the household.
  const listed = useMyHouseholds().households.find((h) => h.id === id);
  const label = household?.head_name ?? listed?.headName;
  if (!label) {
    return isLoading ? <DotLoading /> : <ErrorBlock status="empty" title={t('household.loadFailed')} description="" />;
  }
  return <VisitForm householdId={id} householdLabel={label} onQueued={() => navigate(`/m/households/${id}`, { replace: true })} />;
}
