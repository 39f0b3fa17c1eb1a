/**
 * Drill-down reads: visit compliance county → township → village → cadre, the households due (all,
 * visited, not yet), the "six ones" (#14) of a month by area with the households behind each part,
 * and the households under 13,000 (#4). Lists carry names only (no ID numbers or phones).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type CompliancePage = components['schemas']['CompliancePage'];
export type IndicatorValue = components['schemas']['IndicatorValue'];

/** The level whose rows sit under an area: townships under the county, villages, then cadres. */
export function levelBelow(area: string): 'township' | 'village' | 'cadre' {
  return area.length <= 6 ? 'township' : area.length <= 9 ? 'village' : 'cadre';
}

export const complianceOptions = (area: string, month: string) =>
  queryOptions({
    queryKey: ['drill-compliance', area, month],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/compliance', {
          params: { query: { area, month, level: levelBelow(area) } },
        }),
      ),
    enabled: Boolean(area),
  });

export const useCompliance = (area: string, month: string) =>
  useQuery(complianceOptions(area, month));

/** A household in a drill-down list, with what the list knows about it. */
export interface ListedHousehold {
  id: string;
  name: string;
  village_code: string;
  cadre?: string | null;
}

export interface HouseholdPage {
  items: ListedHousehold[];
  next_cursor?: string | null;
}

export type Visited = 'all' | 'visited' | 'not';

/** The households due in the month under an area (and cadre): all, visited, or not yet. */
export async function dueHouseholds(
  area: string,
  month: string,
  visited: Visited,
  cadre: string | null,
  ended: boolean,
  cursor: string | null,
): Promise<HouseholdPage> {
  const status: 'visited' | 'overdue' | 'pending' | null =
    visited === 'all' ? null : visited === 'visited' ? 'visited' : ended ? 'overdue' : 'pending';
  const query = {
    area,
    month,
    limit: 50,
    ...(status ? { status } : {}),
    ...(cadre ? { cadre_id: cadre } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const page = await unwrap(api.GET('/api/v1/schedule', { params: { query } }));
  return {
    next_cursor: page.next_cursor,
    items: page.items.map((row) => ({
      id: row.household_id,
      name: row.head_name,
      village_code: row.village_code,
      cadre: row.cadre_name,
    })),
  };
}

/** The quarter a month falls in, as an indicator period ("2026-11" → "2026Q4"). */
export const quarterOf = (month: string) =>
  `${month.slice(0, 4)}Q${Math.floor((Number(month.slice(5)) - 1) / 3) + 1}`;

export const sixOnesOptions = (area: string, month: string) =>
  queryOptions({
    queryKey: ['drill-six-ones', area, month],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/indicator-values', {
            params: {
              query: { indicator: 'I14_six_ones', area, period: quarterOf(month), month },
            },
          }),
        )
      ).items,
    enabled: Boolean(area),
  });

export const useSixOnes = (area: string, month: string) => useQuery(sixOnesOptions(area, month));

export const belowLineOptions = (area: string, period: string) =>
  queryOptions({
    queryKey: ['drill-below-line', area, period],
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/indicator-values', {
            params: { query: { indicator: 'I04_below_13000', area, period } },
          }),
        )
      ).items,
    enabled: Boolean(area),
  });

export const useBelowLine = (area: string, period: string) =>
  useQuery(belowLineOptions(area, period));

/** The households behind an indicator's measure (the API's explanation), counted or not. */
export async function coveredHouseholds(
  indicator: string,
  area: string,
  period: string,
  measure: string,
  counted: boolean,
  month: string | null,
  cursor: string | null,
): Promise<HouseholdPage> {
  const query = {
    measure,
    counted,
    limit: 50,
    ...(month ? { month } : {}),
    ...(cursor ? { cursor } : {}),
  };
  const page = await unwrap(
    api.GET('/api/v1/indicator-values/{indicator}/{area}/{period}/members', {
      params: { path: { indicator, area, period }, query },
    }),
  );
  return {
    next_cursor: page.next_cursor,
    items: page.items.map((m) => ({ id: m.id, name: m.name, village_code: m.village_code })),
  };
}
