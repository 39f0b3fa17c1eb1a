/** Area names for codes (the registry's division tree): lists carry codes, people read names. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap } from '@/lib/api';
import { useSession } from '@/lib/hooks';
import { api } from '@/lib/runtime';

/** Area code → name of the areas directly under one. */
export async function areaNames(parent: string): Promise<Map<string, string>> {
  const page = await unwrap(
    api.GET('/api/v1/areas', { params: { query: { parent, limit: 500 } } }),
  );
  return new Map(page.items.map((a) => [a.code, a.name]));
}

export const areaNamesOptions = (parent: string) =>
  queryOptions({
    queryKey: ['area-names', parent],
    queryFn: () => areaNames(parent),
    staleTime: 600_000,
    enabled: Boolean(parent),
  });

/** The login's top area: its own, or for a login over every area (the first admin an operator
 * made has none) the county's, so pages that need an area still open on one. */
export async function topArea(own: string): Promise<string> {
  if (own) return own;
  const page = await unwrap(
    api.GET('/api/v1/areas', { params: { query: { level: 'county', limit: 1 } } }),
  );
  return page.items[0]?.code ?? '';
}

export const topAreaOptions = (own: string) =>
  queryOptions({ queryKey: ['top-area', own], queryFn: () => topArea(own), staleTime: Infinity });

/** The area the login's pages open on (see `topArea`); "" until it is known, so queries that
 * need an area wait (`enabled: Boolean(area)`) rather than ask for `area=`. */
export function useTopArea(): string {
  const own = useSession()?.me.area ?? '';
  return useQuery(topAreaOptions(own)).data ?? '';
}
