/** The indicator reads behind the dashboard: values by quarter, the progress tables, the ranking. */
import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type IndicatorValue = components['schemas']['IndicatorValue'];
export type ProgressTable = components['schemas']['ProgressTable'];
export type Ranking = components['schemas']['Ranking'];

export const QUARTERS = ['Q1', 'Q2', 'Q3', 'Q4'] as const;
/** The two indicators whose trend the dashboard draws: rural income (#1), low-income income (#3). */
export const TREND_INDICATORS = ['I01_rural_income', 'I03_low_income_income'] as const;

/** This year's quarters so far (the dashboard never asks for a quarter not begun). */
export function quartersSoFar(today: Date): string[] {
  const year = today.getFullYear();
  const upTo = Math.floor(today.getMonth() / 3) + 1;
  return QUARTERS.slice(0, upTo).map((q) => `${year}${q}`);
}

export interface Trend {
  periods: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** Pages of values, one per period, as one line per area (the first measure only). */
export function trendOf(periods: string[], pages: IndicatorValue[][]): Trend {
  const measure = pages.flat()[0]?.measure;
  const names = new Map<string, string>();
  for (const row of pages.flat()) if (row.measure === measure) names.set(row.area_code, row.area_name);
  return {
    periods,
    series: [...names].map(([code, name]) => ({
      name,
      values: pages.map((page) => {
        const value = page.find((row) => row.area_code === code && row.measure === measure)?.value;
        return value == null ? null : Number(value);
      }),
    })),
  };
}

export async function quarterTrend(indicator: string, area: string, periods: string[]): Promise<Trend> {
  const pages = await Promise.all(
    periods.map((period) => unwrap(api.GET('/api/v1/indicator-values', { params: { query: { indicator, area, period } } })).then((p) => p.items)),
  );
  return trendOf(periods, pages);
}

export function progress(table: 'farmer_income' | 'low_income', area: string, year: number): Promise<ProgressTable> {
  return unwrap(api.GET('/api/v1/progress', { params: { query: { table, area, year } } }));
}

/** The ranking by the first ranking set the county defined, else by indicator #1 alone. */
export async function ranking(area: string, period: string): Promise<Ranking> {
  const sets = await unwrap(api.GET('/api/v1/ranking-sets'));
  const by = sets.items[0] ? { set: sets.items[0].code } : { indicator: TREND_INDICATORS[0] };
  return unwrap(api.GET('/api/v1/rankings', { params: { query: { area, period, ...by } } }));
}
