import { describe, expect, it } from 'vitest';

import { recordsSomething, visitBody, visitValuesOf, type VisitIn } from './visits';

describe('a visit from its form', () => {
  const values = {
    mode: 'phone' as const,
    occurredAt: '2026-11-03T09:30',
    needs: ' 修缮房屋 \n\n  申请低保\n',
    backdateReason: ' 当天无网络 ',
    riskFlags: [],
  };

  it('sends the needs one a line, blank lines dropped, the place when known, the reason only when late', () => {
    const body = visitBody({
      householdId: 'h1',
      values,
      photoIds: ['abc'],
      fix: { latitude: 27.1, longitude: 119.2, accuracy_m: 12 },
      late: false,
    });
    expect(body).toMatchObject({
      household_id: 'h1',
      mode: 'phone',
      needs_raised: ['修缮房屋', '申请低保'],
      photo_ids: ['abc'],
      latitude: 27.1,
      accuracy_m: 12,
    });
    expect(body.occurred_at.slice(0, 16)).toBe('2026-11-03T09:30');
    expect(body).not.toHaveProperty('backdate_reason');
    expect(
      visitBody({ householdId: 'h1', values, photoIds: [], fix: null, late: true }),
    ).toMatchObject({ backdate_reason: '当天无网络' });
  });

  it('a queued visit opens with its values, needs one a line', () => {
    const body = visitBody({ householdId: 'h1', values, photoIds: [], fix: null, late: false });
    expect(visitValuesOf(body as VisitIn)).toMatchObject({
      mode: 'phone',
      occurredAt: '2026-11-03T09:30',
      needs: '修缮房屋\n申请低保',
    });
    expect(visitValuesOf(undefined, new Date(2026, 10, 3, 8, 5))).toMatchObject({
      mode: 'in_person',
      occurredAt: '2026-11-03T08:05',
    });
  });
});

describe('what makes a visit count', () => {
  it('needs an observation, a need or an action in a few words, as the server does', () => {
    expect(recordsSomething({})).toBe(false);
    expect(recordsSomething({ income: '  ', actionsTaken: '。。', needs: '无\n\n' })).toBe(false);
    expect(recordsSomething({ actionsPromised: 'ok' })).toBe(false);
    expect(recordsSomething({ housing: '屋顶漏雨' })).toBe(true);
    expect(recordsSomething({ needs: '\n想学电商' })).toBe(true);
    expect(recordsSomething({ actionsPromised: 'call the co-op' })).toBe(true);
  });
});
