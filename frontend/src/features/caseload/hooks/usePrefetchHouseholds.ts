import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { householdById } from '../api/caseload';

const AT_ONCE = 4;

/**
 * Read every listed household once while online, so each is kept on the phone (meta offline) and
 * a visit can be logged for any of them later without a network. A few at a time: a cadre has
 * tens of households, and the gateway limits bursts.
 */
export function usePrefetchHouseholds(ids: string[], online: boolean): void {
  const client = useQueryClient();
  const key = ids.join(',');
  useEffect(() => {
    if (!online || !key) return;
    let cancelled = false;
    const queue = key.split(',');
    const worker = async () => {
      for (let id = queue.shift(); id && !cancelled; id = queue.shift()) {
        await client.prefetchQuery(householdById(id)).catch(() => undefined);
      }
    };
    void Promise.all(Array.from({ length: AT_ONCE }, worker));
    return () => {
      cancelled = true;
    };
  }, [client, key, online]);
}
