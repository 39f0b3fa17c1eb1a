/**
 * A household's members, added, changed or removed one at a time. The API replaces a household with
 * its members whole, so each change reads the household whole (audited, with the reason), changes
 * one member and sends the lot back with If-Match: the version on screen.
 */
import { unwrap, type components } from '@/lib/api';
import { api } from '@/lib/runtime';
import type { FieldPath } from '@/lib/write';

import type { Household } from './households';

export type Member = Household['members'][number];
export type MemberIn = components['schemas']['MemberIn'];

export const RELATIONS = [
  'head',
  'spouse',
  'child',
  'parent',
  'grandchild',
  'sibling',
  'child_in_law',
  'other',
] as const;
export const HEALTH = ['healthy', 'chronic_illness', 'serious_illness', 'disabled'] as const;
export const LABOUR = ['able', 'weak', 'none'] as const;
export const EMPLOYMENT = [
  'employed',
  'self_employed',
  'farming',
  'unemployed',
  'student',
  'retired',
] as const;

/** What the member form edits; for a member on file a blank ID number keeps theirs. */
export type MemberForm = Omit<MemberIn, 'id' | 'id_number'> & { id_number?: string | null };

export const NEW_MEMBER: MemberForm = {
  name: '',
  id_number: '',
  relation: 'child',
  resident: true,
  health: 'healthy',
  labour_ability: 'able',
  employment: 'farming',
};

export function memberIn(member: Member): MemberIn {
  const { id, name, id_number, relation, resident, health, labour_ability, employment } = member;
  return { id, name, id_number, relation, resident, health, labour_ability, employment };
}

export function memberFormOf(member: Member): MemberForm {
  const { name, relation, resident, health, labour_ability, employment } = member;
  return { name, id_number: null, relation, resident, health, labour_ability, employment };
}

/**
 * The members to send: `whole`'s, with the one at `index` replaced by the form's values (kept id,
 * its ID number unless a new one was typed), appended when `index` is null, or left out on remove.
 */
export function changedMembers(
  whole: readonly Member[],
  change: { index: number | null; form: MemberForm } | { remove: string },
): MemberIn[] {
  const members = whole.map(memberIn);
  if ('remove' in change) return members.filter((m) => m.id !== change.remove);
  const { index, form } = change;
  const typed = form.id_number?.replace(/\s/g, '').toUpperCase() ?? '';
  const fields = {
    name: form.name.trim(),
    relation: form.relation,
    resident: form.resident,
    health: form.health,
    labour_ability: form.labour_ability,
    employment: form.employment,
  };
  if (index === null) return [...members, { ...fields, id_number: typed }];
  return members.map((m, i) =>
    i === index ? { ...m, ...fields, id_number: typed || m.id_number } : m,
  );
}

/** Where a server error about `members.<i>.<field>` belongs in the one-member form (`index` the member's place). */
export function memberFieldPlace(index: number) {
  return (field: string): FieldPath | null => {
    if (field === 'members') return ['relation']; // exactly one head
    const match = /^members\.(\d+)\.(\w+)$/.exec(field);
    if (!match || Number(match[1]) !== index) return null;
    return match[2] === 'id' ? null : [match[2]!];
  };
}

/** The household read whole (audited): a PUT replaces the members, so it needs their ID numbers. */
export function householdWhole(id: string, reason: string): Promise<Household> {
  return unwrap(
    api.GET('/api/v1/households/{household_id}', {
      params: { path: { household_id: id }, query: { unmask: true, reason } },
    }),
  );
}

/** Send the household back with these members, only if its version is still `version` (412 else). */
export function putMembers(
  whole: Household,
  version: number,
  members: MemberIn[],
): Promise<Household> {
  return unwrap(
    api.PUT('/api/v1/households/{household_id}', {
      params: { path: { household_id: whole.id }, header: { 'If-Match': `"${version}"` } },
      body: {
        village_code: whole.village_code,
        address: whole.address,
        phone: whole.phone,
        category: whole.category,
        category_change_reason: '',
        low_income_subtype: whole.low_income_subtype,
        monitoring_type: whole.monitoring_type,
        latitude: whole.latitude,
        longitude: whole.longitude,
        members,
      },
    }),
  );
}
