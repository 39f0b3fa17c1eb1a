import { describe, expect, it } from 'vitest';

import { Auth, REFRESH_MARGIN_MS, memoryStorage, type Session } from '../auth/session';
import { createApi, unwrap } from './client';
import { ApiError, NetworkError, problemText } from './problems';

const BASE = 'http://fumin.test';
const ME = {
  subject: 'user:1',
  name: '张帮扶',
  roles: ['cadre'],
  area: '331126101',
  cadre_id: 'c1',
  scopes: [],
};

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

/** A fake registry: tokens numbered as issued, each refresh token good once. */
function fakeServer() {
  let issued = 0;
  const spent = new Set<string>();
  const calls: { url: string; auth: string | null; body?: string }[] = [];
  const answer = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const body = request.method === 'GET' ? undefined : await request.clone().text();
    calls.push({ url: url.pathname, auth: request.headers.get('Authorization'), body });
    if (url.pathname === '/api/v1/auth/token') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') === 'password' && form.get('password') !== 'right') {
        return json(
          {
            type: '/problems/unauthorized',
            title: '未登录',
            status: 401,
            detail: 'wrong password',
          },
          401,
        );
      }
      if (form.get('grant_type') === 'refresh_token') {
        const token = form.get('refresh_token')!;
        if (spent.has(token)) return json({ title: 'reused', status: 401 }, 401);
        spent.add(token);
      }
      issued++;
      return json({
        access_token: `access-${issued}`,
        refresh_token: `refresh-${issued}`,
        expires_in: 3600,
        token_type: 'bearer',
      });
    }
    if (url.pathname === '/api/v1/auth/me') return json(ME);
    if (url.pathname === '/api/v1/households/missing') {
      return json(
        {
          type: '/problems/not-found',
          title: '未找到 / Not found',
          status: 404,
          detail: '没有这个农户',
        },
        404,
        'application/problem+json',
      );
    }
    if (url.pathname.startsWith('/api/v1/visits/')) {
      // the "revoked" token is refused; any other goes
      if (request.headers.get('Authorization') === 'Bearer access-stale')
        return json({ title: 'expired', status: 401 }, 401);
      return json({ id: 'v', ok: true }, 201);
    }
    return json({ items: [], next_cursor: null });
  };
  return { calls, fetch: answer as typeof fetch, issuedCount: () => issued };
}

function session(overrides: Partial<Session> = {}): Session {
  return {
    accessToken: 'access-0',
    refreshToken: 'refresh-0',
    expiresAt: Date.now() + 3600_000,
    me: ME,
    ...overrides,
  };
}

describe('Auth', () => {
  it('logs in with the password grant, keeps the tokens and who they are for', async () => {
    const server = fakeServer();
    const storage = memoryStorage();
    const auth = new Auth({ baseUrl: BASE, storage, fetch: server.fetch });
    await auth.login('cadre', 'right');
    expect(storage.load()?.accessToken).toBe('access-1');
    expect(storage.load()?.refreshToken).toBe('refresh-1');
    expect(auth.session()?.me.name).toBe('张帮扶');
    expect(server.calls[0]?.body).toContain('grant_type=password');
  });

  it('says why a login failed', async () => {
    const auth = new Auth({ baseUrl: BASE, storage: memoryStorage(), fetch: fakeServer().fetch });
    await expect(auth.login('cadre', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(auth.session()).toBeNull();
  });

  it('refreshes before the access token expires, once for many callers at the same moment', async () => {
    const server = fakeServer();
    const now = Date.now();
    const auth = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(session({ expiresAt: now + REFRESH_MARGIN_MS - 1000 })),
      fetch: server.fetch,
      now: () => now,
    });
    const tokens = await Promise.all([auth.accessToken(), auth.accessToken(), auth.accessToken()]);
    expect(tokens).toEqual(['access-1', 'access-1', 'access-1']);
    expect(server.issuedCount()).toBe(1);
    expect(auth.session()?.refreshToken).toBe('refresh-1');
  });

  it('uses the token as it is while it has time left', async () => {
    const server = fakeServer();
    const auth = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(session()),
      fetch: server.fetch,
    });
    expect(await auth.accessToken()).toBe('access-0');
    expect(server.calls).toHaveLength(0);
  });

  it('ends the login when the refresh token is refused, keeps it when there is no answer', async () => {
    const server = fakeServer();
    const expiring = session({ expiresAt: 0 });
    const offline = new Auth({
      storage: memoryStorage(expiring),
      fetch: () => Promise.reject(new TypeError('offline')),
    });
    expect(await offline.refresh()).toEqual(expiring);

    const refused = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(expiring),
      fetch: server.fetch,
    });
    await refused.refresh(); // spends refresh-0
    const again = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(expiring),
      fetch: server.fetch,
    });
    expect(await again.refresh()).toBeNull();
    expect(again.session()).toBeNull();
  });

  it('logs out: forgets the session and revokes the refresh token', async () => {
    const server = fakeServer();
    const auth = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(session()),
      fetch: server.fetch,
    });
    await auth.logout();
    expect(auth.session()).toBeNull();
    expect(server.calls.at(-1)).toMatchObject({
      url: '/api/v1/auth/logout',
      body: JSON.stringify({ refresh_token: 'refresh-0' }),
    });
  });
});

