/** The audit of whole reads (who saw which record unmasked, when, why): the county admin's. */
import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';

export type AuditEntry = components['schemas']['AuditEntryPublic'];

export function listAudit(cursor: string | null) {
  return unwrap(api.GET('/api/v1/audit', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } } }));
}
