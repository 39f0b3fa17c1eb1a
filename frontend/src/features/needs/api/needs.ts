/** Needs (诉求) raised on visits: the list by status, and the steps each takes with a note (If-Match):
 * start (its responsible unit may change then), close. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Need = components['schemas']['NeedPublic'];
export type NeedStatus = components['schemas']['NeedStatus'];

export const NEED_STATUSES: readonly NeedStatus[] = ['open', 'in_progress', 'closed'];

const LIMIT = 50;
const ifMatch = (version: number) => ({ 'If-Match': `"${version}"` });

/** Query keys: every need list (by status, paged). */
export const needKeys = {
  lists: ['needs'] as const,
};

/** due: the nearest deadline first (the API's default); raised: the newest first. */
export type NeedOrder = 'due' | 'raised';

export interface NeedFilters {
  status?: NeedStatus;
  order: NeedOrder;
}

export function listNeeds({ status, order }: NeedFilters, cursor: string | null) {
  return unwrap(
    api.GET('/api/v1/needs', {
      params: {
        query: {
          limit: LIMIT,
          order,
          ...(status ? { status } : {}),
          ...(cursor ? { cursor } : {}),
        },
      },
    }),
  );
}

export const needListOptions = (filters: NeedFilters, cursor: string | null) =>
  queryOptions({
    queryKey: [...needKeys.lists, filters, cursor],
    queryFn: () => listNeeds(filters, cursor),
  });

export const useNeeds = (filters: NeedFilters, cursor: string | null) =>
  useQuery(needListOptions(filters, cursor));

/** Start on a need; the responsible department (who it is given to) may change here, blank
 * keeps it. */
export function startNeed(need: Need, note: string, departmentId = ''): Promise<Need> {
  const body = {
    note,
    ...(departmentId && departmentId !== need.responsible_department_id
      ? { responsible_department_id: departmentId }
      : {}),
  };
  return unwrap(
    api.POST('/api/v1/needs/{need_id}/start', {
      params: { path: { need_id: need.id }, header: ifMatch(need.version) },
      body,
    }),
  );
}

export function closeNeed(need: Need, note: string): Promise<Need> {
  return unwrap(
    api.POST('/api/v1/needs/{need_id}/close', {
      params: { path: { need_id: need.id }, header: ifMatch(need.version) },
      body: { note },
    }),
  );
}