describe('the API client', () => {
  it('sends the bearer token and answers typed data', async () => {
    const server = fakeServer();
    const auth = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(session()),
      fetch: server.fetch,
    });
    const api = createApi({ baseUrl: BASE, fetch: auth.fetch });
    const page = await unwrap(api.GET('/api/v1/households', { params: { query: { limit: 5 } } }));
    expect(page.items).toEqual([]);
    expect(server.calls[0]).toMatchObject({ url: '/api/v1/households', auth: 'Bearer access-0' });
  });

  it('turns a problem answer into an ApiError with the server reason', async () => {
    const auth = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(session()),
      fetch: fakeServer().fetch,
    });
    const api = createApi({ baseUrl: BASE, fetch: auth.fetch });
    const error = await unwrap(
      api.GET('/api/v1/households/{household_id}', {
        params: { path: { household_id: 'missing' } },
      }),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(problemText((error as ApiError).problem)).toBe('没有这个农户');
  });

  it('on a 401 refreshes once and sends the same request again, body included', async () => {
    const server = fakeServer();
    const auth = new Auth({
      baseUrl: BASE,
      storage: memoryStorage(session({ accessToken: 'access-stale' })),
      fetch: server.fetch,
    });
    const api = createApi({ baseUrl: BASE, fetch: auth.fetch });
    const body = {
      household_id: 'h',
      mode: 'phone' as const,
      occurred_at: '2026-11-03T09:00:00+08:00',
      actions_taken: '',
      actions_promised: '',
    };
    const answer = await api.PUT('/api/v1/visits/{visit_id}', {
      params: { path: { visit_id: 'v' } },
      body,
    });
    expect(answer.response.status).toBe(201);
    const visitCalls = server.calls.filter((c) => c.url === '/api/v1/visits/v');
    expect(visitCalls.map((c) => c.auth)).toEqual(['Bearer access-stale', 'Bearer access-1']);
    expect(JSON.parse(visitCalls[1]!.body!)).toMatchObject(body);
  });

  it('shows a problem as one line: the detail, then field messages it does not already say', () => {
    const problem = {
      type: '/problems/validation',
      title: '输入有误',
      status: 422,
      detail: 'household_id: 未结对',
      errors: [
        { field: 'household_id', message: '未结对' },
        { field: 'mode', message: '无效' },
      ],
    };
    expect(problemText(problem)).toBe('household_id: 未结对；mode: 无效');
    expect(problemText({ type: 'about:blank', title: '服务暂不可用', status: 502 })).toBe(
      '服务暂不可用',
    );
  });

  it('raises a NetworkError when there is no answer at all', async () => {
    const api = createApi({
      baseUrl: BASE,
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(api.GET('/api/v1/households')).rejects.toBeInstanceOf(NetworkError);
  });
});
