/** Server state (TanStack Query) with the defaults a phone in the hills needs. */
import { QueryClient } from '@tanstack/react-query';

import { ApiError } from './api/problems';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: { offline?: boolean };
  }
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // offlineFirst: a query runs once even offline, so kept answers show and fail softly.
        networkMode: 'offlineFirst',
        staleTime: 60_000,
        gcTime: 24 * 3600 * 1000,
        retry: (failures, error) =>
          !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}
