/**
 * A household's plan for the year (帮扶计划): its main measure and supplementary medical insurance.
 * Read from assistance; an update waits in the outbox like a visit and goes as one PUT, with
 * If-Match when it edits a plan read earlier.
 */
import { queryOptions } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api/client';
import { ApiError } from '@/lib/api/problems';
import type { NewEntry } from '@/lib/offline/outbox';
import { api, auth, outbox, syncNow } from '@/lib/runtime';

export type Plan = components['schemas']['PlanPublic'];
export type PlanIn = components['schemas']['PlanIn'];
export type InsuranceIn = components['schemas']['InsuranceIn'];
export type PaidBy = components['schemas']['PaidBy'];
export type MeasureType = components['schemas']['MeasureTypePublic'];

export const PLAN_KIND = 'plan';
export const PAID_BY: PaidBy[] = ['government', 'collective', 'self', 'other'];

/** The plan, or null when the household has none for the year yet (kept for offline either way). */
export const planOf = (householdId: string, year: number) =>
  queryOptions({
    queryKey: ['plan', householdId, year],
    queryFn: async (): Promise<Plan | null> => {
      try {
        return await unwrap(
          api.GET('/api/v1/plans/{household_id}/{year}', {
            params: { path: { household_id: householdId, year } },
          }),
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    meta: { offline: true },
  });

/** The county's catalogue of main measures. */
export const measureTypes = () =>
  queryOptions({
    queryKey: ['measure-types'],
    queryFn: async () => (await unwrap(api.GET('/api/v1/measure-types', {}))).items,
    staleTime: 3600_000,
    meta: { offline: true },
  });

/** A measure's name in the app's language. */
export function measureName(
  type: Pick<MeasureType, 'name_zh' | 'name_en'>,
  language: string,
): string {
  return language === 'en' ? type.name_en : type.name_zh;
}

/** What the plan form edits: the main measure's code ('' for none), the goals, the insurance as typed. */
export interface PlanValues {
  mainMeasure: string;
  goals: string;
  insured: 'yes' | 'no';
  insurer: string;
  policyNumber: string;
  startsOn: string;
  endsOn: string;
  paidBy: PaidBy | '';
}

/** The server's field (e.g. "insurance.insurer") as the plan form's field. */
export const PLAN_FIELDS: Record<string, keyof PlanValues> = {
  main_measure: 'mainMeasure',
  goals: 'goals',
  insurance: 'insured',
  'insurance.insured': 'insured',
  'insurance.insurer': 'insurer',
  'insurance.policy_number': 'policyNumber',
  'insurance.starts_on': 'startsOn',
  'insurance.ends_on': 'endsOn',
  'insurance.premium_paid_by': 'paidBy',
};

/** The form's values for a plan body (a queued update's or the stored plan's), or a blank plan's. */
export function planValuesOf(body: PlanIn | null): PlanValues {
  const insurance = body?.insurance;
  return {
    mainMeasure: body?.main_measure ?? '',
    goals: body?.goals ?? '',
    insured: insurance?.insured ? 'yes' : 'no',
    insurer: insurance?.insurer ?? '',
    policyNumber: insurance?.policy_number ?? '',
    startsOn: insurance?.starts_on ?? '',
    endsOn: insurance?.ends_on ?? '',
    paidBy: insurance?.premium_paid_by ?? '',
  };
}

/** The stored plan as the PUT's body (its main measure by code). */
export function bodyOfPlan(plan: Plan): PlanIn {
  return {
    main_measure: plan.main_measure?.code ?? null,
    goals: plan.goals,
    insurance: plan.insurance,
  };
}

/** The PUT's body from the form: trimmed, and an uninsured plan's insurance emptied. */
export function planBody(values: PlanValues): PlanIn {
  const insured = values.insured === 'yes';
  return {
    main_measure: values.mainMeasure || null,
    goals: values.goals.trim(),
    insurance: insured
      ? {
          insured,
          insurer: values.insurer.trim(),
          policy_number: values.policyNumber.trim(),
          starts_on: values.startsOn || null,
          ends_on: values.endsOn || null,
          premium_paid_by: values.paidBy || null,
        }
      : {
          insured,
          insurer: '',
          policy_number: '',
          starts_on: null,
          ends_on: null,
          premium_paid_by: null,
        },
  };
}

/** The outbox key of a household's plan for a year: a second edit before it went replaces the first. */
export const planEntryId = (householdId: string, year: number) => `plan:${householdId}:${year}`;

export interface QueuePlan {
  householdId: string;
  year: number;
  body: PlanIn;
  /** the version the edit started from (If-Match); null for a new plan */
  baseVersion: number | null;
  /** the household head's name, for the outbox list */
  label: string;
  owner: string;
}

/** The outbox entry of a plan update: a PUT of the whole plan, If-Match when it edits one. */
export function planEntry({
  householdId,
  year,
  body,
  baseVersion,
  label,
  owner,
}: QueuePlan): NewEntry {
  return {
    id: planEntryId(householdId, year),
    owner,
    kind: PLAN_KIND,
    path: `/api/v1/plans/${householdId}/${year}`,
    body: body as unknown as Record<string, unknown>,
    headers: baseVersion === null ? {} : { 'If-Match': `"${baseVersion}"` },
    // The server answers the main measure as an object: compare its code.
    expect: { ...body, main_measure: body.main_measure ? { code: body.main_measure } : null },
    label,
    context: {
      household_id: householdId,
      year: String(year),
      base_version: baseVersion === null ? '' : String(baseVersion),
    },
  };
}

/** The version a queued plan update started from (null: it makes a new plan). */
export function baseVersionOf(context: Record<string, string>): number | null {
  return context.base_version ? Number(context.base_version) : null;
}

/** Keep the plan update on the phone and try to send it at once. */
export async function queuePlan(args: Omit<QueuePlan, 'owner'>): Promise<void> {
  const owner = auth.session()?.me.subject;
  if (!owner) throw new Error('not logged in');
  await outbox.put(planEntry({ ...args, owner }));
  void syncNow();
}
