import { ErrorBlock } from 'antd-mobile';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';

import { VISIT_KIND, VisitForm, type VisitIn } from '@/features/visits';
import { useOutboxEntries } from '@/lib/hooks';

/** A visit still on the phone, opened to correct it (after a refusal) or change it before it goes. */
export function EditQueuedVisitPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const entry = useOutboxEntries().find((e) => e.id === id && e.kind === VISIT_KIND);
  const initial = useMemo(
    () => (entry ? { id: entry.id, body: entry.body as unknown as VisitIn, rejection: entry.rejection } : undefined),
    // The form keeps its own state once open: only a different entry resets it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [entry?.id],
  );
  if (!entry || !initial) return <ErrorBlock status="empty" title={t('outbox.gone')} description={t('outbox.goneHint')} />;
  return <VisitForm householdId={initial.body.household_id} householdLabel={entry.label} initial={initial} onQueued={() => navigate('/m/outbox', { replace: true })} />;
}
