import { useQuery } from '@tanstack/react-query';

import { useOutboxEntries } from '@/lib/hooks';

import { VISIT_KIND, visitsOf, type VisitIn } from '../api/visits';

export function useVisits(householdId: string) {
  return useQuery(visitsOf(householdId));
}

/** Visits of this household still on the phone (waiting, or refused and awaiting correction). */
export function useQueuedVisits(householdId: string) {
  return useOutboxEntries()
    .filter((entry) => entry.kind === VISIT_KIND && entry.context.household_id === householdId)
    .map((entry) => ({ entry, body: entry.body as unknown as VisitIn }));
}
