/** Visit compliance (assistance): this month's share of due households visited, by township. */
import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type CompliancePage = components['schemas']['CompliancePage'];
export type ComplianceRow = components['schemas']['ComplianceRow'];

export function complianceByTownship(): Promise<CompliancePage> {
  return unwrap(api.GET('/api/v1/compliance', { params: { query: { level: 'township' } } }));
}

/** "0.8333" → 83.33 (a percentage for the chart); null when nothing was due. */
export function percent(rate: string | null): number | null {
  return rate === null ? null : Math.round(Number(rate) * 10_000) / 100;
}
