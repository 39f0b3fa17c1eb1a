/** A refused write's problem split for a form: messages that belong to one of its fields, and the rest. */
import type { Problem } from '@/lib/api';

export type FieldPath = (string | number)[];

export interface FieldMessages {
  /** For antd's form.setFields: each field the server named, with its message. */
  fields: { name: FieldPath; errors: string[] }[];
  /** What no field of the form shows: the detail, or field messages the form has no place for. */
  rest: string[];
}

/** The dotted path the server names ("members.2.id_number") as a form path (["members", 2, "id_number"]). */
export function fieldPath(field: string): FieldPath {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * The problem's field errors (422 `errors`, or a 409's `field`) through `place`, which answers the
 * form's path for a server field or null when the form has none.
 */
export function fieldMessages(problem: Problem, place: (field: string) => FieldPath | null = fieldPath): FieldMessages {
  const named = [...(problem.errors ?? [])];
  if (typeof problem.field === 'string' && !named.some((e) => e.field === problem.field)) {
    named.push({ field: problem.field, message: problem.detail ?? problem.title });
  }
  const fields: FieldMessages['fields'] = [];
  const rest: string[] = [];
  for (const error of named) {
    const name = place(error.field);
    if (name) fields.push({ name, errors: [error.message] });
    else rest.push(`${error.field}: ${error.message}`);
  }
  if (!fields.length && !rest.length) rest.push(problem.detail || problem.title);
  return { fields, rest };
}

/** Someone else saved (or ended) it first: a stale If-Match (412), or a 409 about no field. */
export function savedByOthers(problem: Problem): boolean {
  return problem.status === 412 || (problem.status === 409 && typeof problem.field !== 'string');
}
