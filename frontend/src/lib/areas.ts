/** Area names for codes (the registry's division tree): lists carry codes, people read names. */
import { queryOptions } from '@tanstack/react-query';

import { unwrap } from '@/lib/api';
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
