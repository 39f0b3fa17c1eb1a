/** Who and where alerts are filtered by and assigned to: the townships and cadres the login sees
 * (the registry's lists; a township officer's are their own township's). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Township = components['schemas']['AreaPublic'];
export type CadreOption = components['schemas']['CadrePublic'];

const MAX = 500;

export async function listTownships(): Promise<Township[]> {
  return (
    await unwrap(api.GET('/api/v1/areas', { params: { query: { level: 'township', limit: MAX } } }))
  ).items;
}

export const townshipsOptions = () =>
  queryOptions({ queryKey: ['alert-townships'], queryFn: listTownships });

export const useTownships = () => useQuery(townshipsOptions());

/** The active cadres whose home area is under `area` (a township, or the whole login area). */
export async function listCadres(area: string): Promise<CadreOption[]> {
  const query = { active: true, limit: MAX, ...(area ? { home_area: area } : {}) };
  return (await unwrap(api.GET('/api/v1/cadres', { params: { query } }))).items;
}

export const cadresUnderOptions = (area: string) =>
  queryOptions({ queryKey: ['alert-cadres', area], queryFn: () => listCadres(area) });

/** The active cadres under `area` ('' for every one the login sees). */
export const useCadresUnder = (area: string) => useQuery(cadresUnderOptions(area));
