/** The audit of whole reads (who saw which record unmasked, when, why): the county admin's. */
import { queryOptions, useQuery } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type AuditEntry = components['schemas']['AuditEntryPublic'];

export function listAudit(cursor: string | null) {
  return unwrap(
    api.GET('/api/v1/audit', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }),
  );
}

export const auditOptions = (cursor: string | null) =>
  queryOptions({ queryKey: ['audit', cursor], queryFn: () => listAudit(cursor) });

export const useAudit = (cursor: string | null) => useQuery(auditOptions(cursor));
