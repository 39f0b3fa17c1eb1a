import { DotLoading, ErrorBlock } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { HappinessForm } from '@/features/happiness';

import { useHouseholdLabel } from '../useHouseholdLabel';

/** Add an item to a household's happiness list. */
export function NewHappinessPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { label, isLoading } = useHouseholdLabel(id);
  if (!label) {
    return isLoading ? <DotLoading /> : <ErrorBlock status="empty" title={t('household.loadFailed')} description="" />;
  }
  return <HappinessForm householdId={id} householdLabel={label} onQueued={() => navigate(`/m/households/${id}`, { replace: true })} />;
}
