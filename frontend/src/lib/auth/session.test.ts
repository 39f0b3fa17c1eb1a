import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { Auth, keepFresh, memoryStorage, type Session } from './session';

const me = {
  subject: 'u1',
  name: '吴',
  roles: ['cadre'],
  area: '331126101',
  cadre_id: 'c1',
  scopes: [],
};
const RETRY_MS = 30_000;

describe('keepFresh: the refresh timer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  /** An Auth whose token expired (a phone offline for days), on a network that `online()` says. */
  function phone(online: () => boolean) {
    const expired: Session = {
      accessToken: 'old',
      refreshToken: 'r1',
      expiresAt: Date.now() - 60_000,
      me,
    };
    let tries = 0;
    const fetch = async (): Promise<Response> => {
      tries++;
      if (!online()) throw new TypeError('Failed to fetch');
      return new Response(
        JSON.stringify({
          access_token: `new-${tries}`,
          refresh_token: `r-${tries}`,
          expires_in: 600,
        }),
        { status: 200 },
      );
    };
    const auth = new Auth({
      storage: memoryStorage(expired),
      fetch,
      lock: (_name, task) => task(),
    });
    return { auth, tries: () => tries };
  }

  it('tries again after the retry interval while offline, never in a loop', async () => {
    const { auth, tries } = phone(() => false);
    const stop = keepFresh(auth, RETRY_MS);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(tries()).toBe(1);
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(tries()).toBe(2);
    expect(auth.session()?.accessToken).toBe('old'); // kept for when the network returns
    stop();
  });

  it('once a refresh is answered, plans the next one before the new token expires', async () => {
    let online = false;
    const { auth, tries } = phone(() => online);
    const stop = keepFresh(auth, RETRY_MS);
    await vi.advanceTimersByTimeAsync(1_000);
    online = true;
    await vi.advanceTimersByTimeAsync(RETRY_MS);
    expect(tries()).toBe(2);
    expect(auth.session()?.accessToken).toBe('new-2');
    await vi.advanceTimersByTimeAsync(4 * 60_000); // the new token has 10 minutes; due at 5 left
    expect(tries()).toBe(2);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries()).toBe(3);
    stop();
  });
});
