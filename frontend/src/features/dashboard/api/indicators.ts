/** The indicator reads behind the dashboard: the catalogue, values by quarter and by area (income
 * structure, an indicator's table), the progress tables, the ranking. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type IndicatorValue = components['schemas']['IndicatorValue'];
export type ProgressTable = components['schemas']['ProgressTable'];
export type Ranking = components['schemas']['Ranking'];
export type IndicatorInfo = components['schemas']['IndicatorPublic'];

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
  for (const row of pages.flat())
    if (row.measure === measure) names.set(row.area_code, row.area_name);
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

export async function quarterTrend(
  indicator: string,
  area: string,
  periods: string[],
): Promise<Trend> {
  const pages = await Promise.all(
    periods.map((period) =>
      unwrap(
        api.GET('/api/v1/indicator-values', { params: { query: { indicator, area, period } } }),
      ).then((p) => p.items),
    ),
  );
  return trendOf(periods, pages);
}

export const trendOptions = (indicator: string, area: string, periods: string[]) =>
  queryOptions({
    queryKey: ['trend', indicator, area, periods],
    queryFn: () => quarterTrend(indicator, area, periods),
  });

export const useTrend = (indicator: string, area: string, periods: string[]) =>
  useQuery(trendOptions(indicator, area, periods));

export function progress(
  table: 'farmer_income' | 'low_income',
  area: string,
  year: number,
): Promise<ProgressTable> {
  return unwrap(api.GET('/api/v1/progress', { params: { query: { table, area, year } } }));
}

export const progressOptions = (
  table: 'farmer_income' | 'low_income',
  area: string,
  year: number,
) =>
  queryOptions({
    queryKey: ['progress', table, area, year],
    queryFn: () => progress(table, area, year),
  });

export const useProgress = (table: 'farmer_income' | 'low_income', area: string, year: number) =>
  useQuery(progressOptions(table, area, year));

/** The ranking by the first ranking set the county defined, else by indicator #1 alone. */
export async function ranking(area: string, period: string): Promise<Ranking> {
  const sets = await unwrap(api.GET('/api/v1/ranking-sets'));
  const by = sets.items[0] ? { set: sets.items[0].code } : { indicator: TREND_INDICATORS[0] };
  return unwrap(api.GET('/api/v1/rankings', { params: { query: { area, period, ...by } } }));
}

export const rankingOptions = (area: string, period: string) =>
  queryOptions({ queryKey: ['ranking', area, period], queryFn: () => ranking(area, period) });

export const useRanking = (area: string, period: string) => useQuery(rankingOptions(area, period));

/** The ranking's own query, for its export: by its set, else by indicator #1. */
export function rankingBy(ranking: Ranking): { set: string } | { indicator: string } {
  return ranking.ranking_set ? { set: ranking.ranking_set } : { indicator: TREND_INDICATORS[0] };
}

/** The 17 indicators of the plan, with their measures. */
export async function indicatorCatalogue(): Promise<IndicatorInfo[]> {
  return (await unwrap(api.GET('/api/v1/indicators'))).items;
}

export const catalogueOptions = () =>
  queryOptions({ queryKey: ['indicators'], queryFn: indicatorCatalogue, staleTime: Infinity });

export const useIndicatorCatalogue = () => useQuery(catalogueOptions());

/** An indicator's values for the area (first row) and the areas below it. */
export async function indicatorValues(
  indicator: string,
  area: string,
  period: string,
  measure?: string,
): Promise<IndicatorValue[]> {
  const query = { indicator, area, period, ...(measure ? { measure } : {}) };
  return (await unwrap(api.GET('/api/v1/indicator-values', { params: { query } }))).items;
}

/** An indicator's values: of one measure, or of all (no measure named); null: a measure not chosen yet, nothing read. */
export const indicatorValuesOptions = (
  indicator: string,
  area: string,
  period: string,
  measure?: string | null,
) =>
  queryOptions({
    queryKey: [
      'indicator-values',
      indicator,
      area,
      period,
      ...(measure === undefined ? [] : [measure]),
    ],
    queryFn: () => indicatorValues(indicator, area, period, measure ?? undefined),
    enabled: measure !== null,
  });

export const useIndicatorValues = (
  indicator: string,
  area: string,
  period: string,
  measure?: string | null,
) => useQuery(indicatorValuesOptions(indicator, area, period, measure));

export const INCOME_STRUCTURE = 'I17_income_structure';
/** The four components of disposable income, in the statistics' order. */
export const INCOME_COMPONENTS = ['wage', 'operating', 'property', 'transfer'] as const;
export type IncomeComponent = (typeof INCOME_COMPONENTS)[number];

export interface IncomeStructure {
  areas: string[];
  series: { component: IncomeComponent; values: (number | null)[] }[];
}

/** #17's values as one stack per area: each component's share of income (percent), areas in order. */
export function structureOf(values: IndicatorValue[]): IncomeStructure {
  const areas = new Map<string, string>();
  for (const row of values) areas.set(row.area_code, row.area_name);
  const share = (code: string, component: IncomeComponent) => {
    const value = values.find(
      (row) => row.area_code === code && row.measure === `${component}_share`,
    )?.value;
    return value == null ? null : Number(value);
  };
  return {
    areas: [...areas.values()],
    series: INCOME_COMPONENTS.map((component) => ({
      component,
      values: [...areas.keys()].map((code) => share(code, component)),
    })),
  };
}
