/** Visit compliance (assistance): this month's share of due households visited, by township or cadre. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type CompliancePage = components['schemas']['CompliancePage'];
export type ComplianceRow = components['schemas']['ComplianceRow'];

export type AreaLevel = 'township' | 'village';

/** The areas a login's chart is drawn by: a township officer's villages, everyone else's townships. */
export const chartLevel = (area: string): AreaLevel => (area.length >= 9 ? 'village' : 'township');

export function complianceByArea(level: AreaLevel, month?: string): Promise<CompliancePage> {
  const query = { level, ...(month ? { month } : {}) };
  return unwrap(api.GET('/api/v1/compliance', { params: { query } }));
}

export const areaComplianceOptions = (level: AreaLevel, month?: string) =>
  queryOptions({
    queryKey: ['compliance', level, month ?? 'running'],
    queryFn: () => complianceByArea(level, month),
  });

/** A month's compliance (default the running one) of each area of the level the login sees. */
export const useAreaCompliance = (level: AreaLevel, month?: string) =>
  useQuery(areaComplianceOptions(level, month));

/** The running month's compliance of each township the login sees (an officer: their own). */
export const useTownshipCompliance = () => useAreaCompliance('township');

/** A month's (default the running one's) compliance of each cadre with households due in the township. */
export function complianceByCadre(township: string, month?: string): Promise<CompliancePage> {
  const query = { level: 'cadre' as const, area: township, ...(month ? { month } : {}) };
  return unwrap(api.GET('/api/v1/compliance', { params: { query } }));
}

export const cadreComplianceOptions = (township: string | undefined, month?: string) =>
  queryOptions({
    queryKey: ['compliance', 'cadre', township, month ?? 'running'],
    queryFn: () => complianceByCadre(township ?? '', month),
    enabled: Boolean(township),
  });

/** The cadres' compliance in a township; nothing is read until one is chosen. */
export const useCadreCompliance = (township: string | undefined, month?: string) =>
  useQuery(cadreComplianceOptions(township, month));

/** Orders rows by rate, lowest first; rows with nothing due come last either way. */
export function byRate(a: ComplianceRow, b: ComplianceRow): number {
  if (a.rate === null || b.rate === null)
    return (a.rate === null ? 1 : 0) - (b.rate === null ? 1 : 0);
  return Number(a.rate) - Number(b.rate) || b.due - a.due;
}

/** The rows sorted by rate (ascending: the cadres furthest behind first). */
export function sortByRate(
  rows: ComplianceRow[],
  order: 'ascend' | 'descend' = 'ascend',
): ComplianceRow[] {
  const nullsLast = (a: ComplianceRow, b: ComplianceRow) =>
    (a.rate === null ? 1 : 0) - (b.rate === null ? 1 : 0);
  return [...rows].sort(
    (a, b) => nullsLast(a, b) || (order === 'ascend' ? byRate(a, b) : byRate(b, a)),
  );
}

/** "0.8333" → 83.33 (a percentage for the chart); null when nothing was due. */
export function percent(rate: string | null): number | null {
  return rate === null ? null : Math.round(Number(rate) * 10_000) / 100;
}
