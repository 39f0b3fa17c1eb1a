/** The periods the dashboard opens on and offers: the server's defaults (`GET /api/v1/periods/default`,
 * by the services' clock in Asia/Shanghai) and the choices of the month / quarter / year pickers. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type DefaultPeriods = components['schemas']['DefaultPeriods'];

export function defaultPeriods(area: string): Promise<DefaultPeriods> {
  return unwrap(api.GET('/api/v1/periods/default', { params: { query: { area } } }));
}

export const defaultPeriodsOptions = (area: string) =>
  queryOptions({
    queryKey: ['periods', 'default', area],
    queryFn: () => defaultPeriods(area),
    enabled: Boolean(area), // "" while the login's top area is read: never ask for `area=`
  });

/** The periods the login's area opens on. */
export const useDefaultPeriods = (area: string) => useQuery(defaultPeriodsOptions(area));

/** Income figures open on the latest quarter with income records; with none at all, on the running
 * quarter (whose visit-based figures, #14, do exist). */
export function incomePeriod(defaults: DefaultPeriods): string {
  return defaults.income_period ?? defaults.running_quarter;
}

export interface QuarterPeriod {
  year: number;
  quarter: number;
}

/** "2026Q3" (or "2026", its Q4) → year and quarter. */
export function parseQuarter(period: string): QuarterPeriod {
  const match = /^(\d{4})(?:Q([1-4]))?$/.exec(period);
  if (!match) throw new Error(`not a period: ${period}`);
  return { year: Number(match[1]), quarter: Number(match[2] ?? 4) };
}

/** The quarters from the running one back to the first of `years` years ago, newest first (a year's
 * figure is its Q4: the picker names it the full year). */
export function quarterChoices(runningQuarter: string, years = 2): string[] {
  const { year, quarter } = parseQuarter(runningQuarter);
  const choices: string[] = [];
  for (let y = year; y >= year - years; y -= 1)
    for (let q = y === year ? quarter : 4; q >= 1; q -= 1) choices.push(`${y}Q${q}`);
  return choices;
}

/** The years from the running one back `years`, newest first. */
export function yearChoices(runningQuarter: string, years = 2): number[] {
  const { year } = parseQuarter(runningQuarter);
  return Array.from({ length: years + 1 }, (_, i) => year - i);
}

/** A year's quarters up to the running quarter (a quarter not begun has nothing to draw). */
export function quartersOfYear(year: number, runningQuarter: string): string[] {
  const running = parseQuarter(runningQuarter);
  const last = year < running.year ? 4 : year > running.year ? 0 : running.quarter;
  return Array.from({ length: last }, (_, i) => `${year}Q${i + 1}`);
}

/** The months from the running one back `count` − 1 months, newest first ("2026-12", "2026-11", …). */
export function monthChoices(runningMonth: string, count = 13): string[] {
  let year = Number(runningMonth.slice(0, 4));
  let month = Number(runningMonth.slice(5, 7));
  const choices: string[] = [];
  for (let i = 0; i < count; i += 1) {
    choices.push(`${year}-${String(month).padStart(2, '0')}`);
    month -= 1;
    if (month === 0) [year, month] = [year - 1, 12];
  }
  return choices;
}

/** The last month a year-to-date quarter covers: Q3 → 9. */
export const lastMonthOf = (period: string) => parseQuarter(period).quarter * 3;
