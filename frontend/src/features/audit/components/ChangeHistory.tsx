import { useAuditLog } from '../api/audit';
import { AuditTable } from './AuditTable';

/** A household's change history: every write to it and its members, income, links, visits,
 * plans, happiness items and needs, from both logs, newest first. */
export function ChangeHistory({ householdId }: { householdId: string }) {
  const log = useAuditLog({ household_id: householdId, kind: 'write' });
  return (
    <AuditTable
      items={log.items}
      loading={log.isFetching}
      error={log.error}
      more={log.more}
      onMore={() => void log.fetchNextPage()}
      compact={false}
    />
  );
}
