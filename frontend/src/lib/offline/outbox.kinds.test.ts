/**
 * The outbox with the other writes of the cadre's phone: happiness-list items (an idempotent create
 * by a client-made id, like a visit) and plans (a create, or an edit carrying If-Match).
 */
import { beforeEach, describe, expect, it } from 'vitest';

import { openOfflineDB } from './db';
import { Outbox, type NewEntry, type Send } from './outbox';

const OWNER = 'user:cadre';
const BASE = 'http://fumin.test';
let dbCount = 0;

interface Held {
  body: string;
  version: number;
}

/**
 * A stand-in for assistance's rules: without If-Match a PUT creates, or answers the stored record
 * for the same body (else 409 for an item, 428 for a plan); with If-Match it replaces at that
 * version (412 when stale). A plan answers its main measure as an object, as the service does.
 */
class FakeAssistance {
  records = new Map<string, Held>();
  /** the requests that reached the server */
  calls: string[] = [];
  offline = false;
  /** store the write but lose the answer (502) once */
  loseNextAnswer = false;

  send: Send = async (request) => {
    const path = new URL(request.url).pathname;
    const ifMatch = request.headers.get('If-Match');
    if (this.offline) throw new TypeError('Failed to fetch');
    this.calls.push(`${request.method} ${path}${ifMatch ? ` If-Match ${ifMatch}` : ''}`);
    const held = this.records.get(path);
    if (request.method === 'GET') return held ? answer(path, held, 200) : problem(404, 'none');
    const body = await request.text();
    const isPlan = path.startsWith('/api/v1/plans/');
    if (held && ifMatch === null) {
      if (held.body === body) return answer(path, held, 200);
      return isPlan ? problem(428, 'send If-Match') : problem(409, 'another item has this id');
    }
    if (held && ifMatch !== `"${held.version}"`)
      return problem(412, `current version is ${held.version}`);
    const stored = { body, version: (held?.version ?? 0) + 1 };
    this.records.set(path, stored);
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      return problem(502, 'upstream unavailable');
    }
    return answer(path, stored, held ? 200 : 201);
  };

  puts(prefix: string): string[] {
    return this.calls.filter((c) => c.startsWith(`PUT ${prefix}`));
  }
}

function answer(path: string, held: Held, status: number): Response {
  const data = JSON.parse(held.body) as Record<string, unknown>;
  if (path.startsWith('/api/v1/plans/')) {
    const code = data.main_measure as string | null;
    data.main_measure = code ? { code, name_zh: '产业帮扶', measure_no: 1 } : null;
  }
  return new Response(JSON.stringify({ ...data, version: held.version, recorded_by: 'user:x' }), {
    status,
  });
}

function problem(status: number, detail: string): Response {
  return new Response(JSON.stringify({ type: '/problems/x', title: 'refused', status, detail }), {
    status,
    headers: { 'Content-Type': 'application/problem+json' },
  });
}

const HOUSEHOLD = 'h1';
const ITEM_PATH = '/api/v1/happiness-items/i1';
const PLAN_PATH = `/api/v1/plans/${HOUSEHOLD}/2026`;

function item(title = '光伏分红'): NewEntry {
  return {
    id: 'i1',
    owner: OWNER,
    kind: 'happiness_item',
    path: ITEM_PATH,
    label: '王某某',
    context: { household_id: HOUSEHOLD },
    body: {
      household_id: HOUSEHOLD,
      category: 'subsidy',
      title,
      value: '1200.00',
      delivering_unit: '',
      delivered_on: '2026-11-03',
      status: 'delivered',
    },
  };
}

function plan(measure: string, version: number | null): NewEntry {
  const body = {
    main_measure: measure,
    goals: '',
    insurance: {
      insured: true,
      insurer: '人保',
      policy_number: 'P1',
      starts_on: '2026-01-01',
      ends_on: '2026-12-31',
      premium_paid_by: 'government',
    },
  };
  return {
    id: `plan:${HOUSEHOLD}:2026`,
    owner: OWNER,
    kind: 'plan',
    path: PLAN_PATH,
    label: '王某某',
    context: { household_id: HOUSEHOLD },
    body,
    headers: version === null ? {} : { 'If-Match': `"${version}"` },
    expect: { ...body, main_measure: { code: measure } },
  };
}

