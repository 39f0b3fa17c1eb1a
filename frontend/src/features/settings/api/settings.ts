/** The county admin's settings: targets per indicator measure, area and period (set, change,
 * reset to the plan's default), and the weighted sets townships are ranked on. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Target = components['schemas']['indicators__targets__schemas__TargetPublic'];
export type RankingSet = components['schemas']['RankingSetPublic'];
export type RankingSetPut = components['schemas']['RankingSetPut'];
export type IndicatorInfo = components['schemas']['IndicatorPublic'];

/** A target's key in the API's path. */
const targetPath = (t: Pick<Target, 'indicator' | 'measure' | 'area_code' | 'period'>) => ({
  indicator: t.indicator,
  measure: t.measure,
  area: t.area_code,
  period: t.period,
});

/** The targets in force for the area and the areas of the level below it. */
export async function listTargets(indicator: string, area: string, period: string) {
  const query = { indicator, area, period };
  return (await unwrap(api.GET('/api/v1/targets', { params: { query } }))).items;
}

export const targetsOptions = (indicator: string, area: string, period: string) =>
  queryOptions({
    queryKey: ['targets', indicator, area, period],
    queryFn: () => listTargets(indicator, area, period),
    enabled: Boolean(indicator && area),
  });

export const useTargets = (indicator: string, area: string, period: string) =>
  useQuery(targetsOptions(indicator, area, period));

/**
 * Set a target for the period shown: replacing the one set for that very period sends its version
 * (If-Match); a level target that comes from its year (set_for another period) or from the plan
 * gets its own, new, row.
 */
export function putTarget(target: Target, value: string) {
  const own = target.source === 'set' && target.set_for === target.period;
  const header = own && target.version != null ? { 'If-Match': `"${target.version}"` } : {};
  return unwrap(
    api.PUT('/api/v1/targets/{indicator}/{measure}/{area}/{period}', {
      params: { path: targetPath(target), header },
      body: { value },
    }),
  );
}

/** Remove the target set for the period it was set for: the plan's default stands again. */
export function resetTarget(target: Target) {
  const period = target.set_for ?? target.period;
  return unwrap(
    api.DELETE('/api/v1/targets/{indicator}/{measure}/{area}/{period}', {
      params: {
        path: targetPath({ ...target, period }),
        header: { 'If-Match': `"${target.version ?? 0}"` },
      },
    }),
  );
}

export async function listRankingSets() {
  return (await unwrap(api.GET('/api/v1/ranking-sets'))).items;
}

export const rankingSetsOptions = () =>
  queryOptions({ queryKey: ['ranking-sets'], queryFn: listRankingSets });

export const useRankingSets = () => useQuery(rankingSetsOptions());

/** Store a weighted set: a new code without If-Match, an existing one with its version. */
export function putRankingSet(code: string, body: RankingSetPut, version: number | null) {
  const header = version != null ? { 'If-Match': `"${version}"` } : {};
  return unwrap(
    api.PUT('/api/v1/ranking-sets/{code}', { params: { path: { code }, header }, body }),
  );
}

export const catalogueOptions = () =>
  queryOptions({
    queryKey: ['indicators'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/indicators'))).items,
    staleTime: Infinity,
  });

export const useCatalogue = () => useQuery(catalogueOptions());
