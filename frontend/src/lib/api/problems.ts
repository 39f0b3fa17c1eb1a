/** RFC 9457 problem details as every Fumin service answers them, and the error the client throws. */

export interface FieldError {
  field: string;
  in?: string;
  /** the rule broken: pydantic's (`missing`, `string_too_long`, …) or a service's (`not_a_village`) */
  type?: string;
  /** its limits (`{max_length: 200}`) */
  ctx?: Record<string, string | number | boolean>;
  /** the server's text, for logs: never shown (lib/api/problemWords.ts words the error) */
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string | null;
  errors?: FieldError[];
  [extra: string]: unknown;
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Problem).title === 'string' &&
    typeof (value as Problem).status === 'number'
  );
}

/** A problem from whatever an endpoint answered: its body when it is one, else one made up. */
export async function readProblem(response: Response): Promise<Problem> {
  try {
    const body: unknown = await response.clone().json();
    if (isProblem(body)) return body;
  } catch {
    // not JSON: a proxy's HTML page, say
  }
  return {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
}

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail ? `${problem.title}: ${problem.detail}` : problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }
}

/** No answer at all (offline, DNS, the gateway down): the caller may try again later. */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super('network unreachable', { cause });
    this.name = 'NetworkError';
  }
}

/** One line for people: the server's detail when it gave one, then each field's message not in it. */
export function problemText(problem: Problem): string {
  const parts = [problem.detail || problem.title];
  for (const error of problem.errors ?? []) {
    if (!parts.some((part) => part.includes(error.message)))
      parts.push(`${error.field}: ${error.message}`);
  }
  return parts.join('；');
}
