import { describe, expect, it } from 'vitest';

import { incomeByQuarter, quarterIncome, toFen, yuan } from './income';

const record = (period: string, total: string, residents: number) => ({
  period,
  year: Number(period.slice(0, 4)),
  quarter: Number(period.slice(5)),
  total_income: total,
  resident_count: residents,
});

describe('income against the 13,000 line', () => {
  it('annualises Q1–Q3 and compares exactly', () => {
    // 2 residents, 13,000 a year each = 26,000; by Q3 that is 19,500 year to date.
    const atLine = quarterIncome(record('2026Q3', '19500.00', 2));
    expect(atLine.annualisedFen).toBe(1_300_000n);
    expect(atLine.below).toBe(false);
    const justUnder = quarterIncome(record('2026Q3', '19499.99', 2));
    expect(justUnder.below).toBe(true);
    expect(yuan(justUnder.annualisedFen)).toBe('12,999.99'); // judged and shown exactly
  });

  it('takes Q4 as the year and sorts oldest first', () => {
    const rows = incomeByQuarter([record('2026Q1', '3000', 1), record('2025Q4', '12999.99', 1)]);
    expect(rows.map((r) => r.period)).toEqual(['2025Q4', '2026Q1']);
    expect(rows[0]!.below).toBe(true);
    expect(rows[1]!.annualisedFen).toBe(1_200_000n);
  });

  it('reads money strings exactly', () => {
    expect(toFen('12345.6')).toBe(1_234_560n);
    expect(toFen('-5.05')).toBe(-505n);
    expect(yuan(3_470_000_00n)).toBe('3,470,000.00');
    expect(yuan(-505n)).toBe('-5.05');
  });
});
