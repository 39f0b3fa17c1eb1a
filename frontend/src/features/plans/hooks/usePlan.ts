import { useQuery } from '@tanstack/react-query';

import { useOutboxEntries } from '@/lib/hooks';

import { PLAN_KIND, measureTypes, planEntryId, planOf, type PlanIn } from '../api/plans';

export function usePlan(householdId: string, year: number) {
  return useQuery(planOf(householdId, year));
}

export function useMeasureTypes() {
  return useQuery(measureTypes());
}

/** The plan update of this household and year still on the phone (waiting, or refused), if any. */
export function useQueuedPlan(householdId: string, year: number) {
  const id = planEntryId(householdId, year);
  const entry = useOutboxEntries().find((e) => e.kind === PLAN_KIND && e.id === id);
  return entry ? { entry, body: entry.body as unknown as PlanIn } : null;
}
