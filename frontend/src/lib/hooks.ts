/** React hooks over the runtime's instances, shared by both apps. */
import { useEffect, useState, useSyncExternalStore } from 'react';

import type { Session } from './auth/session';
import type { OutboxEntry } from './offline/db';
import { auth, outbox } from './runtime';

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => auth.subscribe(listener),
    () => auth.session(),
  );
}

export function useOnline(): boolean {
  return useSyncExternalStore(
    (listener) => {
      window.addEventListener('online', listener);
      window.addEventListener('offline', listener);
      return () => {
        window.removeEventListener('online', listener);
        window.removeEventListener('offline', listener);
      };
    },
    () => navigator.onLine,
  );
}

/** This login's outbox, kept current as entries are queued, sent or rejected (in any tab). */
export function useOutboxEntries(): OutboxEntry[] {
  const session = useSession();
  const subject = session?.me.subject;
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    if (!subject) return;
    let live = true;
    const load = () => void outbox.list(subject).then((list) => live && setEntries(list));
    load();
    const unsubscribe = outbox.subscribe(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, [subject]);
  return subject ? entries : [];
}
