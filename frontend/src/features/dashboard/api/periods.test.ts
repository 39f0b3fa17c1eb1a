import { describe, expect, it } from 'vitest';

import { gapOf, previousQuarter } from './headline';
import {
  incomePeriod,
  monthChoices,
  quarterChoices,
  quartersOfYear,
  type DefaultPeriods,
} from './periods';
import { limitSeries } from './series';

const defaults = (income_period: string | null): DefaultPeriods => ({
  area_code: '331126',
  income_period,
  running_quarter: '2026Q4',
  completed_month: '2026-11',
  running_month: '2026-12',
  today: '2026-12-03',
});

describe('default periods', () => {
  it('income figures open on the latest quarter with records, not the running empty one', () => {
    expect(incomePeriod(defaults('2026Q3'))).toBe('2026Q3');
  });
  it('with no income records at all, on the running quarter', () => {
    expect(incomePeriod(defaults(null))).toBe('2026Q4');
  });
  it('quarters offered: newest first, the running one and two years back', () => {
    const choices = quarterChoices('2026Q2');
    expect(choices.slice(0, 4)).toEqual(['2026Q2', '2026Q1', '2025Q4', '2025Q3']);
    expect(choices.at(-1)).toBe('2024Q1');
  });
  it("a year's quarters up to the running one", () => {
    expect(quartersOfYear(2026, '2026Q3')).toEqual(['2026Q1', '2026Q2', '2026Q3']);
    expect(quartersOfYear(2025, '2026Q3')).toHaveLength(4);
  });
  it('months offered: the running month first, across the new year', () => {
    expect(monthChoices('2026-02', 4)).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
  });
  it('the quarter before', () => {
    expect(previousQuarter('2026Q1')).toBe('2025Q4');
    expect(previousQuarter('2026Q3')).toBe('2026Q2');
  });
});

describe('series limiting', () => {
  const series = Array.from({ length: 19 }, (_, i) => ({ name: `乡${i + 1}`, values: [i] }));
  it('at most eight by default, the first ones', () => {
    expect(limitSeries(series, null).map((s) => s.name)).toEqual(
      series.slice(0, 8).map((s) => s.name),
    );
  });
  it('those chosen, in the series order, never more than eight', () => {
    expect(limitSeries(series, ['乡12', '乡3']).map((s) => s.name)).toEqual(['乡3', '乡12']);
    expect(
      limitSeries(
        series,
        series.map((s) => s.name),
      ),
    ).toHaveLength(8);
  });
  it('fewer than eight: all of them', () => {
    expect(limitSeries(series.slice(0, 3), null)).toHaveLength(3);
  });
});

describe('the headline gap', () => {
  it('the gap: shortfall toward the target, none once met', () => {
    expect(gapOf('30000.00', '34700', 'higher')).toBe(4700);
    expect(gapOf('36000.00', '34700', 'higher')).toBe(0);
    expect(gapOf('3', '0', 'lower')).toBe(3);
    expect(gapOf(null, '0', 'lower')).toBeNull();
  });
});
