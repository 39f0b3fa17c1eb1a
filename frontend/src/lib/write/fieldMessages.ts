/** A refused write's problem split for a form: messages that belong to one of its fields, and the rest. */
import type { TFunction } from 'i18next';

import { fieldErrorText, fieldLabel, problemMessage, problemWord, type Problem } from '@/lib/api';

export type FieldPath = (string | number)[];

export interface FieldMessages {
  /** For antd's form.setFields: each field the server named, with its message. */
  fields: { name: FieldPath; errors: string[] }[];
  /** What no field of the form shows: the problem's words, or field messages the form has no place for. */
  rest: string[];
}

/** The dotted path the server names ("members.2.id_number") as a form path (["members", 2, "id_number"]). */
export function fieldPath(field: string): FieldPath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The problem's field errors (422 `errors`, or the `field` a 409 names, worded by its type) through
 * `place`, which answers the form's path for a server field or null when the form has none.
 */
export function fieldMessages(
  problem: Problem,
  t: TFunction,
  place: (field: string) => FieldPath | null = fieldPath,
): FieldMessages {
  // Each named field with what is wrong, in the user's words (never the server's message).
  const named = (problem.errors ?? []).map((e) => ({ field: e.field, text: fieldErrorText(e, t) }));
  if (typeof problem.field === 'string' && !named.some((e) => e.field === problem.field)) {
    const word = problemWord(problem);
    named.push({ field: problem.field, text: word ? t(word) : t('validation.types.invalid') });
  }
  const fields: FieldMessages['fields'] = [];
  const rest: string[] = [];
  for (const error of named) {
    const name = place(error.field);
    if (name) fields.push({ name, errors: [error.text] });
    else
      rest.push(t('validation.line', { label: fieldLabel(error.field, t), message: error.text }));
  }
  if (!fields.length && !rest.length) rest.push(problemMessage(problem, t));
  return { fields, rest };
}
