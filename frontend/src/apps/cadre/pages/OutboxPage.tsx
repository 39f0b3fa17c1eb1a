import { useNavigate } from 'react-router';

import { OutboxList } from '@/features/outbox';

export function OutboxPage() {
  const navigate = useNavigate();
  return <OutboxList onOpen={(entry) => navigate(`/m/outbox/${encodeURIComponent(entry.id)}`)} />;
}
