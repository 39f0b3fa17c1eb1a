/** The registry's cadres (帮扶干部) and the departments they belong to. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

import { PAGE_SIZE } from './households';

export type Cadre = components['schemas']['CadrePublic'];
export type CadrePage = components['schemas']['Page_CadrePublic_'];
export type CadreType = components['schemas']['CadreType'];
export type CadreBody = components['schemas']['CadreCreate'];
export type Department = components['schemas']['DepartmentPublic'];

/** Query keys: the searched lists, every cadre read alone, one of them. */
export const cadreKeys = {
  lists: ['admin-cadres'] as const,
  each: ['admin-cadre'] as const,
  one: (id: string) => ['admin-cadre', id] as const,
};

export const CADRE_TYPES: readonly CadreType[] = [
  'county_leader',
  'first_secretary',
  'science_envoy',
  'township_staff',
  'agri_technician',
];

export interface CadreFilter {
  q?: string;
  type?: CadreType;
  /** true: only active cadres, false: only deactivated, undefined: both. */
  active?: boolean;
}

export function cadreQuery(filter: CadreFilter, cursor: string | null) {
  return {
    ...(filter.q?.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.active !== undefined ? { active: filter.active } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  };
}

export function searchCadres(filter: CadreFilter, cursor: string | null): Promise<CadrePage> {
  return unwrap(api.GET('/api/v1/cadres', { params: { query: cadreQuery(filter, cursor) } }));
}

export const cadreSearchOptions = (filter: CadreFilter, cursor: string | null) =>
  queryOptions({
    queryKey: [...cadreKeys.lists, filter, cursor],
    queryFn: () => searchCadres(filter, cursor),
  });

/** Phone masked. */
export function getCadre(id: string): Promise<Cadre> {
  return unwrap(api.GET('/api/v1/cadres/{cadre_id}', { params: { path: { cadre_id: id } } }));
}

export const cadreOptions = (id: string) =>
  queryOptions({ queryKey: cadreKeys.one(id), queryFn: () => getCadre(id) });

/** One cadre (masked); none is read while `id` is undefined. */
export const useCadre = (id: string | undefined) =>
  useQuery({ ...cadreOptions(id ?? ''), enabled: Boolean(id) });

/** Phone whole (audited with the reason): a PUT replaces it, so keeping it needs the number. */
export function getCadreWhole(id: string, reason: string): Promise<Cadre> {
  return unwrap(
    api.GET('/api/v1/cadres/{cadre_id}', {
      params: { path: { cadre_id: id }, query: { unmask: true, reason } },
    }),
  );
}

export function createCadre(body: CadreBody): Promise<Cadre> {
  return unwrap(api.POST('/api/v1/cadres', { body }));
}

/** What the form edits; a blank phone keeps the one on file. */
export interface CadreForm {
  name: string;
  phone?: string | null;
  department_id: string;
  type: CadreType;
  skills: string[];
  home_area_code: string;
}

export function cadreFormOf(cadre: Cadre): CadreForm {
  return {
    name: cadre.name,
    phone: null,
    department_id: cadre.department_id,
    type: cadre.type,
    skills: cadre.skills ?? [],
    home_area_code: cadre.home_area_code,
  };
}

/** The PUT's whole body: the form's fields, the phone on file when none was typed, and `active`. */
export function cadreBody(
  form: CadreForm,
  phoneOnFile: string | null | undefined,
  active: boolean,
): CadreBody {
  return {
    name: form.name.trim(),
    phone: form.phone?.trim() || phoneOnFile || null,
    department_id: form.department_id,
    type: form.type,
    skills: form.skills ?? [],
    home_area_code: form.home_area_code,
    active,
  };
}

/**
 * Replace the cadre, only if nobody saved since `version` (the one on screen; 412 else). The phone
 * on file is read whole (audited) only when it must be kept.
 */
export async function updateCadre(
  cadre: Cadre,
  form: CadreForm,
  active: boolean,
  reason: string,
): Promise<Cadre> {
  const keepPhone = !form.phone?.trim() && !!cadre.phone;
  const phoneOnFile = keepPhone ? (await getCadreWhole(cadre.id, reason)).phone : null;
  return unwrap(
    api.PUT('/api/v1/cadres/{cadre_id}', {
      params: { path: { cadre_id: cadre.id }, header: { 'If-Match': `"${cadre.version}"` } },
      body: cadreBody(form, phoneOnFile, active),
    }),
  );
}
