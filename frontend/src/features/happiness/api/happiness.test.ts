import { describe, expect, it } from 'vitest';

import { HAPPINESS_KIND, happinessEntry, toYuan } from './happiness';

describe('a happiness-list item in the outbox', () => {
  it('writes amounts as the server answers them, so a resend compares equal', () => {
    expect(toYuan('1200')).toBe('1200.00');
    expect(toYuan(' 12.5 ')).toBe('12.50');
    expect(toYuan('0012.34')).toBe('12.34');
    expect(toYuan('0')).toBe('0.00');
    expect(toYuan('-3')).toBeNull();
    expect(toYuan('1.234')).toBeNull();
    expect(toYuan('一千')).toBeNull();
  });

  it('is an idempotent PUT under the phone’s id, counted for its household', () => {
    const body = {
      household_id: 'h1',
      category: 'subsidy' as const,
      title: '光伏分红',
      value: '1200.00',
      delivering_unit: '',
      delivered_on: '2026-11-03',
      status: 'delivered' as const,
    };
    const entry = happinessEntry({ id: 'i1', body, label: '王某某', owner: 'user:c' });
    expect(entry).toMatchObject({
      id: 'i1',
      kind: HAPPINESS_KIND,
      path: '/api/v1/happiness-items/i1',
      context: { household_id: 'h1' },
    });
    expect(entry.headers).toBeUndefined();
  });
});
