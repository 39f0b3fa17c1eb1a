import { describe, expect, it } from 'vitest';

import { structureOf, type IndicatorValue } from '../api/indicators';
import { lineOption, stackedBarOption } from './chartOptions';

const value = (area_code: string, area_name: string, measure: string, v: string | null) =>
  ({ area_code, area_name, measure, value: v }) as IndicatorValue;

describe('income structure chart', () => {
  const values = [
    value('331126', '庆元县', 'wage_share', '50.00'),
    value('331126', '庆元县', 'wage_growth', '7.10'),
    value('331126', '庆元县', 'operating_share', '30.00'),
    value('331126', '庆元县', 'property_share', '5.00'),
    value('331126', '庆元县', 'transfer_share', '15.00'),
    value('331126101', '黄田镇', 'wage_share', '60.25'),
    value('331126101', '黄田镇', 'operating_share', null),
  ];

  it('one stack per area, a series per component from its share only (growth left out)', () => {
    const structure = structureOf(values);
    expect(structure.areas).toEqual(['庆元县', '黄田镇']);
    expect(structure.series).toEqual([
      { component: 'wage', values: [50, 60.25] },
      { component: 'operating', values: [30, null] },
      { component: 'property', values: [5, null] },
      { component: 'transfer', values: [15, null] },
    ]);
  });

  it('stacks the bars on one axis up to 100 %', () => {
    const structure = structureOf(values);
    const option = stackedBarOption(
      structure.areas,
      structure.series.map((s) => ({ name: s.component, values: s.values })),
    ) as {
      xAxis: { data: string[] };
      yAxis: { max: number };
      series: { stack: string; type: string; data: unknown[] }[];
    };
    expect(option.xAxis.data).toEqual(['庆元县', '黄田镇']);
    expect(option.yAxis.max).toBe(100);
    expect(option.series.map((s) => [s.type, s.stack])).toEqual(Array(4).fill(['bar', 'total']));
    expect(option.series[0]!.data).toEqual([50, 60.25]);
  });
});

describe('legends never cover the axes', () => {
  it('one scrolling legend line above a plot that starts below it, labels inside the grid', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ name: `很长的区划名称${i}`, values: [1] }));
    for (const option of [lineOption(['2026Q1'], many), stackedBarOption(['黄田镇'], many)]) {
      const { legend, grid } = option as {
        legend: { type: string; top: number };
        grid: { top: number; containLabel: boolean };
      };
      expect(legend).toMatchObject({ type: 'scroll', top: 0 });
      expect(grid.top).toBeGreaterThanOrEqual(40);
      expect(grid.containLabel).toBe(true);
    }
  });
});
