import { beforeEach, describe, expect, it } from 'vitest';

import { openOfflineDB } from './db';
import { Auth, memoryStorage } from '../auth/session';
import { Outbox, sameRecord, type Send } from './outbox';

const OWNER = 'user:cadre';
const BASE = 'http://fumin.test';
let dbCount = 0;

/** A stand-in for the gateway: idempotent PUTs of visits and attachments, like the services. */
class FakeServer {
  visits = new Map<string, string>();
  files = new Map<string, number>();
  calls: string[] = [];
  offline = false;
  refuse: { status: number; detail: string } | null = null;
  failFilesWith: number | null = null;
  /** answer the visit PUT with 502 once after storing it (the answer is "lost") */
  loseNextAnswer = false;

  send: Send = async (request) => {
    const path = new URL(request.url).pathname;
    this.calls.push(`${request.method} ${path}`);
    if (this.offline) throw new TypeError('Failed to fetch');
    if (path.startsWith('/api/v1/attachments/')) {
      if (this.failFilesWith) return problem(this.failFilesWith, 'bad photo');
      const sha = path.split('/').pop()!;
      const existed = this.files.has(sha);
      this.files.set(sha, (await request.arrayBuffer()).byteLength);
      return new Response('{}', { status: existed ? 200 : 201 });
    }
    const id = path.split('/').pop()!;
    if (request.method === 'GET') {
      const stored = this.visits.get(id);
      return stored ? new Response(stored, { status: 200 }) : problem(404, 'no such visit');
    }
    if (this.refuse) return problem(this.refuse.status, this.refuse.detail);
    const body = await request.text();
    const stored = this.visits.get(id);
    if (stored !== undefined && stored !== body) return problem(409, 'another visit has this id');
    this.visits.set(id, body);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return problem(502, 'upstream unavailable');
    }
    return new Response(body, { status: stored === undefined ? 201 : 200 });
  };
}

function problem(status: number, detail: string): Response {
  return new Response(
    JSON.stringify({
      type: '/problems/x',
      title: 'refused',
      status,
      detail,
      errors: status === 422 ? [{ field: 'household_id', message: 'not paired' }] : undefined,
    }),
    {
      status,
      headers: { 'Content-Type': 'application/problem+json' },
    },
  );
}

const photo = (sha: string) => ({
  sha256: sha,
  type: 'image/jpeg',
  bytes: new Uint8Array([1, 2, 3]).buffer,
});
const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function visit(id: string, photos: string[] = [], extra: Record<string, unknown> = {}) {
  return {
    id,
    owner: OWNER,
    kind: 'visit',
    path: `/api/v1/visits/${id}`,
    label: '王某某',
    context: { household_id: 'h1' },
    body: {
      household_id: 'h1',
      mode: 'in_person',
      occurred_at: '2026-11-03T09:30:00+08:00',
      photo_ids: photos,
      ...extra,
    },
    files: photos,
  };
}

