import { useQuery } from '@tanstack/react-query';

import { householdById } from '../api/caseload';

export function useHousehold(id: string) {
  return useQuery(householdById(id));
}
