import type { Session } from './session';
import { FORBIDDEN } from './errorCodes';

/*
 * The one way the console talks to the graph: a POST to this origin's /graphql, as any client
 * would, with the session's token, purpose (X-Purpose) and case (X-Case-Id).
 */

export interface GraphQLErrorShape {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResult<T> {
  /** Null when the request failed as a whole. */
  data: T | null;
  errors: GraphQLErrorShape[];
  /** The HTTP status; 0 when the gateway could not be reached. */
  status: number;
}

/** Called when the gateway refuses the token (HTTP 401): the session has ended. */
let onUnauthenticated: (reason: string) => void = () => {};

export function setUnauthenticatedHandler(handler: (reason: string) => void): void {
  onUnauthenticated = handler;
}

export async function graphql<T>(session: Session | null, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (session?.token) headers.authorization = `Bearer ${session.token}`;
  if (session?.purpose) headers['x-purpose'] = session.purpose;
  if (session?.caseId) headers['x-case-id'] = session.caseId;
  let response: Response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }), credentials: 'omit' });
  } catch (error) {
    return { data: null, errors: [{ message: error instanceof Error ? error.message : String(error), extensions: { code: 'NETWORK' } }], status: 0 };
  }
  let body: { data?: T | null; errors?: GraphQLErrorShape[] } = {};
  try {
    body = await response.json();
  } catch {
    body = { errors: [{ message: `HTTP ${response.status}`, extensions: { code: 'HTTP' } }] };
  }
  const errors = body.errors ?? [];
  if (response.status === 401) onUnauthenticated(String(errors[0]?.extensions?.reason ?? errors[0]?.message ?? 'unauthenticated'));
  return { data: body.data ?? null, errors, status: response.status };
}

/** Whether the errors deny `field` (a root field name) for the caller's roles. */
export function isForbidden(errors: GraphQLErrorShape[], field?: string): boolean {
  return errors.some((e) => e.extensions?.code === FORBIDDEN && (field === undefined || e.path?.[0] === field));
}
