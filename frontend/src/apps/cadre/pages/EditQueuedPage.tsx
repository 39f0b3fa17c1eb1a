import { ErrorBlock } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { HAPPINESS_KIND, HappinessForm, type HappinessItemIn } from '@/features/happiness';
import { PLAN_KIND, PlanForm } from '@/features/plans';
import { VISIT_KIND, VisitForm, type VisitIn } from '@/features/visits';
import { useOutboxEntries } from '@/lib/hooks';

/**
 * A write still on the phone, opened to correct it (after a refusal) or change it before it goes:
 * the form of its kind, with its values and the server's reason.
 */
export function EditQueuedPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const entry = useOutboxEntries().find((e) => e.id === id);
  const initial = useMemo(
    () => (entry ? { id: entry.id, body: entry.body, rejection: entry.rejection } : undefined),
    // The form keeps its own state once open: only a different entry resets it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entry?.id],
  );
  if (!entry || !initial)
    return (
      <ErrorBlock status="empty" title={t('outbox.gone')} description={t('outbox.goneHint')} />
    );
  const done = () => navigate('/m/outbox', { replace: true });
  const householdId = entry.context.household_id ?? '';
  switch (entry.kind) {
    case VISIT_KIND:
      return (
        <VisitForm
          householdId={householdId}
          householdLabel={entry.label}
          initial={{ ...initial, body: initial.body as unknown as VisitIn }}
          onQueued={done}
        />
      );
    case HAPPINESS_KIND:
      return (
        <HappinessForm
          householdId={householdId}
          householdLabel={entry.label}
          initial={{ ...initial, body: initial.body as unknown as HappinessItemIn }}
          onQueued={done}
        />
      );
    case PLAN_KIND:
      return (
        <PlanForm
          householdId={householdId}
          householdLabel={entry.label}
          year={Number(entry.context.year)}
          onQueued={done}
        />
      );
    default:
      return (
        <ErrorBlock status="empty" title={t('outbox.gone')} description={t('outbox.goneHint')} />
      );
  }
}
