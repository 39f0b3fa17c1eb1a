/**
 * The whole household on the admin side: the registry's page (details, members masked, pairing
 * and link history) with tabs composed from the other features — visits with their flags,
 * needs, the year's plan and insurance with the happiness list, income by quarter against the
 * 13,000 line, alerts, and the change history from both audit logs. Scope is the services': a
 * household outside the caller's area answers 404 and shows as not found.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { ChangeHistory } from '@/features/audit';
import {
  AlertTable,
  HappinessTable,
  IncomeByQuarter,
  NeedTable,
  PlanCard,
  VisitTable,
} from '@/features/household';
import { HouseholdView, type HouseholdTab } from '@/features/registry';
import { VisitDrawer } from '@/features/visitreview';
import { countyYear } from '@/lib/time';

export function HouseholdPage({
  id,
  canEdit,
  notFound,
}: {
  id: string;
  canEdit: boolean;
  notFound: React.ReactNode;
}) {
  const { t } = useTranslation();
  const year = countyYear();
  // A visit opens in the visits page's drawer: what was seen and done, distance, photos.
  const [opened, setOpened] = useState<string | null>(null);
  const tabs = (): HouseholdTab[] => [
    {
      key: 'visits',
      label: t('record.tabs.visits'),
      children: (
        <>
          <VisitTable householdId={id} openVisit={(visit) => setOpened(visit.id)} />
          <VisitDrawer visitId={opened} onClose={() => setOpened(null)} />
        </>
      ),
    },
    {
      key: 'income',
      label: t('record.tabs.income'),
      children: <IncomeByQuarter householdId={id} />,
    },
    {
      key: 'plan',
      label: t('record.tabs.plan'),
      children: (
        <>
          <PlanCard householdId={id} year={year} />
          <br />
          <HappinessTable householdId={id} year={year} />
        </>
      ),
    },
    { key: 'needs', label: t('record.tabs.needs'), children: <NeedTable householdId={id} /> },
    { key: 'alerts', label: t('record.tabs.alerts'), children: <AlertTable householdId={id} /> },
    {
      key: 'history',
      label: t('record.tabs.history'),
      children: <ChangeHistory householdId={id} />,
    },
  ];
  return <HouseholdView id={id} canEdit={canEdit} notFound={notFound} tabs={tabs} />;
}
