/** Visits: the household's visits from the server, and new ones queued on the phone. */
import { queryOptions } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api/client';
import type { NewFile } from '@/lib/offline/outbox';
import { api, auth, outbox, syncNow } from '@/lib/runtime';

export type VisitIn = components['schemas']['VisitIn'];
export type Visit = components['schemas']['VisitPublic'];
export type VisitMode = components['schemas']['VisitMode'];
export type RiskFlag = components['schemas']['RiskFlag'];

export const VISIT_MODES: VisitMode[] = ['in_person', 'phone', 'video'];
export const RISK_FLAGS: RiskFlag[] = ['serious_illness', 'disability', 'disaster', 'accident', 'job_loss', 'other'];
/** The server asks why for a visit logged more than this many days after it happened. */
export const BACKDATE_DAYS = 7;
export const VISIT_KIND = 'visit';

export const visitsOf = (householdId: string) =>
  queryOptions({
    queryKey: ['visits', householdId],
    queryFn: () => unwrap(api.GET('/api/v1/visits', { params: { query: { household_id: householdId, limit: 20 } } })),
    meta: { offline: true },
  });

export interface QueueVisit {
  id: string;
  body: VisitIn;
  /** the household head's name, for the outbox list */
  label: string;
  /** photos taken now (already stored ones are named in body.photo_ids only) */
  newPhotos: NewFile[];
}

/** Keep the visit on the phone and try to send it at once; it goes later if there is no network. */
export async function queueVisit({ id, body, label, newPhotos }: QueueVisit): Promise<void> {
  const owner = auth.session()?.me.subject;
  if (!owner) throw new Error('not logged in');
  await outbox.put(
    {
      id,
      owner,
      kind: VISIT_KIND,
      path: `/api/v1/visits/${id}`,
      body: body as unknown as Record<string, unknown>,
      label,
      context: { household_id: body.household_id },
      files: body.photo_ids ?? [],
    },
    newPhotos,
  );
  void syncNow();
}
