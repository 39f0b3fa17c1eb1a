/** The reads behind "my households": the visit schedule and one household (masked). */
import { queryOptions } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api/client';
import { api } from '@/lib/runtime';

export type ScheduleItem = components['schemas']['ScheduleItem'];
export type SchedulePage = components['schemas']['SchedulePage'];
export type Household = components['schemas']['HouseholdPublic'];
export type Member = components['schemas']['MemberPublic'];
export type DueStatus = components['schemas']['DueStatus'];

const PAGE = 500;

/** Every item of a month's schedule (a cadre has tens of households: one page, rarely two). */
async function wholeSchedule(query: { month?: string; status?: DueStatus }): Promise<SchedulePage> {
  let page = await unwrap(
    api.GET('/api/v1/schedule', { params: { query: { ...query, limit: PAGE } } }),
  );
  const items = [...page.items];
  while (page.next_cursor) {
    const cursor = page.next_cursor;
    page = await unwrap(
      api.GET('/api/v1/schedule', { params: { query: { ...query, limit: PAGE, cursor } } }),
    );
    items.push(...page.items);
  }
  return { ...page, items };
}

/** The month before "2026-11": "2026-10". */
export function previousMonth(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

export const scheduleThisMonth = () =>
  queryOptions({
    queryKey: ['schedule', 'current'],
    queryFn: () => wholeSchedule({}),
    meta: { offline: true },
  });

export const overdueIn = (month: string | undefined) =>
  queryOptions({
    queryKey: ['schedule', month, 'overdue'],
    queryFn: () => wholeSchedule({ month: month!, status: 'overdue' }),
    enabled: Boolean(month),
    meta: { offline: true },
  });

export const householdById = (id: string) =>
  queryOptions({
    queryKey: ['household', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/households/{household_id}', { params: { path: { household_id: id } } }),
      ),
    meta: { offline: true },
  });
