import { describe, expect, it } from 'vitest';

import { quartersSoFar, trendOf, type IndicatorValue } from './indicators';

const value = (area_code: string, area_name: string, measure: string, v: string | null) =>
  ({ area_code, area_name, measure, value: v }) as IndicatorValue;

describe('dashboard indicators', () => {
  it('asks only for quarters begun', () => {
    expect(quartersSoFar(new Date(2026, 4, 10))).toEqual(['2026Q1', '2026Q2']);
    expect(quartersSoFar(new Date(2026, 11, 31))).toHaveLength(4);
  });

  it('one line per area, first measure only, gaps as null', () => {
    const trend = trendOf(
      ['2026Q1', '2026Q2'],
      [
        [
          value('1', '黄田镇', 'm1', '100.5'),
          value('1', '黄田镇', 'm2', '9'),
          value('2', '隆宫乡', 'm1', null),
        ],
        [value('1', '黄田镇', 'm1', '200')],
      ],
    );
    expect(trend.series).toEqual([
      { name: '黄田镇', values: [100.5, 200] },
      { name: '隆宫乡', values: [null, null] },
    ]);
  });
});
