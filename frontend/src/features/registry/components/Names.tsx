/** A linked record's name, linked to its page (read from the same cache as the page itself). */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';

import { getCadre } from '../api/cadres';
import { getEntity } from '../api/entities';
import { getHousehold } from '../api/households';
import { useRegistryPaths } from './paths';

export function CadreName({ id }: { id: string }) {
  const paths = useRegistryPaths();
  const cadre = useQuery({ queryKey: ['admin-cadre', id], queryFn: () => getCadre(id) });
  return <Link to={paths.cadre(id)}>{cadre.data?.name ?? id.slice(0, 8)}</Link>;
}

export function EntityName({ id }: { id: string }) {
  const paths = useRegistryPaths();
  const entity = useQuery({ queryKey: ['admin-entity', id], queryFn: () => getEntity(id) });
  return <Link to={paths.entity(id)}>{entity.data?.name ?? id.slice(0, 8)}</Link>;
}

export function HouseholdName({ id }: { id: string }) {
  const paths = useRegistryPaths();
  const household = useQuery({ queryKey: ['admin-household', id], queryFn: () => getHousehold(id) });
  return <Link to={paths.household(id)}>{household.data?.head_name ?? id.slice(0, 8)}</Link>;
}
