import { HappinessForm } from '@/features/happiness';

import { HouseholdFormPage } from '../HouseholdFormPage';

/** Add an item to a household's happiness list. */
export function NewHappinessPage() {
  return <HouseholdFormPage form={(props) => <HappinessForm {...props} />} />;
}
