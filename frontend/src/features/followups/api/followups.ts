/** What is still open about a household: needs raised (诉求) not yet closed, and alerts (预警) not closed. */
import { queryOptions } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api/client';
import { api } from '@/lib/runtime';

export type Need = components['schemas']['NeedPublic'];
export type Alert = components['schemas']['AlertPublic'];

const LIMIT = 100;

export const openNeedsOf = (householdId: string) =>
  queryOptions({
    queryKey: ['needs', householdId, 'open'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/needs', {
          params: { query: { household_id: householdId, limit: LIMIT } },
        }),
      );
      return page.items.filter((need) => need.status !== 'closed');
    },
    meta: { offline: true },
  });

export const openAlertsOf = (householdId: string) =>
  queryOptions({
    queryKey: ['alerts', householdId, 'open'],
    queryFn: async () => {
      const page = await unwrap(
        api.GET('/api/v1/alerts', {
          params: { query: { household_id: householdId, limit: LIMIT } },
        }),
      );
      return page.items.filter((alert) => alert.status !== 'closed');
    },
    meta: { offline: true },
  });
