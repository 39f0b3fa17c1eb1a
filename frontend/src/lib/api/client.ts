/**
 * The typed API client: openapi-fetch over the paths generated from the services' OpenAPI
 * documents (schema.d.ts, `npm run generate`), sending the login's bearer token.
 */
import createClient from 'openapi-fetch';

import { ApiError, NetworkError, isProblem } from './problems';
import type { paths } from './schema';

export type Api = ReturnType<typeof createApi>;
export type { components, paths } from './schema';

export interface ApiOptions {
  baseUrl?: string;
  /** Sends a request with the login (Auth.fetch); plain fetch when omitted. */
  fetch?: (request: Request) => Promise<Response>;
}

export function createApi(options: ApiOptions = {}) {
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  return createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    fetch: async (request: Request) => {
      try {
        return await send(request);
      } catch (error) {
        throw new NetworkError(error);
      }
    },
  });
}

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; an ApiError (the server's problem) otherwise. */
export async function unwrap<T>(pending: Promise<Answer<T>>): Promise<T> {
  const { data, error, response } = await pending;
  if (response.ok) return data as T;
  // openapi-fetch has read the body already: take the problem it parsed.
  if (isProblem(error)) throw new ApiError(error);
  throw new ApiError({
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  });
}
