/** The registry's new-type agricultural entities (新型农业经营主体). */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

import { PAGE_SIZE } from './households';

export type Entity = components['schemas']['EntityPublic'];
export type EntityPage = components['schemas']['Page_EntityPublic_'];
export type EntityBody = components['schemas']['EntityCreate'];
export type EntityType = components['schemas']['EntityType'];
export type Industry = components['schemas']['Industry'];

/** Query keys: the searched lists, and each entity read alone. */
export const entityKeys = {
  lists: ['admin-entities'] as const,
  one: (id: string) => ['admin-entity', id] as const,
};

export const ENTITY_TYPES: readonly EntityType[] = [
  'family_farm',
  'cooperative',
  'social_service',
  'leading_enterprise',
  'farm_stay',
  'e_commerce',
  'processing_broker',
  'nhl_member',
];
export const INDUSTRIES: readonly Industry[] = [
  'edible_fungi',
  'bamboo',
  'citrus',
  'herbs',
  'chestnut',
  'tea',
  'highland_vegetables',
  'other',
];
export const ENTERPRISE_LEVELS = ['county', 'city', 'provincial', 'national'] as const;
export const QUALITY_GRADES = ['none', 'county', 'city', 'provincial', 'national'] as const;
export const ENTITY_STATUSES = ['active', 'deregistered'] as const;

export interface EntityFilter {
  q?: string;
  type?: EntityType;
  industry?: Industry;
  village?: string;
}

export function entityQuery(filter: EntityFilter, cursor: string | null) {
  return {
    ...(filter.q?.trim() ? { q: filter.q.trim() } : {}),
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.industry ? { industry: filter.industry } : {}),
    ...(filter.village?.trim() ? { village: filter.village.trim() } : {}),
    ...(cursor ? { cursor } : {}),
    limit: PAGE_SIZE,
  };
}

export function searchEntities(filter: EntityFilter, cursor: string | null): Promise<EntityPage> {
  return unwrap(api.GET('/api/v1/entities', { params: { query: entityQuery(filter, cursor) } }));
}

export const entitySearchOptions = (filter: EntityFilter, cursor: string | null) =>
  queryOptions({
    queryKey: [...entityKeys.lists, filter, cursor],
    queryFn: () => searchEntities(filter, cursor),
  });

export function getEntity(id: string): Promise<Entity> {
  return unwrap(api.GET('/api/v1/entities/{entity_id}', { params: { path: { entity_id: id } } }));
}

export const entityOptions = (id: string) =>
  queryOptions({ queryKey: entityKeys.one(id), queryFn: () => getEntity(id) });

export const useEntity = (id: string) => useQuery(entityOptions(id));

/** The form's values as the API takes them: the level only for a leading enterprise, the grade only for a family farm. */
export function entityBody(values: EntityBody): EntityBody {
  return {
    name: values.name.trim(),
    type: values.type,
    enterprise_level:
      values.type === 'leading_enterprise' ? (values.enterprise_level ?? null) : null,
    credit_code: values.credit_code?.trim() || null,
    village_code: values.village_code,
    industry: values.industry,
    cultivated_year: values.cultivated_year ?? null,
    status: values.status ?? 'active',
    quality_grade: values.type === 'family_farm' ? (values.quality_grade ?? 'none') : 'none',
    nhl_member: values.nhl_member ?? false,
  };
}

export function entityFormOf(entity: Entity): EntityBody {
  const {
    name,
    type,
    enterprise_level,
    credit_code,
    village_code,
    industry,
    cultivated_year,
    status,
    quality_grade,
    nhl_member,
  } = entity;
  return {
    name,
    type,
    enterprise_level,
    credit_code,
    village_code,
    industry,
    cultivated_year,
    status,
    quality_grade,
    nhl_member,
  };
}

export function createEntity(values: EntityBody): Promise<Entity> {
  return unwrap(api.POST('/api/v1/entities', { body: entityBody(values) }));
}

/** Replace the entity's own fields, only if nobody saved since `entity.version` (412 else). */
export function updateEntity(entity: Entity, values: EntityBody): Promise<Entity> {
  return unwrap(
    api.PUT('/api/v1/entities/{entity_id}', {
      params: { path: { entity_id: entity.id }, header: { 'If-Match': `"${entity.version}"` } },
      body: entityBody(values),
    }),
  );
}
