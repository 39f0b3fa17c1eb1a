/**
 * The sections of a household's page, in order. Part A has the visits; the plan, insurance,
 * happiness list, open needs and alerts come with their services (assistance part B, indicators):
 * each is one entry here, a component of its own feature, shown only where its endpoint exists.
 */
import type { Household } from '@/features/households';
import { VisitList } from '@/features/visits';

export interface HouseholdSection {
  key: string;
  render: (household: Household, open: { queuedVisit: (id: string) => void }) => React.ReactNode;
}

export const householdSections: HouseholdSection[] = [
  {
    key: 'visits',
    render: (household, open) => <VisitList householdId={household.id} onOpenQueued={open.queuedVisit} />,
  },
];
