import { VisitForm } from '@/features/visits';

import { HouseholdFormPage } from '../HouseholdFormPage';

/** Log a visit to a household. */
export function NewVisitPage() {
  return <HouseholdFormPage form={(props) => <VisitForm {...props} />} />;
}
