import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { overdueIn, previousMonth, scheduleThisMonth, type ScheduleItem } from '../api/caseload';

export type Due = 'overdue' | 'pending' | 'visited';

export interface MyHousehold {
  id: string;
  headName: string;
  villageCode: string;
  due: Due;
  visitsThisMonth: number;
  lastVisitAt: string | null;
}

const ORDER: Record<Due, number> = { overdue: 0, pending: 1, visited: 2 };

/**
 * This month's households in the order a cadre works them: those left unvisited last month and
 * still not visited, then the rest due this month, then those visited.
 */
export function mergeSchedule(
  current: ScheduleItem[],
  lastMonthOverdue: ScheduleItem[],
): MyHousehold[] {
  const overdue = new Set(lastMonthOverdue.map((item) => item.household_id));
  return current
    .map((item): MyHousehold => {
      const due: Due =
        item.status === 'visited'
          ? 'visited'
          : overdue.has(item.household_id) || item.status === 'overdue'
            ? 'overdue'
            : 'pending';
      return {
        id: item.household_id,
        headName: item.head_name,
        villageCode: item.village_code,
        due,
        visitsThisMonth: item.visits,
        // The latest visit of any month, so a household not yet visited this month shows when it last was.
        lastVisitAt: item.latest_visit_at ?? item.last_visit_at ?? null,
      };
    })
    .sort((a, b) => ORDER[a.due] - ORDER[b.due] || a.headName.localeCompare(b.headName, 'zh-CN'));
}

/** A name search over the list: the head's name contains the words, ignoring spaces. */
export function matchesName(household: MyHousehold, query: string): boolean {
  const words = query.replace(/\s+/g, '');
  return !words || household.headName.includes(words);
}

export function useMyHouseholds() {
  const current = useQuery(scheduleThisMonth());
  const month = current.data?.month;
  const overdue = useQuery(overdueIn(month ? previousMonth(month) : undefined));
  const households = useMemo(
    () => mergeSchedule(current.data?.items ?? [], overdue.data?.items ?? []),
    [current.data, overdue.data],
  );
  return {
    households,
    month,
    isLoading: current.isLoading,
    error: current.error,
    savedAt: current.dataUpdatedAt,
    isStale: current.isError && Boolean(current.data),
    refetch: () => Promise.all([current.refetch(), overdue.refetch()]),
  };
}
