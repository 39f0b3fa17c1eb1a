/** A linked record's name, linked to its page (read from the same cache as the page itself). */
import { Link } from 'react-router';

import { useCadre } from '../api/cadres';
import { useEntity } from '../api/entities';
import { useHousehold } from '../api/households';
import { useRegistryPaths } from './paths';

export function CadreName({ id }: { id: string }) {
  const paths = useRegistryPaths();
  const cadre = useCadre(id);
  return <Link to={paths.cadre(id)}>{cadre.data?.name ?? id.slice(0, 8)}</Link>;
}

export function EntityName({ id }: { id: string }) {
  const paths = useRegistryPaths();
  const entity = useEntity(id);
  return <Link to={paths.entity(id)}>{entity.data?.name ?? id.slice(0, 8)}</Link>;
}

export function HouseholdName({ id }: { id: string }) {
  const paths = useRegistryPaths();
  const household = useHousehold(id);
  return <Link to={paths.household(id)}>{household.data?.head_name ?? id.slice(0, 8)}</Link>;
}