describe('the outbox', () => {
  let outbox: Outbox;
  let server: FakeServer;

  beforeEach(() => {
    outbox = new Outbox(openOfflineDB(`test-${dbCount++}`), { baseUrl: BASE });
    server = new FakeServer();
  });

  it('keeps a visit and its photos while offline, counts it, and sends it once when back online', async () => {
    server.offline = true;
    await outbox.put(visit('v1', [SHA_A]), [photo(SHA_A)]);

    const offline = await outbox.sync(server.send, OWNER);
    expect(offline.stopped).toBe('offline');
    expect(await outbox.counts(OWNER)).toEqual({ pending: 1, rejected: 0 });
    expect(await outbox.file(SHA_A)).toBeDefined();

    server.offline = false;
    const online = await outbox.sync(server.send, OWNER);
    expect(online).toEqual({ sent: ['v1'], rejected: [], stopped: null });
    expect(server.visits.size).toBe(1);
    expect(await outbox.counts(OWNER)).toEqual({ pending: 0, rejected: 0 });
    expect(await outbox.file(SHA_A)).toBeUndefined();

    // Nothing left: another run sends nothing.
    await outbox.sync(server.send, OWNER);
    expect(server.calls.filter((c) => c.startsWith('PUT /api/v1/visits/'))).toHaveLength(1); // offline, the run stopped at the photo
  });

  it('sends photos first, by content hash, then the visit', async () => {
    await outbox.put(visit('v1', [SHA_A, SHA_B]), [photo(SHA_A), photo(SHA_B)]);
    await outbox.sync(server.send, OWNER);
    expect(server.calls).toEqual([
      `PUT /api/v1/attachments/${SHA_A}`,
      `PUT /api/v1/attachments/${SHA_B}`,
      'PUT /api/v1/visits/v1',
    ]);
  });

  it('does not upload a photo twice when the visit has to be retried', async () => {
    server.refuse = { status: 503, detail: 'busy' };
    await outbox.put(visit('v1', [SHA_A]), [photo(SHA_A)]);
    expect((await outbox.sync(server.send, OWNER)).stopped).toBe('server');
    server.refuse = null;
    await outbox.sync(server.send, OWNER);
    expect(server.calls.filter((c) => c.includes('attachments'))).toHaveLength(1);
    expect(server.visits.has('v1')).toBe(true);
  });

  it('sends again after a lost answer, and the server keeps one visit (idempotent PUT)', async () => {
    server.loseNextAnswer = true;
    await outbox.put(visit('v1'));
    expect((await outbox.sync(server.send, OWNER)).stopped).toBe('server');
    expect(await outbox.counts(OWNER)).toEqual({ pending: 1, rejected: 0 });
    expect((await outbox.sync(server.send, OWNER)).sent).toEqual(['v1']);
    expect(server.visits.size).toBe(1);
  });

  it('keeps a refused visit with the server reason and never drops it', async () => {
    server.refuse = { status: 422, detail: 'the household is not paired to you' };
    await outbox.put(visit('v1'));
    await outbox.put(visit('v2'));
    const report = await outbox.sync(server.send, OWNER);
    expect(report.rejected).toEqual(['v1', 'v2']);
    const [first] = await outbox.list(OWNER);
    expect(first?.status).toBe('rejected');
    expect(first?.rejection?.status).toBe(422);
    expect(first?.rejection?.problem.detail).toBe('the household is not paired to you');
    expect(first?.rejection?.problem.errors?.[0]?.field).toBe('household_id');

    // Later runs leave it alone: it waits for a person.
    server.refuse = null;
    await outbox.sync(server.send, OWNER);
    expect(await outbox.counts(OWNER)).toEqual({ pending: 0, rejected: 2 });

    // Corrected, it goes.
    await outbox.put(visit('v1', [], { backdate_reason: '补录' }));
    expect((await outbox.sync(server.send, OWNER)).sent).toEqual(['v1']);
    expect(await outbox.counts(OWNER)).toEqual({ pending: 0, rejected: 1 });
  });

  it('a refused photo holds its visit back, rejected with the reason', async () => {
    server.failFilesWith = 415;
    await outbox.put(visit('v1', [SHA_A]), [photo(SHA_A)]);
    const report = await outbox.sync(server.send, OWNER);
    expect(report.rejected).toEqual(['v1']);
    expect(server.visits.size).toBe(0);
    expect((await outbox.get('v1'))?.rejection?.status).toBe(415);
  });

  it('takes a 409 for the very same visit as sent, and any other 409 as a refusal', async () => {
    const same = visit('v1');
    server.visits.set(
      'v1',
      JSON.stringify({
        ...same.body,
        occurred_at: '2026-11-03T01:30:00Z',
        cadre_id: 'c1',
        observations: { health: null },
      }),
    );
    server.visits.set('v2', JSON.stringify({ ...visit('v2').body, mode: 'phone' }));
    await outbox.put({ ...same, body: { ...same.body, observations: { health: '血压高' } } });
    await outbox.put(visit('v2'));
    const report = await outbox.sync(server.send, OWNER);
    expect(report.sent).toEqual(['v1']);
    expect(report.rejected).toEqual(['v2']);
    expect((await outbox.get('v2'))?.rejection?.status).toBe(409);
  });

  it('stops at a 401 (a new login is needed) without rejecting anything', async () => {
    server.refuse = { status: 401, detail: 'expired' };
    await outbox.put(visit('v1'));
    expect((await outbox.sync(server.send, OWNER)).stopped).toBe('auth');
    expect(await outbox.counts(OWNER)).toEqual({ pending: 1, rejected: 0 });
  });

  it('sends only the logged-in owner’s entries', async () => {
    await outbox.put(visit('mine'));
    await outbox.put({ ...visit('theirs'), owner: 'user:other' });
    expect((await outbox.sync(server.send, OWNER)).sent).toEqual(['mine']);
    expect(await outbox.counts('user:other')).toEqual({ pending: 1, rejected: 0 });
  });

  it('uploads a photo for each login that names it: uploads count per person on the server', async () => {
    const OTHER = 'user:other';
    await outbox.put(visit('mine', [SHA_A]), [photo(SHA_A)]);
    await outbox.put({ ...visit('theirs', [SHA_A]), owner: OTHER }, [photo(SHA_A)]);
    await outbox.sync(server.send, OTHER);
    await outbox.sync(server.send, OWNER);
    expect(server.calls).toEqual([
      `PUT /api/v1/attachments/${SHA_A}`,
      'PUT /api/v1/visits/theirs',
      `PUT /api/v1/attachments/${SHA_A}`,
      'PUT /api/v1/visits/mine',
    ]);
  });

  it('runs one sync at a time, so two triggers at once send each visit once', async () => {
    await outbox.put(visit('v1'));
    await outbox.put(visit('v2'));
    const [a, b] = await Promise.all([
      outbox.sync(server.send, OWNER),
      outbox.sync(server.send, OWNER),
    ]);
    expect([...a.sent, ...b.sent].sort()).toEqual(['v1', 'v2']);
    expect(server.calls.filter((c) => c.startsWith('PUT /api/v1/visits/'))).toHaveLength(2);
  });

  it('discards only on request, and forgets photos no other entry names', async () => {
    await outbox.put(visit('v1', [SHA_A]), [photo(SHA_A)]);
    await outbox.put(visit('v2', [SHA_A]), [photo(SHA_A)]);
    await outbox.discard('v1');
    expect(await outbox.file(SHA_A)).toBeDefined();
    await outbox.discard('v2');
    expect(await outbox.file(SHA_A)).toBeUndefined();
  });

  it('tells subscribers when the outbox changes (the badge)', async () => {
    let changes = 0;
    outbox.subscribe(() => changes++);
    await outbox.put(visit('v1'));
    await outbox.sync(server.send, OWNER);
    expect(changes).toBeGreaterThanOrEqual(2);
  });
});

