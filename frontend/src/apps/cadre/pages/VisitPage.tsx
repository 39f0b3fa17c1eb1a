import { useParams } from 'react-router';

import { VisitView } from '@/features/visits';

/** A past visit of the household, as recorded (read-only). */
export function VisitPage() {
  const { id = '', visitId = '' } = useParams();
  return <VisitView householdId={id} visitId={visitId} />;
}
