/**
 * The whole household as the admin app reads it (read-only): visits, needs, the year's plan
 * and insurance, the happiness list, alerts and income records. The cadre's phone has its own
 * reads of the same (features/followups, plans, happiness, visits), kept offline; these are
 * plain admin reads of more at once.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { ApiError, unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Visit = components['schemas']['VisitPublic'];
export type Need = components['schemas']['NeedPublic'];
export type Plan = components['schemas']['PlanPublic'];
export type HappinessItem = components['schemas']['HappinessItemPublic'];
export type Alert = components['schemas']['AlertPublic'];
export type IncomeRecord = components['schemas']['IncomeRecordPublic'];

const LIMIT = 100;

export const recordKeys = {
  all: (householdId: string) => ['household-record', householdId] as const,
};

export const useVisitsOf = (householdId: string) =>
  useQuery(
    queryOptions({
      queryKey: [...recordKeys.all(householdId), 'visits'],
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/visits', {
            params: { query: { household_id: householdId, limit: LIMIT } },
          }),
        ),
    }),
  );

export const useNeedsOf = (householdId: string) =>
  useQuery({
    queryKey: [...recordKeys.all(householdId), 'needs'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/needs', {
          params: { query: { household_id: householdId, limit: LIMIT } },
        }),
      ),
  });

export const useAlertsOf = (householdId: string) =>
  useQuery({
    queryKey: [...recordKeys.all(householdId), 'alerts'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/alerts', {
          params: { query: { household_id: householdId, limit: LIMIT } },
        }),
      ),
  });

/** The year's plan, or null when none was made (404). */
export const usePlanOf = (householdId: string, year: number) =>
  useQuery({
    queryKey: [...recordKeys.all(householdId), 'plan', year],
    queryFn: async () => {
      try {
        return await unwrap(
          api.GET('/api/v1/plans/{household_id}/{year}', {
            params: { path: { household_id: householdId, year } },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });

export const useHappinessOf = (householdId: string, year: number) =>
  useQuery({
    queryKey: [...recordKeys.all(householdId), 'happiness', year],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/happiness-items', {
          params: { query: { household_id: householdId, year, limit: LIMIT } },
        }),
      ),
  });

export const useIncomeOf = (householdId: string) =>
  useQuery({
    queryKey: [...recordKeys.all(householdId), 'income'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/households/{household_id}/income-records', {
          params: { path: { household_id: householdId }, query: { limit: LIMIT } },
        }),
      ),
  });
