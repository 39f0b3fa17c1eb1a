import { describe, expect, it } from 'vitest';

import { percent, sortByRate, type ComplianceRow } from './compliance';

const row = (key: string, rate: string | null, due = 4): ComplianceRow => ({
  key,
  name: key,
  rate,
  due,
  visited: 0,
});

describe('compliance', () => {
  it('rates become percentages to 0.01, none due stays null', () => {
    expect(percent('0.8333')).toBe(83.33);
    expect(percent('1.0000')).toBe(100);
    expect(percent(null)).toBeNull();
  });

  it('sorts cadres by rate, those with nothing due last in either order', () => {
    const rows = [
      row('王', '0.5000'),
      row('李', null, 0),
      row('张', '1.0000'),
      row('赵', '0.2500'),
    ];
    expect(sortByRate(rows).map((r) => r.key)).toEqual(['赵', '王', '张', '李']);
    expect(sortByRate(rows, 'descend').map((r) => r.key)).toEqual(['张', '王', '赵', '李']);
  });

  it('at the same rate, the cadre with more households due comes first', () => {
    expect(sortByRate([row('少', '0.5000', 2), row('多', '0.5000', 8)]).map((r) => r.key)).toEqual([
      '多',
      '少',
    ]);
  });
});
