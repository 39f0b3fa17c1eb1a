/** The division tree (county → township → village); the county admin adds and renames areas. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Area = components['schemas']['AreaPublic'];
export type AreaLevel = components['schemas']['AreaLevel'];
export type SizeClass = components['schemas']['SizeClass'];

export const SIZE_CLASSES: readonly SizeClass[] = ['small', 'medium', 'large'];
/** The code lengths of province, city, county, township, village. */
const LENGTHS = [2, 4, 6, 9, 12];

/** The code length of the level below a code's (a county's children have 9 digits), or null for a village. */
export function childLength(code: string): number | null {
  const next = LENGTHS.find((length) => length > code.length);
  return next ?? null;
}

/** Query keys: the top of the tree, and each area's children as the tree opens it. */
export const areaKeys = {
  roots: ['admin-areas', 'roots'] as const,
  children: (code: string) => ['admin-areas', 'children', code] as const,
};

/** Every area under `parent` (all pages: a township has at most a few dozen villages). */
export async function childAreas(parent: string | null, level?: AreaLevel): Promise<Area[]> {
  const out: Area[] = [];
  let cursor: string | null = null;
  do {
    const query = {
      ...(parent ? { parent } : {}),
      ...(level ? { level } : {}),
      ...(cursor ? { cursor } : {}),
      limit: 200,
    };
    const page: components['schemas']['Page_AreaPublic_'] = await unwrap(
      api.GET('/api/v1/areas', { params: { query } }),
    );
    out.push(...page.items);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return out;
}

/** The top of the caller's tree: the areas whose parent they cannot see (or that have none). */
export async function rootAreas(): Promise<Area[]> {
  for (const level of ['province', 'city', 'county', 'township', 'village'] as const) {
    const found = await childAreas(null, level);
    if (found.length) return found;
  }
  return [];
}

/** An area's children, read afresh each time the tree opens it (for client.fetchQuery). */
export const childAreasOptions = (code: string) =>
  queryOptions({
    queryKey: areaKeys.children(code),
    queryFn: () => childAreas(code),
    staleTime: 0,
  });

export const rootAreasOptions = () =>
  queryOptions({ queryKey: areaKeys.roots, queryFn: rootAreas });

export const useRootAreas = () => useQuery(rootAreasOptions());

export function getArea(code: string): Promise<Area> {
  return unwrap(api.GET('/api/v1/areas/{code}', { params: { path: { code } } }));
}

export interface AreaForm {
  code: string;
  name: string;
  edition: number;
  size_class?: SizeClass | null;
}

export function createArea(values: AreaForm): Promise<Area> {
  return unwrap(
    api.POST('/api/v1/areas', {
      body: {
        code: values.code.trim(),
        name: values.name.trim(),
        edition: values.edition,
        size_class: values.size_class ?? null,
      },
    }),
  );
}

/** Rename (or resize) an area, only if nobody saved since `area.version` (412 else). */
export function updateArea(area: Area, values: Omit<AreaForm, 'code'>): Promise<Area> {
  return unwrap(
    api.PUT('/api/v1/areas/{code}', {
      params: { path: { code: area.code }, header: { 'If-Match': `"${area.version}"` } },
      body: {
        name: values.name.trim(),
        edition: values.edition,
        size_class: values.size_class ?? null,
      },
    }),
  );
}