describe('the outbox with happiness-list items and plans', () => {
  let outbox: Outbox;
  let server: FakeAssistance;

  beforeEach(() => {
    outbox = new Outbox(openOfflineDB(`kinds-${dbCount++}`), { baseUrl: BASE });
    server = new FakeAssistance();
  });

  it('keeps a happiness item while offline, counts it, and sends it once when back online', async () => {
    server.offline = true;
    await outbox.put(item());
    expect((await outbox.sync(server.send, OWNER)).stopped).toBe('offline');
    expect(await outbox.counts(OWNER)).toEqual({ pending: 1, rejected: 0 });

    server.offline = false;
    expect((await outbox.sync(server.send, OWNER)).sent).toEqual(['i1']);
    await outbox.sync(server.send, OWNER);
    expect(server.puts(ITEM_PATH)).toHaveLength(1);
    expect(server.records.get(ITEM_PATH)?.version).toBe(1);
    expect(await outbox.counts(OWNER)).toEqual({ pending: 0, rejected: 0 });
  });

  it('sends a happiness item again after a lost answer, and the server keeps one', async () => {
    server.loseNextAnswer = true;
    await outbox.put(item());
    expect((await outbox.sync(server.send, OWNER)).stopped).toBe('server');
    expect((await outbox.sync(server.send, OWNER)).sent).toEqual(['i1']);
    expect(server.records.size).toBe(1);
  });

  it('keeps a refused happiness item with the reason (another body under its id)', async () => {
    server.records.set(ITEM_PATH, { body: JSON.stringify(item('别的事项').body), version: 1 });
    await outbox.put(item());
    expect((await outbox.sync(server.send, OWNER)).rejected).toEqual(['i1']);
    const kept = await outbox.get('i1');
    expect(kept?.status).toBe('rejected');
    expect(kept?.rejection?.status).toBe(409);
  });

  it('sends a plan edit with the If-Match of the version read', async () => {
    server.records.set(PLAN_PATH, {
      body: JSON.stringify(plan('industry', null).body),
      version: 3,
    });
    await outbox.put(plan('employment', 3));
    expect((await outbox.sync(server.send, OWNER)).sent).toEqual([`plan:${HOUSEHOLD}:2026`]);
    expect(server.puts(PLAN_PATH)).toEqual([`PUT ${PLAN_PATH} If-Match "3"`]);
    expect(server.records.get(PLAN_PATH)?.version).toBe(4);
  });

  it('takes the 412 after a lost answer to its own edit as sent, the main measure compared by code', async () => {
    server.records.set(PLAN_PATH, {
      body: JSON.stringify(plan('industry', null).body),
      version: 3,
    });
    server.loseNextAnswer = true;
    await outbox.put(plan('employment', 3));
    expect((await outbox.sync(server.send, OWNER)).stopped).toBe('server');
    const again = await outbox.sync(server.send, OWNER);
    expect(again).toEqual({ sent: [`plan:${HOUSEHOLD}:2026`], rejected: [], stopped: null });
    expect(server.records.get(PLAN_PATH)?.version).toBe(4);
  });

  it('keeps a plan edit someone else saved first (412) with the reason, never dropped', async () => {
    server.records.set(PLAN_PATH, {
      body: JSON.stringify(plan('industry', null).body),
      version: 4,
    });
    await outbox.put(plan('employment', 3));
    expect((await outbox.sync(server.send, OWNER)).rejected).toEqual([`plan:${HOUSEHOLD}:2026`]);
    await outbox.sync(server.send, OWNER);
    const kept = await outbox.get(`plan:${HOUSEHOLD}:2026`);
    expect(kept?.rejection?.status).toBe(412);
    expect(kept?.rejection?.problem.detail).toBe('current version is 4');
    expect(server.records.get(PLAN_PATH)?.version).toBe(4);

    // Corrected against the version now there, it goes.
    await outbox.put(plan('employment', 4));
    expect((await outbox.sync(server.send, OWNER)).sent).toHaveLength(1);
    expect(await outbox.counts(OWNER)).toEqual({ pending: 0, rejected: 0 });
  });

  it('a new plan made offline while another was made meanwhile is refused (428), not overwritten', async () => {
    server.records.set(PLAN_PATH, {
      body: JSON.stringify(plan('industry', null).body),
      version: 1,
    });
    await outbox.put(plan('employment', null));
    await outbox.sync(server.send, OWNER);
    expect((await outbox.get(`plan:${HOUSEHOLD}:2026`))?.rejection?.status).toBe(428);
  });

  it('a second edit of the plan before it went replaces the first: one PUT', async () => {
    server.offline = true;
    await outbox.put(plan('industry', null));
    await outbox.put(plan('employment', null));
    await outbox.put(item());
    expect(await outbox.counts(OWNER)).toEqual({ pending: 2, rejected: 0 });
    server.offline = false;
    await outbox.sync(server.send, OWNER);
    expect(server.puts(PLAN_PATH)).toHaveLength(1);
    expect(JSON.parse(server.records.get(PLAN_PATH)!.body).main_measure).toBe('employment');
  });
});
