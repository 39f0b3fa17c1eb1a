import { useNavigate } from 'react-router';

import { HouseholdList } from '@/features/caseload';
import { useOutboxEntries } from '@/lib/hooks';

export function HomePage() {
  const navigate = useNavigate();
  const entries = useOutboxEntries();
  const queuedFor = (id: string) => entries.filter((e) => e.context.household_id === id).length;
  return (
    <HouseholdList
      onOpen={(household) => navigate(`/m/households/${household.id}`)}
      queuedFor={queuedFor}
    />
  );
}
