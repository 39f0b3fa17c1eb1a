/** Logins (the county admin's): the list, filtered to those locked out by failed logins, and the unlock. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';
import { formatTime } from '@/lib/format';

export type User = components['schemas']['UserPublic'];

const LIMIT = 50;

/** What the list is filtered by: `locked` true lists only the accounts locked now. */
export interface UserFilters {
  locked?: boolean;
}

/** The filters as the API's query: only those set. */
export function userQuery(filters: UserFilters, cursor: string | null) {
  return {
    limit: LIMIT,
    ...(filters.locked === undefined ? {} : { locked: filters.locked }),
    ...(cursor ? { cursor } : {}),
  };
}

/** Query keys: every user list (as filtered and paged). */
export const userKeys = {
  lists: ['users', 'list'] as const,
};

export function listUsers(filters: UserFilters, cursor: string | null) {
  return unwrap(api.GET('/api/v1/users', { params: { query: userQuery(filters, cursor) } }));
}

export const userListOptions = (filters: UserFilters, cursor: string | null) =>
  queryOptions({
    queryKey: [...userKeys.lists, filters, cursor],
    queryFn: () => listUsers(filters, cursor),
  });

export const useUsers = (filters: UserFilters, cursor: string | null) =>
  useQuery(userListOptions(filters, cursor));

/** Clears the lock (the failures are forgotten; the password and sessions stay). */
export function unlockUser(user: User): Promise<User> {
  return unwrap(
    api.POST('/api/v1/users/{user_id}/unlock', { params: { path: { user_id: user.id } } }),
  );
}

/** The time a lock ends as the county's clock shows it ("14:35"): locks last minutes, so the day goes without saying. */
export function lockEnds(lockedUntil: string): string {
  return formatTime(lockedUntil);
}
