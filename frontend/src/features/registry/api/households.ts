/** The registry's households as the admin app reads and writes them. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Household = components['schemas']['HouseholdPublic'];
export type HouseholdPage = components['schemas']['Page_HouseholdPublic_'];
export type Category = components['schemas']['HouseholdCategory'];

export interface HouseholdFilter {
  name?: string;
  idNumber?: string;
  village?: string;
  category?: Category;
}

export const PAGE_SIZE = 20;

/** Query keys: the searched lists, and each household read alone (masked). */
export const householdKeys = {
  lists: ['admin-households'] as const,
  one: (id: string) => ['admin-household', id] as const,
};

/** The query the API takes: a name is matched by its start, as people search ("吴建" finds
 * 吴建国 and 吴建华; a whole name finds itself too); a trailing * from habit is dropped. */
export function searchQuery(filter: HouseholdFilter, cursor: string | null) {
  const name = filter.name?.trim().replace(/\*+$/, '').trim() ?? '';
  return {
    ...(name ? { name, name_match: 'prefix' as const } : {}),
    ...(filter.idNumber?.trim() ? { id_number: filter.idNumber.trim() } : {}),
    ...(filter.village?.trim() ? { village: filter.village.trim() } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  };
}

export function searchHouseholds(
  filter: HouseholdFilter,
  cursor: string | null,
): Promise<HouseholdPage> {
  return unwrap(api.GET('/api/v1/households', { params: { query: searchQuery(filter, cursor) } }));
}

export const householdSearchOptions = (filter: HouseholdFilter, cursor: string | null) =>
  queryOptions({
    queryKey: [...householdKeys.lists, filter, cursor],
    queryFn: () => searchHouseholds(filter, cursor),
  });

/** Masked, as every read. */
export function getHousehold(id: string): Promise<Household> {
  return unwrap(
    api.GET('/api/v1/households/{household_id}', { params: { path: { household_id: id } } }),
  );
}

export const householdOptions = (id: string) =>
  queryOptions({ queryKey: householdKeys.one(id), queryFn: () => getHousehold(id) });

export const useHousehold = (id: string) => useQuery(householdOptions(id));

/** Whole (audited with the reason): an edit replaces the members, so it needs their ID numbers. */
export function getHouseholdWhole(id: string, reason: string): Promise<Household> {
  return unwrap(
    api.GET('/api/v1/households/{household_id}', {
      params: { path: { household_id: id }, query: { unmask: true, reason } },
    }),
  );
}

export interface HouseholdChanges {
  address: string;
  phone: string | null;
  category: Category;
  categoryChangeReason: string;
}

/** Replace the household with these changes, only if nobody saved since `whole.version` (412 else). */
export function updateHousehold(whole: Household, changes: HouseholdChanges): Promise<Household> {
  const body: components['schemas']['HouseholdUpdate'] = {
    village_code: whole.village_code,
    address: changes.address,
    phone: changes.phone?.trim() || whole.phone, // blank keeps the number on file
    category: changes.category,
    category_change_reason: changes.categoryChangeReason,
    low_income_subtype: changes.category === 'low_income' ? whole.low_income_subtype : null,
    monitoring_type: whole.monitoring_type,
    latitude: whole.latitude,
    longitude: whole.longitude,
    members: whole.members.map((m) => ({
      id: m.id,
      name: m.name,
      id_number: m.id_number,
      relation: m.relation,
      resident: m.resident,
      health: m.health,
      labour_ability: m.labour_ability,
      employment: m.employment,
    })),
  };
  return unwrap(
    api.PUT('/api/v1/households/{household_id}', {
      params: { path: { household_id: whole.id }, header: { 'If-Match': `"${whole.version}"` } },
      body,
    }),
  );
}

export type HouseholdCreate = components['schemas']['HouseholdCreate'];

export function createHousehold(body: HouseholdCreate): Promise<Household> {
  return unwrap(api.POST('/api/v1/households', { body }));
}
