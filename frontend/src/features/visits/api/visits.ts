/** Visits: the household's visits from the server, and new ones queued on the phone. */
import { queryOptions } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api/client';
import type { NewFile } from '@/lib/offline/outbox';
import { api, auth, outbox, syncNow } from '@/lib/runtime';
import { toLocalInput, toOffsetIso } from '@/lib/time';

export type VisitIn = components['schemas']['VisitIn'];
export type Visit = components['schemas']['VisitPublic'];
export type VisitMode = components['schemas']['VisitMode'];
export type RiskFlag = components['schemas']['RiskFlag'];

export const VISIT_MODES: VisitMode[] = ['in_person', 'phone', 'video'];
export const RISK_FLAGS: RiskFlag[] = [
  'serious_illness',
  'disability',
  'disaster',
  'accident',
  'job_loss',
  'other',
];
/** The server asks why for a visit logged more than this many days after it happened. */
export const BACKDATE_DAYS = 7;
export const VISIT_KIND = 'visit';
/**
 * A visit counts when it records something seen or done (shared/DOMAIN.md): an observation, a
 * need, or what was done or promised, one of them in at least this many letters, digits or
 * characters (spaces and punctuation not counted), as the server checks it (rules.FEW_CHARS).
 */
export const FEW_CHARS = 4;

const fewWords = (text: string | undefined): boolean =>
  ((text ?? '').match(/[\p{L}\p{N}]/gu)?.length ?? 0) >= FEW_CHARS;

/** Whether the form's values record enough for the visit to count (else the server refuses it). */
export function recordsSomething(values: Partial<VisitValues>): boolean {
  const needs = (values.needs ?? '').split('\n');
  return [
    values.income,
    values.employment,
    values.housing,
    values.health,
    ...needs,
    values.actionsTaken,
    values.actionsPromised,
  ].some(fewWords);
}

/** The form's fields whose words make a visit count. */
export const CONTENT_FIELDS = [
  'income',
  'employment',
  'housing',
  'health',
  'needs',
  'actionsTaken',
  'actionsPromised',
] as const;

/** What the visit form edits (the notes as typed, the needs one a line). */
export interface VisitValues {
  mode: VisitMode;
  /** a datetime-local value, in the device's time zone */
  occurredAt: string;
  backdateReason?: string;
  income?: string;
  employment?: string;
  housing?: string;
  health?: string;
  needs?: string;
  actionsTaken?: string;
  actionsPromised?: string;
  riskFlags?: RiskFlag[];
}

/** The form's values for a visit being corrected, or a new one's (in person, now). */
export function visitValuesOf(body: VisitIn | undefined, now: Date = new Date()): VisitValues {
  if (!body) return { mode: 'in_person', occurredAt: toLocalInput(now), riskFlags: [] };
  return {
    mode: body.mode,
    occurredAt: toLocalInput(new Date(body.occurred_at)),
    backdateReason: body.backdate_reason ?? undefined,
    income: body.observations?.income ?? '',
    employment: body.observations?.employment ?? '',
    housing: body.observations?.housing ?? '',
    health: body.observations?.health ?? '',
    needs: (body.needs_raised ?? []).join('\n'),
    actionsTaken: body.actions_taken ?? '',
    actionsPromised: body.actions_promised ?? '',
    riskFlags: body.risk_flags ?? [],
  };
}

export interface VisitDraft {
  householdId: string;
  values: VisitValues;
  /** the photos' SHA-256, in the order shown */
  photoIds: string[];
  /** where the phone was, when it was allowed to say */
  fix: Pick<VisitIn, 'latitude' | 'longitude' | 'accuracy_m'> | null;
  /** logged more than BACKDATE_DAYS after it happened: the reason goes with it */
  late: boolean;
}

/** The PUT's body from the form: needs one a line (blank lines dropped), the time with its offset. */
export function visitBody({ householdId, values, photoIds, fix, late }: VisitDraft): VisitIn {
  const needs = (values.needs ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  return {
    household_id: householdId,
    mode: values.mode,
    occurred_at: toOffsetIso(new Date(values.occurredAt)),
    observations: {
      income: values.income ?? '',
      employment: values.employment ?? '',
      housing: values.housing ?? '',
      health: values.health ?? '',
    },
    needs_raised: needs,
    actions_taken: values.actionsTaken ?? '',
    actions_promised: values.actionsPromised ?? '',
    risk_flags: values.riskFlags ?? [],
    photo_ids: photoIds,
    ...(fix ?? {}),
    ...(late ? { backdate_reason: values.backdateReason?.trim() } : {}),
  };
}

export const visitsOf = (householdId: string) =>
  queryOptions({
    queryKey: ['visits', householdId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/visits', { params: { query: { household_id: householdId, limit: 20 } } }),
      ),
    meta: { offline: true },
  });

/** One visit as the server keeps it (masked for this caller), for its read-only page. */
export const visitById = (id: string) =>
  queryOptions({
    queryKey: ['visit', id],
    queryFn: () =>
      unwrap(api.GET('/api/v1/visits/{visit_id}', { params: { path: { visit_id: id } } })),
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
