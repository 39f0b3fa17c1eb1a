/**
 * A refusal in the app's own words. Each kind the services name has its `type`
 * (`/problems/duplicate-id-number`, …) and one i18n key here; any other is worded by its status.
 * The server's title and detail are shown only where neither fits (a status with no word). A field
 * error (a 422's `errors`) is worded from its field and type (`fields.*`, `validation.types.*`, with
 * the limits of its `ctx`), never from the server's message.
 */
import type { TFunction } from 'i18next';

import type { Messages } from '../i18n/zh-CN';
import { ApiError, problemText, type FieldError, type Problem } from './problems';

/** The problem types the app tells apart, by the name of their word under `problems.` in the i18n files. */
export const PROBLEM_TYPES = {
  sameIdOtherBody: '/problems/same-id-other-body',
  concurrentWrite: '/problems/concurrent-write',
  duplicateIdNumber: '/problems/duplicate-id-number',
  activeLinkExists: '/problems/active-link-exists',
  closed: '/problems/closed',
  linkEnded: '/problems/link-ended',
  alreadyAcknowledged: '/problems/already-acknowledged',
  alreadyStarted: '/problems/already-started',
  notStarted: '/problems/not-started',
  cadreHasUser: '/problems/cadre-has-user',
  categoryUnchanged: '/problems/category-unchanged',
  householdInUse: '/problems/household-in-use',
  duplicateName: '/problems/duplicate-name',
  departmentInUse: '/problems/department-in-use',
  duplicateCreditCode: '/problems/duplicate-credit-code',
  serviceClient: '/problems/service-client',
  clientRevoked: '/problems/client-revoked',
  accountDeactivated: '/problems/account-deactivated',
  reportOutdated: '/problems/report-outdated',
  duplicateUsername: '/problems/duplicate-username',
  duplicateCode: '/problems/duplicate-code',
  duplicatePhone: '/problems/duplicate-phone',
  staleVersion: '/problems/stale-version',
  versionRequired: '/problems/version-required',
  validation: '/problems/validation',
  emptyVisit: '/problems/empty-visit',
} as const satisfies Record<Exclude<keyof Messages['problems'], 'byStatus'>, string>;

export type ProblemKind = keyof typeof PROBLEM_TYPES;
type StatusWord = keyof Messages['problems']['byStatus'];
export type ProblemWord = `problems.${ProblemKind}` | `problems.byStatus.${StatusWord}`;

const KIND_OF_TYPE = new Map(
  Object.entries(PROBLEM_TYPES).map(([kind, type]) => [type as string, kind as ProblemKind]),
);

/** The word of a status when the type is not one the app knows. */
const BY_STATUS: Record<number, ProblemWord> = {
  400: 'problems.byStatus.badRequest',
  401: 'problems.byStatus.unauthorized',
  403: 'problems.byStatus.forbidden',
  404: 'problems.byStatus.notFound',
  409: 'problems.byStatus.conflict',
  412: 'problems.staleVersion',
  413: 'problems.byStatus.tooLarge',
  415: 'problems.byStatus.unsupportedType',
  422: 'problems.validation',
  423: 'problems.byStatus.locked',
  428: 'problems.versionRequired',
  429: 'problems.byStatus.rateLimited',
  500: 'problems.byStatus.serverError',
  502: 'problems.byStatus.unavailable',
  503: 'problems.byStatus.unavailable',
  504: 'problems.byStatus.unavailable',
};

/** Which of the known kinds the problem is, or null. */
export function problemKind(problem: Problem): ProblemKind | null {
  return KIND_OF_TYPE.get(problem.type) ?? null;
}

export function isKind(problem: Problem | null | undefined, ...kinds: ProblemKind[]): boolean {
  const kind = problem ? problemKind(problem) : null;
  return kind !== null && kinds.includes(kind);
}

/** The i18n key that words the problem: its type's, else its status's; null when neither has one. */
export function problemWord(problem: Problem): ProblemWord | null {
  const kind = problemKind(problem);
  if (kind) return `problems.${kind}`;
  return (
    BY_STATUS[problem.status] ?? (problem.status >= 500 ? 'problems.byStatus.serverError' : null)
  );
}

/** Someone else saved first: the version sent is not the one stored (412). */
export function savedByOthers(problem: Problem): boolean {
  return isKind(problem, 'staleVersion') || problem.status === 412;
}

/** The field's own name in a dotted path: "members.2.id_number" → "id_number". */
function fieldName(field: string): string {
  const parts = field.split('.').filter((part) => !/^\d+$/.test(part));
  return parts[parts.length - 1] ?? field;
}

/** The field's label in the user's language ("身份证号（第 3 项）" for "members.2.id_number"). */
export function fieldLabel(field: string, t: TFunction): string {
  const name = fieldName(field);
  const key = `fields.${name}`;
  const label = i18nHas(t, key) ? t(key as never) : t('validation.thisField');
  const index = /\.(\d+)(?:\.|$)/.exec(field);
  return index ? t('validation.item', { label, n: Number(index[1]) + 1 }) : label;
}

/** What is wrong with the field, in the user's language, by the error's type and limits. */
export function fieldErrorText(error: FieldError, t: TFunction): string {
  const ctx = error.ctx ?? {};
  const pattern = `validation.patterns.${fieldName(error.field)}`;
  if (error.type === 'string_pattern_mismatch' && i18nHas(t, pattern))
    return t(pattern as never, ctx);
  const typed = `validation.types.${error.type ?? 'invalid'}`;
  return i18nHas(t, typed) ? t(typed as never, ctx) : t('validation.types.invalid');
}

/** Each field error as "label：what is wrong" (for a line that no field of a form shows). */
export function fieldLines(problem: Problem, t: TFunction): string[] {
  return (problem.errors ?? []).map((error) =>
    t('validation.line', { label: fieldLabel(error.field, t), message: fieldErrorText(error, t) }),
  );
}

function i18nHas(t: TFunction, key: string): boolean {
  // t() answers the key itself when there is no such word.
  return (t(key as never, { defaultValue: '' }) as string) !== '';
}

/** One line for people: the problem's word, then its field messages; the server's text only when no word fits. */
export function problemMessage(problem: Problem, t: TFunction): string {
  const word = problemWord(problem);
  if (!word) return problemText(problem);
  return [t(word), ...fieldLines(problem, t)].join(t('validation.joiner'));
}

/** Whatever a request threw, for people: the problem's words, else "check the network". */
export function errorMessage(error: unknown, t: TFunction): string {
  return error instanceof ApiError ? problemMessage(error.problem, t) : t('common.retryLater');
}