describe('sameRecord', () => {
  it('compares times as instants and ignores fields the server withholds or adds', () => {
    expect(
      sameRecord(
        { t: '2026-11-03T09:30:00+08:00', x: [1] },
        { t: '2026-11-03T01:30:00Z', x: [1], extra: 1 },
      ),
    ).toBe(true);
    expect(sameRecord({ h: 'text' }, { h: null })).toBe(true);
    expect(sameRecord({ mode: 'phone' }, { mode: 'video' })).toBe(false);
    expect(sameRecord({ ids: ['a'] }, { ids: ['a', 'b'] })).toBe(false);
  });
});

describe('the outbox after days offline (short access tokens)', () => {
  const me = {
    subject: OWNER,
    name: '吴',
    roles: ['cadre'],
    area: '331126101',
    cadre_id: 'c1',
    scopes: [],
  };
  const expired = { accessToken: 'access-old', refreshToken: 'refresh-1', expiresAt: 0, me };

  /** The gateway for a phone back online: the refresh grant, and visits taking only fresh tokens. */
  function gateway(deactivated: boolean) {
    const server = new FakeServer();
    const calls: string[] = [];
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = input instanceof Request ? input : new Request(input, init);
      const path = new URL(request.url).pathname;
      if (path === '/api/v1/auth/token') {
        calls.push('refresh');
        if (deactivated) {
          const body = {
            type: '/problems/account-deactivated',
            title: '账号已停用 / The account has been deactivated',
            status: 400,
          };
          return new Response(JSON.stringify(body), {
            status: 400,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        }
        return new Response(
          JSON.stringify({
            access_token: 'access-new',
            refresh_token: 'refresh-2',
            expires_in: 600,
          }),
          { status: 200 },
        );
      }
      calls.push(`${request.method} ${path}`);
      if (request.headers.get('Authorization') !== 'Bearer access-new')
        return problem(401, 'token revoked');
      return server.send(request);
    };
    return { server, calls, fetch };
  }

  it('refreshes first, then sends each entry once', async () => {
    const { server, calls, fetch } = gateway(false);
    const auth = new Auth({ baseUrl: BASE, storage: memoryStorage(expired), fetch });
    const outbox = new Outbox(openOfflineDB(`test-${dbCount++}`), { baseUrl: BASE });
    await outbox.put(visit('v1'));
    await outbox.put(visit('v2'));

    expect(await outbox.sync(auth.fetch, OWNER)).toEqual({
      sent: ['v1', 'v2'],
      rejected: [],
      stopped: null,
    });
    expect(calls).toEqual(['refresh', 'PUT /api/v1/visits/v1', 'PUT /api/v1/visits/v2']);
    expect(server.visits.size).toBe(2);
  });

  it('keeps every entry, refused with the reason, when the account was deactivated meanwhile', async () => {
    const { server, fetch } = gateway(true);
    const auth = new Auth({ baseUrl: BASE, storage: memoryStorage(expired), fetch });
    const outbox = new Outbox(openOfflineDB(`test-${dbCount++}`), { baseUrl: BASE });
    await outbox.put(visit('v1'));
    await outbox.put(visit('v2'));

    const report = await outbox.sync(auth.fetch, OWNER);
    expect(report.stopped).toBe('auth');
    expect(auth.session()).toBeNull();
    expect(auth.ended).toMatchObject({
      subject: OWNER,
      status: 400,
      type: '/problems/account-deactivated',
    });
    // What runtime.syncNow does then: the entries stay, refused with the server's reason.
    const ended = auth.ended!;
    expect(
      await outbox.refusePending(OWNER, ended.status, {
        type: ended.type,
        title: ended.title,
        status: ended.status,
      }),
    ).toBe(2);

    expect(server.visits.size).toBe(0);
    const entries = await outbox.list(OWNER);
    expect(entries.map((e) => [e.id, e.status, e.rejection?.problem.type])).toEqual([
      ['v1', 'rejected', '/problems/account-deactivated'],
      ['v2', 'rejected', '/problems/account-deactivated'],
    ]);
  });
});
