import { PlanForm } from '@/features/plans';
import { countyYear } from '@/lib/time';

import { HouseholdFormPage } from '../HouseholdFormPage';

/** Update (or make) this year's plan of a household. */
export function PlanPage() {
  return <HouseholdFormPage form={(props) => <PlanForm {...props} year={countyYear()} />} />;
}
