import { useQuery } from '@tanstack/react-query';

import { householdById } from '../api/households';

export function useHousehold(id: string) {
  return useQuery(householdById(id));
}
