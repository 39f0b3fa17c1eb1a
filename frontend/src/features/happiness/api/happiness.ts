/**
 * The happiness list (幸福清单): what a household has received, or is to receive, in a year. An item
 * added on the phone waits in the outbox like a visit: its id is made here and its PUT is
 * idempotent, so it arrives exactly once.
 */
import { queryOptions } from '@tanstack/react-query';

import { unwrap, type components } from '@/lib/api/client';
import type { NewEntry } from '@/lib/offline/outbox';
import { api, auth, outbox, syncNow } from '@/lib/runtime';

export type HappinessItem = components['schemas']['HappinessItemPublic'];
export type HappinessItemIn = components['schemas']['HappinessItemIn'];
export type Category = components['schemas']['Category'];
export type ItemStatus = components['schemas']['ItemStatus'];

export const HAPPINESS_KIND = 'happiness_item';
export const CATEGORIES: Category[] = [
  'subsidy',
  'job',
  'training',
  'loan',
  'insurance_payout',
  'education_aid',
  'housing_repair',
  'consumption_purchase',
  'other',
];
export const ITEM_STATUSES: ItemStatus[] = ['delivered', 'planned'];

export const happinessOf = (householdId: string, year: number) =>
  queryOptions({
    queryKey: ['happiness', householdId, year],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/happiness-items', {
          params: { query: { household_id: householdId, year, limit: 100 } },
        }),
      ),
    meta: { offline: true },
  });

/**
 * An amount typed in yuan as the server writes it back ("1200" → "1200.00"), so a resend compares
 * equal; null when it is not an amount (no sign, at most two decimals, at most 12 digits of yuan).
 */
export function toYuan(typed: string): string | null {
  const match = /^(\d{1,12})(?:\.(\d{0,2}))?$/.exec(typed.trim());
  if (!match) return null;
  const yuan = match[1]!.replace(/^0+(?=\d)/, '');
  return `${yuan}.${(match[2] ?? '').padEnd(2, '0')}`;
}

export interface QueueItem {
  id: string;
  body: HappinessItemIn;
  /** the household head's name, for the outbox list */
  label: string;
  owner: string;
}

/** The outbox entry of a new item: an idempotent PUT under the phone's id. */
export function happinessEntry({ id, body, label, owner }: QueueItem): NewEntry {
  return {
    id,
    owner,
    kind: HAPPINESS_KIND,
    path: `/api/v1/happiness-items/${id}`,
    body: body as unknown as Record<string, unknown>,
    label,
    context: { household_id: body.household_id },
  };
}

/** Keep the item on the phone and try to send it at once. */
export async function queueHappinessItem(args: Omit<QueueItem, 'owner'>): Promise<void> {
  const owner = auth.session()?.me.subject;
  if (!owner) throw new Error('not logged in');
  await outbox.put(happinessEntry({ ...args, owner }));
  void syncNow();
}
