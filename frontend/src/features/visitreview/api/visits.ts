/** The visits an officer reviews: the filtered list (keyset paged), one visit, and its photos. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { ApiError, readProblem, unwrap, type components } from '@/lib/api';
import { api, auth } from '@/lib/runtime';

export type Visit = components['schemas']['VisitRead'];
export type VisitFlag = 'far_from_home' | 'late_entry' | 'risk';
export const VISIT_FLAGS: VisitFlag[] = ['far_from_home', 'late_entry', 'risk'];

const LIMIT = 50;

/** What the list is filtered by: a month, a cadre, a village, and the flags that must hold. */
export interface VisitFilters {
  month: string;
  cadre_id?: string;
  village?: string;
  flags: VisitFlag[];
}

/** The filters as the API's query: only those set; each flag ticked must hold. */
export function visitQuery(filters: VisitFilters, cursor: string | null) {
  return {
    limit: LIMIT,
    month: filters.month,
    ...(filters.cadre_id ? { cadre_id: filters.cadre_id } : {}),
    ...(filters.village ? { village: filters.village } : {}),
    ...Object.fromEntries(filters.flags.map((flag) => [flag, true])),
    ...(cursor ? { cursor } : {}),
  };
}

export const visitKeys = {
  lists: ['review-visits'] as const,
  one: (id: string) => ['review-visit', id] as const,
};

export function listVisits(filters: VisitFilters, cursor: string | null) {
  return unwrap(api.GET('/api/v1/visits', { params: { query: visitQuery(filters, cursor) } }));
}

export const visitListOptions = (filters: VisitFilters, cursor: string | null) =>
  queryOptions({
    queryKey: [...visitKeys.lists, filters, cursor],
    queryFn: () => listVisits(filters, cursor),
  });

export const useVisitList = (filters: VisitFilters, cursor: string | null) =>
  useQuery(visitListOptions(filters, cursor));

export function getVisit(id: string) {
  return unwrap(api.GET('/api/v1/visits/{visit_id}', { params: { path: { visit_id: id } } }));
}

export const visitOptions = (id: string) =>
  queryOptions({ queryKey: visitKeys.one(id), queryFn: () => getVisit(id) });

export const useVisit = (id: string | null) =>
  useQuery({ ...visitOptions(id ?? ''), enabled: id !== null });

/** A photo's bytes, fetched with the login's token (an <img src> could not send it). */
export async function fetchPhoto(sha256: string): Promise<Blob> {
  const response = await auth.fetch(new Request(`/api/v1/attachments/${sha256}`));
  if (!response.ok) throw new ApiError(await readProblem(response));
  return response.blob();
}
