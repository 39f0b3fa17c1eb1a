/**
 * The last answer of the reads a cadre needs in the field (their households, the schedule), kept
 * on the phone so the app opens without a network. Only queries marked `meta: { offline: true }`
 * are kept; they are masked like every answer, and a logout forgets them.
 */
import type { QueryClient } from '@tanstack/react-query';

import type { OfflineDB } from './db';

export const MAX_AGE_MS = 31 * 24 * 3600 * 1000;

function keyOf(owner: string, queryKey: readonly unknown[]): string {
  return `${owner}|${JSON.stringify(queryKey)}`;
}

/** Put the kept answers into the cache, marked stale: shown at once, fetched again when used. */
export async function restoreReads(
  db: Promise<OfflineDB>,
  client: QueryClient,
  owner: string,
  now = Date.now(),
): Promise<number> {
  const reads = await (await db).getAllFromIndex('reads', 'owner', owner);
  let restored = 0;
  for (const read of reads) {
    if (now - read.savedAt > MAX_AGE_MS) continue;
    const queryKey = JSON.parse(read.key.slice(owner.length + 1)) as unknown[];
    if (client.getQueryData(queryKey) === undefined) {
      client.setQueryData(queryKey, read.data, { updatedAt: read.savedAt });
      await client.invalidateQueries({ queryKey, exact: true, refetchType: 'none' });
      restored++;
    }
  }
  return restored;
}

/** Keep each successful answer of an offline-marked query; returns the unsubscribe. */
export function keepReads(
  db: Promise<OfflineDB>,
  client: QueryClient,
  owner: () => string | null,
): () => void {
  return client.getQueryCache().subscribe((event) => {
    const query = event.query;
    const who = owner();
    if (event.type !== 'updated' || !who || query.meta?.offline !== true) return;
    if (query.state.status !== 'success' || event.action.type !== 'success') return;
    const read = {
      key: keyOf(who, query.queryKey),
      owner: who,
      data: query.state.data,
      savedAt: query.state.dataUpdatedAt,
    };
    void db.then((d) => d.put('reads', read)).catch(() => undefined);
  });
}

export async function forgetReads(db: Promise<OfflineDB>, owner: string): Promise<void> {
  const d = await db;
  const keys = await d.getAllKeysFromIndex('reads', 'owner', owner);
  await Promise.all(keys.map((key) => d.delete('reads', key)));
}
