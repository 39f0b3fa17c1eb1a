import { DotLoading, ErrorBlock } from 'antd-mobile';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { useHouseholdLabel } from './useHouseholdLabel';

/** What a household's form page gives its form: the household, its label, and where to go once queued. */
export interface HouseholdFormProps {
  householdId: string;
  householdLabel: string;
  onQueued: () => void;
}

/**
 * A form for the household of the URL (/m/households/:id/…), labelled with its head's name (offline
 * too); once the form has queued its write, back to the household's page.
 */
export function HouseholdFormPage({ form }: { form: (props: HouseholdFormProps) => ReactNode }) {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { label, isLoading } = useHouseholdLabel(id);
  if (!label) {
    return isLoading ? (
      <DotLoading />
    ) : (
      <ErrorBlock status="empty" title={t('household.loadFailed')} description="" />
    );
  }
  return form({
    householdId: id,
    householdLabel: label,
    onQueued: () => navigate(`/m/households/${id}`, { replace: true }),
  });
}
