/**
 * The three kinds of links, each kept with its dates (ended ones stay as history): cadre–entity
 * (挂联), entity–household (带动) and cadre–household pairings (结对), and a cadre's handover.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type Pairing = components['schemas']['PairingPublic'];
export type CadreEntityLink = components['schemas']['CadreEntityLinkPublic'];
export type EntityHouseholdLink = components['schemas']['EntityHouseholdLinkPublic'];
export type DriveMode = components['schemas']['DriveMode'];
export type Handover = components['schemas']['HandoverPublic'];

export const DRIVE_MODES: readonly DriveMode[] = [
  'cooperative',
  'shareholding',
  'order_farming',
  'employment',
  'land_transfer',
  'outsourced_processing',
  'e_commerce',
];

export type LinkKind = 'pairing' | 'cadreEntity' | 'entityHousehold';
/** Who a list is for: a cadre's, an entity's or a household's links. */
export type LinkOwner = { cadre_id: string } | { entity_id: string } | { household_id: string };

const LIST = 100; // links of one person or entity: a page holds them all

/** Query keys: every link list, and one kind's links of one cadre, entity or household. */
export const linkKeys = {
  all: ['admin-links'] as const,
  of: (kind: LinkKind, owner: LinkOwner) =>
    ['admin-links', kind, Object.values(owner)[0] as string] as const,
};

/** Active ones first, then the most recent. */
export function byActiveThenRecent<T extends { active: boolean; started_on: string }>(
  links: readonly T[],
): T[] {
  return [...links].sort(
    (a, b) => Number(b.active) - Number(a.active) || b.started_on.localeCompare(a.started_on),
  );
}

export async function listPairings(owner: LinkOwner): Promise<Pairing[]> {
  const page = await unwrap(
    api.GET('/api/v1/pairings', { params: { query: { ...owner, limit: LIST } } }),
  );
  return byActiveThenRecent(page.items);
}

export const pairingsOptions = (owner: LinkOwner) =>
  queryOptions({ queryKey: linkKeys.of('pairing', owner), queryFn: () => listPairings(owner) });

export const usePairings = (owner: LinkOwner) => useQuery(pairingsOptions(owner));

export async function listCadreEntityLinks(owner: LinkOwner): Promise<CadreEntityLink[]> {
  const page = await unwrap(
    api.GET('/api/v1/cadre-entity-links', { params: { query: { ...owner, limit: LIST } } }),
  );
  return byActiveThenRecent(page.items);
}

export const cadreEntityLinksOptions = (owner: LinkOwner) =>
  queryOptions({
    queryKey: linkKeys.of('cadreEntity', owner),
    queryFn: () => listCadreEntityLinks(owner),
  });

export const useCadreEntityLinks = (owner: LinkOwner) => useQuery(cadreEntityLinksOptions(owner));

export async function listEntityHouseholdLinks(owner: LinkOwner): Promise<EntityHouseholdLink[]> {
  const page = await unwrap(
    api.GET('/api/v1/entity-household-links', { params: { query: { ...owner, limit: LIST } } }),
  );
  return byActiveThenRecent(page.items);
}

export const entityHouseholdLinksOptions = (owner: LinkOwner) =>
  queryOptions({
    queryKey: linkKeys.of('entityHousehold', owner),
    queryFn: () => listEntityHouseholdLinks(owner),
  });

export const useEntityHouseholdLinks = (owner: LinkOwner) =>
  useQuery(entityHouseholdLinksOptions(owner));

export interface LinkStart {
  started_on: string;
  replace_active?: boolean;
}

export function createPairing(
  body: { cadre_id: string; household_id: string } & LinkStart,
): Promise<Pairing> {
  return unwrap(api.POST('/api/v1/pairings', { body: { replace_active: false, ...body } }));
}

export function createCadreEntityLink(
  body: { cadre_id: string; entity_id: string } & LinkStart,
): Promise<CadreEntityLink> {
  return unwrap(
    api.POST('/api/v1/cadre-entity-links', { body: { replace_active: false, ...body } }),
  );
}

export function createEntityHouseholdLink(
  body: { entity_id: string; household_id: string; mode: DriveMode } & LinkStart,
): Promise<EntityHouseholdLink> {
  return unwrap(
    api.POST('/api/v1/entity-household-links', { body: { replace_active: false, ...body } }),
  );
}

/** End a link on `endedOn`, on the version read (a 412 or 409 if someone changed or ended it first). */
export function endLink(
  kind: LinkKind,
  link: { id: string; version: number },
  endedOn: string,
): Promise<unknown> {
  const params = { header: { 'If-Match': `"${link.version}"` } };
  const body = { ended_on: endedOn };
  if (kind === 'pairing')
    return unwrap(
      api.POST('/api/v1/pairings/{pairing_id}/end', {
        params: { ...params, path: { pairing_id: link.id } },
        body,
      }),
    );
  if (kind === 'cadreEntity')
    return unwrap(
      api.POST('/api/v1/cadre-entity-links/{link_id}/end', {
        params: { ...params, path: { link_id: link.id } },
        body,
      }),
    );
  return unwrap(
    api.POST('/api/v1/entity-household-links/{link_id}/end', {
      params: { ...params, path: { link_id: link.id } },
      body,
    }),
  );
}

/** All of one cadre's active pairings move to another cadre at once, or none do. */
export function handOver(body: {
  from_cadre_id: string;
  to_cadre_id: string;
  started_on: string;
  reason: string;
}): Promise<Handover> {
  return unwrap(api.POST('/api/v1/pairings/handover', { body }));
}
