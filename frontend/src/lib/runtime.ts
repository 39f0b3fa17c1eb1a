/**
 * The app's single instances: the login, the API client, the offline outbox and the query cache,
 * and the loop that sends the outbox whenever there is a network.
 */
import { createApi } from './api/client';
import { forgetSubject, rememberSubject } from './auth/landing';
import { Auth, keepFresh } from './auth/session';
import { openOfflineDB } from './offline/db';
import { Outbox, type SyncReport } from './offline/outbox';
import { forgetReads, keepReads, restoreReads } from './offline/reads';
import { createQueryClient } from './query';

export const auth = new Auth();
export const api = createApi({ fetch: auth.fetch });
export const offlineDb = openOfflineDB();
export const outbox = new Outbox(offlineDb);
export const queryClient = createQueryClient();

export const RETRY_MS = 30_000;
/** The refresh's answer when an admin deactivated the account since the login. */
export const ACCOUNT_DEACTIVATED = '/problems/account-deactivated';

const owner = () => auth.session()?.me.subject ?? null;

/** Send what waits, if someone is logged in and the browser thinks it is online. */
export async function syncNow(): Promise<SyncReport | null> {
  const who = owner();
  if (!who || globalThis.navigator?.onLine === false) return null;
  const report = await outbox.sync(auth.fetch, who);
  const ended = auth.ended;
  if (
    report.stopped === 'auth' &&
    !auth.session() &&
    ended?.subject === who &&
    ended.type === ACCOUNT_DEACTIVATED
  ) {
    // The account is gone: what waits can never go. It stays, refused with the server's reason.
    await outbox.refusePending(who, ended.status, {
      type: ended.type,
      title: ended.title,
      status: ended.status,
    });
  }
  if (report.sent.length) {
    // The server has new visits: lists and the schedule change.
    await queryClient.invalidateQueries();
  }
  return report;
}

let started = false;

/** Start once: restore kept reads, keep new ones, sync on reconnect and every RETRY_MS. */
export function startRuntime(): void {
  if (started) return;
  started = true;
  keepReads(offlineDb, queryClient, owner);
  const who = owner();
  if (who) {
    rememberSubject(who);
    void restoreReads(offlineDb, queryClient, who);
  }
  globalThis.addEventListener?.('online', () => void syncNow());
  setInterval(() => void syncNow(), RETRY_MS);
  keepFresh(auth, RETRY_MS);
  auth.subscribe((session) => {
    if (session) {
      rememberSubject(session.me.subject);
      void restoreReads(offlineDb, queryClient, session.me.subject);
      void syncNow();
    }
  });
  void syncNow();
}

/**
 * Log out: end the login and forget what was read, and who it was (the next login, whoever it is,
 * starts at its own home); the outbox stays for this login's next session.
 */
export async function logOut(): Promise<void> {
  const who = owner();
  forgetSubject();
  await auth.logout();
  queryClient.clear();
  if (who) await forgetReads(offlineDb, who);
}
