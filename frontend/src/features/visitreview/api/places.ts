/** The names a visit is read by that the visit does not carry: villages (the registry's areas)
 * and the cadres to pick from. A township officer's are their own township's. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Area = components['schemas']['AreaPublic'];
export type CadreOption = components['schemas']['CadrePublic'];

/** Every area of a level the login sees (all pages). */
async function areasAt(level: 'township' | 'village'): Promise<Area[]> {
  const out: Area[] = [];
  let cursor: string | null = null;
  do {
    const query: { level: typeof level; limit: number; cursor?: string } = { level, limit: 500 };
    if (cursor) query.cursor = cursor;
    const page = await unwrap(api.GET('/api/v1/areas', { params: { query } }));
    out.push(...page.items);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return out;
}

export const placesOptions = () =>
  queryOptions({
    queryKey: ['visit-places'],
    queryFn: async () => {
      const [townships, villages] = await Promise.all([areasAt('township'), areasAt('village')]);
      return { townships, villages };
    },
    staleTime: 10 * 60_000,
  });

export const usePlaces = () => useQuery(placesOptions());

/** A village's name by its code ('' until the areas arrive or when unknown). */
export function useVillageName() {
  const places = usePlaces();
  const names = new Map((places.data?.villages ?? []).map((v) => [v.code, v.name]));
  return (code: string) => names.get(code) ?? '';
}

/** The cadres the login sees (active or not: last month's visits may be a leaver's). */
export async function listCadres(): Promise<CadreOption[]> {
  return (await unwrap(api.GET('/api/v1/cadres', { params: { query: { limit: 500 } } }))).items;
}

export const useCadres = () =>
  useQuery({ queryKey: ['visit-cadres'], queryFn: listCadres, staleTime: 10 * 60_000 });
