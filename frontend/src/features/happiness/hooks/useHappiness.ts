import { useQuery } from '@tanstack/react-query';

import { useOutboxEntries } from '@/lib/hooks';

import { HAPPINESS_KIND, happinessOf, type HappinessItemIn } from '../api/happiness';

export function useHappiness(householdId: string, year: number) {
  return useQuery(happinessOf(householdId, year));
}

/** Items of this household still on the phone (waiting, or refused and awaiting correction). */
export function useQueuedItems(householdId: string) {
  return useOutboxEntries()
    .filter((entry) => entry.kind === HAPPINESS_KIND && entry.context.household_id === householdId)
    .map((entry) => ({ entry, body: entry.body as unknown as HappinessItemIn }));
}
