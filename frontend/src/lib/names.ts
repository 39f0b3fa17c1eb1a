/**
 * Names for the codes and ids records carry, so that no screen shows a raw area code or
 * department id: areas (a village with its township, "黄田村（黄田镇）") and departments.
 * Every list of every feature takes its names from here.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { unwrap, type components } from './api/client';
import { formatNamed } from './format';
import { useSession } from './hooks';
import { api } from './runtime';

export type AreaRow = components['schemas']['AreaPublic'];
export type DepartmentRow = components['schemas']['DepartmentPublic'];
type AreaLevel = components['schemas']['AreaLevel'];

/** The API names at most this many areas in one read (GET /areas?code=…). */
const CODES_AT_ONCE = 200;
const TOWNSHIP_LENGTH = 9;
const VILLAGE_LENGTH = 12;
/** Areas and departments are renamed rarely: one read per screen is plenty. */
const NAMES_STALE = 10 * 60_000;

/** The township a village code lies in ("" for any other code). */
export const townshipOf = (code: string) =>
  code.length === VILLAGE_LENGTH ? code.slice(0, TOWNSHIP_LENGTH) : '';

/** The areas named `codes`, as far as the caller's scope reaches (in one read per 200). */
export async function areasByCode(codes: readonly string[]): Promise<AreaRow[]> {
  const out: AreaRow[] = [];
  for (let start = 0; start < codes.length; start += CODES_AT_ONCE) {
    const code = codes.slice(start, start + CODES_AT_ONCE);
    const page = await unwrap(
      api.GET('/api/v1/areas', { params: { query: { code, limit: CODES_AT_ONCE } } }),
    );
    out.push(...page.items);
  }
  return out;
}

/** Areas whose name contains `q` (or whose code starts with it, when it is digits), at the
 * `levels` asked, as far as the caller's scope reaches (the API scopes the list). */
export async function findAreas(q: string, levels?: readonly AreaLevel[]): Promise<AreaRow[]> {
  const typed = q.trim();
  const byCode = /^\d+$/.test(typed);
  const query = {
    ...(typed && !byCode ? { q: typed } : {}),
    // Nothing typed yet: the top levels asked (a county's townships, an officer's own).
    ...(!typed && levels?.length ? { level: levels[0] } : {}),
    limit: 200,
  };
  const { items } = await unwrap(api.GET('/api/v1/areas', { params: { query } }));
  return items.filter(
    (a) => (!byCode || a.code.startsWith(typed)) && (!levels || levels.includes(a.level)),
  );
}

export interface AreaNames {
  /** The area's own name; the code itself while (or if) its name is not known. */
  name: (code: string | null | undefined) => string;
  /** A village with its township, "黄田村（黄田镇）"; other areas by their name. */
  place: (code: string | null | undefined) => string;
}

export function areaNamesOf(areas: readonly AreaRow[]): AreaNames {
  const known = new Map(areas.map((a) => [a.code, a.name]));
  const name = (code: string | null | undefined) => (code ? (known.get(code) ?? code) : '');
  const place = (code: string | null | undefined) => {
    if (!code) return '';
    const township = known.get(townshipOf(code));
    return formatNamed(name(code), township);
  };
  return { name, place };
}

/** The areas `codes` name with their townships (sorted, so the same set is the same query). */
export function areaNamesQuery(codes: readonly (string | null | undefined)[], offline = false) {
  const wanted = [
    ...new Set(codes.flatMap((code) => (code ? [code, townshipOf(code)] : []))),
  ].filter((code) => code !== '');
  wanted.sort();
  return queryOptions({
    queryKey: ['area-names', wanted],
    queryFn: () => areasByCode(wanted),
    enabled: wanted.length > 0,
    staleTime: NAMES_STALE,
    placeholderData: keepPreviousData,
    meta: { offline },
  });
}

/** Names for the areas `codes` name (a list's page of them); `offline` keeps them on the phone. */
export function useAreaNames(
  codes: readonly (string | null | undefined)[],
  { offline = false } = {},
): AreaNames {
  const { data } = useQuery(areaNamesQuery(codes, offline));
  return useMemo(() => areaNamesOf(data ?? []), [data]);
}

/** Every department the caller sees (their area's and those above it: a county has a few
 * dozen), by name; pickers and lists read the same answer. */
export async function visibleDepartments(): Promise<DepartmentRow[]> {
  const out: DepartmentRow[] = [];
  let cursor: string | null = null;
  do {
    const query = { limit: 200, ...(cursor ? { cursor } : {}) };
    const page: components['schemas']['Page_DepartmentPublic_'] = await unwrap(
      api.GET('/api/v1/departments', { params: { query } }),
    );
    out.push(...page.items);
    cursor = page.next_cursor ?? null;
  } while (cursor);
  return out;
}

export const departmentsQuery = () =>
  queryOptions({ queryKey: ['departments'], queryFn: visibleDepartments, staleTime: NAMES_STALE });

/** A department's name by id; the `fallback` (a unit typed as text before departments, or
 * nothing) when the id is empty or not known. */
export function useDepartmentNames(): (id: string | null | undefined, fallback?: string) => string {
  const { data } = useQuery(departmentsQuery());
  return useMemo(() => {
    const known = new Map((data ?? []).map((d) => [d.id, d.name]));
    return (id, fallback = '') => (id ? (known.get(id) ?? fallback) : fallback);
  }, [data]);
}

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
