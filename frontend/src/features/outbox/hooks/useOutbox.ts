import { useState } from 'react';

import { useOutboxEntries } from '@/lib/hooks';
import type { SyncReport } from '@/lib/offline/outbox';
import { outbox, syncNow } from '@/lib/runtime';

export function useOutboxCounts() {
  const entries = useOutboxEntries();
  const rejected = entries.filter((e) => e.status === 'rejected').length;
  return { total: entries.length, pending: entries.length - rejected, rejected };
}

export function useSync() {
  const [running, setRunning] = useState(false);
  const [last, setLast] = useState<SyncReport | null>(null);
  const run = async () => {
    setRunning(true);
    try {
      setLast(await syncNow());
    } finally {
      setRunning(false);
    }
  };
  return { running, last, run, discard: (id: string) => outbox.discard(id) };
}
