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

export function listNeeds(status: NeedStatus | undefined, cursor: string | null) {
  return unwrap(
    api.GET('/api/v1/needs', {
      params: {
        query: { limit: LIMIT, ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) },
      },
    }),
  );
}

export const needListOptions = (status: NeedStatus | undefined, cursor: string | null) =>
  queryOptions({
    queryKey: [...needKeys.lists, status, cursor],
    queryFn: () => listNeeds(status, cursor),
  });

export const useNeeds = (status: NeedStatus | undefined, cursor: string | null) =>
  useQuery(needListOptions(status, cursor));

/** Start on a need; the responsible unit (who it is assigned to) may change here, blank keeps it. */
export function startNeed(need: Need, note: string, responsibleUnit = ''): Promise<Need> {
  const body = {
    note,
    ...(responsibleUnit && responsibleUnit !== need.responsible_unit
      ? { responsible_unit: responsibleUnit }
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
