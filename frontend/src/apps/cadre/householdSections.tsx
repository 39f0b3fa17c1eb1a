/**
 * The sections of a household's page, in order, after its details (members, category): the year's
 * plan (main measure, insurance), the happiness list, visits, open needs and open alerts. Each is a
 * component of its own feature; the page gives them where to go.
 */
import { OpenAlerts, OpenNeeds } from '@/features/followups';
import { HappinessSection } from '@/features/happiness';
import type { Household } from '@/features/caseload';
import { PlanSection } from '@/features/plans';
import { VisitList } from '@/features/visits';

export interface SectionLinks {
  /** the year of the plan and the happiness list shown */
  year: number;
  /** open a write still on the phone (to look at it, or correct a refused one) */
  queued: (id: string) => void;
  /** open a visit the server holds, read-only */
  visit: (id: string) => void;
  editPlan: () => void;
  addHappiness: () => void;
}

export interface HouseholdSection {
  key: string;
  render: (household: Household, open: SectionLinks) => React.ReactNode;
}

export const householdSections: HouseholdSection[] = [
  {
    key: 'plan',
    render: (household, open) => (
      <PlanSection householdId={household.id} year={open.year} onEdit={open.editPlan} />
    ),
  },
  {
    key: 'happiness',
    render: (household, open) => (
      <HappinessSection
        householdId={household.id}
        year={open.year}
        onAdd={open.addHappiness}
        onOpenQueued={open.queued}
      />
    ),
  },
  {
    key: 'visits',
    render: (household, open) => (
      <VisitList householdId={household.id} onOpenQueued={open.queued} onOpen={open.visit} />
    ),
  },
  { key: 'needs', render: (household) => <OpenNeeds householdId={household.id} /> },
  { key: 'alerts', render: (household) => <OpenAlerts householdId={household.id} /> },
];
