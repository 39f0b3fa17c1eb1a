import { useHousehold, useMyHouseholds } from '@/features/caseload';

/** The household head's name for a form's heading and the outbox list, offline too. */
export function useHouseholdLabel(id: string): { label: string | undefined; isLoading: boolean } {
  const { data: household, isLoading } = useHousehold(id);
  // Offline and never read: the schedule (kept on the phone) still names the household.
  const listed = useMyHouseholds().households.find((h) => h.id === id);
  return { label: household?.head_name ?? listed?.headName, isLoading };
}
