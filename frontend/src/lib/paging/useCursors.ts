/** Keyset paging: the cursors of the pages before this one ("previous" pops, "next" pushes). */
import { useState } from 'react';

export function useCursors() {
  const [list, setList] = useState<(string | null)[]>([null]);
  return {
    cursor: list[list.length - 1] ?? null,
    hasPrevious: list.length > 1,
    previous: () => setList((l) => l.slice(0, -1)),
    next: (cursor: string) => setList((l) => [...l, cursor]),
    reset: () => setList([null]),
  };
}
