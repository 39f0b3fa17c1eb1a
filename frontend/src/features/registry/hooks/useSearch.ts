/** A searched list read page by page: the filter last searched, its keyset cursors, and the page. */
import { useQuery, type QueryKey, type UseQueryOptions } from '@tanstack/react-query';
import { useState } from 'react';

import { useCursors } from '@/lib/paging';

export interface SearchPage<T> {
  items: T[];
  next_cursor?: string | null;
}

/** `options` is the list's query options factory (e.g. cadreSearchOptions) for a filter and cursor. */
export function useSearch<F, T, K extends QueryKey>(
  options: (
    filter: F,
    cursor: string | null,
  ) => UseQueryOptions<SearchPage<T>, Error, SearchPage<T>, K>,
  initial: NoInfer<F>,
) {
  const [filter, setFilter] = useState<F>(initial);
  const cursors = useCursors();
  const page = useQuery(options(filter, cursors.cursor));
  return {
    page,
    cursors,
    /** A new search starts again at the first page. */
    search: (next: F) => {
      setFilter(next);
      cursors.reset();
    },
  };
}
