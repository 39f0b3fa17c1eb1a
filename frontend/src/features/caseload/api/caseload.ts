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

/** A township's villages as [code, name] (the cadre's list names each household's village). */
export const villagesOf = (township: string) =>
  queryOptions({
    queryKey: ['villages', township],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/areas', { params: { query: { parent: township, limit: 500 } } }),
        )
      ).items.map((area): [string, string] => [area.code, area.name]),
    staleTime: 24 * 3600_000,
    meta: { offline: true },
  });

/** Why the cadre reads the phone whole: stored with the audit entry (a fixed text, one language). */
export const CALL_REASON = '拨打农户电话 / calling the household';

/** The household's phone whole, for its cadre to call now (the read is audited; never kept). */
export async function phoneToCall(householdId: string): Promise<string | null> {
  const answer = await unwrap(
    api.GET('/api/v1/households/{household_id}/phone', {
      params: { path: { household_id: householdId }, query: { reason: CALL_REASON } },
    }),
  );
  return answer.phone ?? null;
}

export const householdById = (id: string) =>
  queryOptions({
    queryKey: ['household', id],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/households/{household_id}', { params: { path: { household_id: id } } }),
      ),
    meta: { offline: true },
  });
