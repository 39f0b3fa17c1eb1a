import { DotLoading, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { PlanForm } from '@/features/plans';
import { countyYear } from '@/lib/time';

import { useHouseholdLabel } from '../useHouseholdLabel';

/** Update (or make) this year's plan of a household. */
export function PlanPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { label, isLoading } = useHouseholdLabel(id);
  if (!label) {
    return isLoading ? <DotLoading /> : <ErrorBlock status="empty" title={t('household.loadFailed')} description="" />;
  }
  return <PlanForm householdId={id} householdLabel={label} year={countyYear()} onQueued={() => navigate(`/m/households/${id}`, { replace: true })} />;
}
