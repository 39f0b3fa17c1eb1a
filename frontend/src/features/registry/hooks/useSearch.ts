/** A searched list read page by page: the filter last searched, its keyset cursors, and the page. */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useCursors } from '@/lib/paging';

export interface SearchPage<T> {
  items: T[];
  next_cursor?: string | null;
}

export function useSearch<F, T>(key: string, read: (filter: F, cursor: string | null) => Promise<SearchPage<T>>, initial: F) {
  const [filter, setFilter] = useState<F>(initial);
  const cursors = useCursors();
  const page = useQuery({ queryKey: [key, filter, cursors.cursor], queryFn: () => read(filter, cursors.cursor) });
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
