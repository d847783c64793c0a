import { CODES } from '../../schema/contracts/errorCodes';
import { departmentRequest, type DepartmentRequest } from '../execute/departmentRequest';
import { UPDATES_OPERATIONS, type EventScope } from './updatesOperations';

/** One application update as the reader may see it (fields the policies withhold are null). */
export interface ApplicationUpdate {
  cursor: string;
  [field: string]: unknown;
}

/**
 * What one page query came to:
 * - `page`: the updates after the cursor, in order, and where the next page starts;
 * - `retry`: nothing this time (the gateway busy or a department down, a rate limit): ask again after `afterMs` (when the gateway said);
 * - `end`: the stream cannot go on: the token is no longer accepted (`unauthenticated`), or
 *   the request is refused for good (`refused`: a policy, an unregistered operation, a graph without application updates).
 */
export type UpdatesAnswer =
  | { kind: 'page'; updates: ApplicationUpdate[]; cursor: string | null; full: boolean }
  | { kind: 'retry'; afterMs?: number; why: string }
  | { kind: 'end'; reason: 'unauthenticated' | 'refused'; code: string; message: string };

/** Runs one page query for a stream, with the headers its reader sent (token, purpose, case). */
export type QueryUpdates = (scope: EventScope, after: string | null, headers: Record<string, string>) => Promise<UpdatesAnswer>;

export interface QueryUpdatesOptions {
  /** The gateway's own /graphql, reached on the loopback address; undefined before it listens. */
  graphqlUrl(): string | undefined;
  /** Updates per page (`first`). */
  pageSize: number;
  /** How long one query may take before it counts as failed (and is asked again). */
  timeoutMs: number;
  request?: DepartmentRequest;
}

/** Codes that say "not now" rather than "never": the query is asked again later. */
const PASSING = new Set<string>([
  CODES.SUBGRAPH_UNAVAILABLE,
  CODES.SERVICE_UNAVAILABLE,
  CODES.SOURCE_UNAVAILABLE,
  CODES.AUDIT_UNAVAILABLE,
  CODES.RATE_LIMITED,
  CODES.RATE_LIMIT_UNAVAILABLE,
  CODES.DEPARTMENT_BUSY,
  CODES.INTERNAL_SERVER_ERROR,
]);

interface GraphQLBody {
  data?: Record<string, unknown> | null;
  errors?: { message?: unknown; extensions?: { code?: unknown } }[];
}

/**
 * Each page query goes through the gateway's own /graphql over the loopback address, as a
 * client's would: authenticated with the reader's token, counted against their rate limits,
 * limited, decided field by field by the same policies (their own applications, their
 * department's; the fields they may see) and recorded in the audit ledger, one record per query.
 */
export function createUpdatesQuery({ graphqlUrl, pageSize, timeoutMs, request = departmentRequest() }: QueryUpdatesOptions): QueryUpdates {
  return async (scope, after, headers) => {
    const url = graphqlUrl();
    if (url === undefined) return { kind: 'retry', why: 'the gateway is not listening yet' };
    const operation = UPDATES_OPERATIONS[scope];
    let status: number;
    let retryAfter: string | null;
    let body: GraphQLBody | undefined;
    try {
      const response = await request(
        url,
        {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json', accept: 'application/json' },
          body: JSON.stringify({ operationName: operation.name, query: operation.text, variables: { after, first: pageSize } }),
        },
        timeoutMs,
      );
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      body = (await response.json().catch(() => undefined)) as GraphQLBody | undefined;
    } catch (error) {
      return { kind: 'retry', why: `the gateway did not answer the query (${(error as Error).message})` };
    }
    const first = body?.errors?.[0];
    const code = typeof first?.extensions?.code === 'string' ? first.extensions.code : CODES.INTERNAL_SERVER_ERROR;
    const message = typeof first?.message === 'string' ? first.message : `HTTP ${status}`;
    if (status === 401) return { kind: 'end', reason: 'unauthenticated', code: CODES.UNAUTHENTICATED, message };
    if (status === 429 || status >= 500) return { kind: 'retry', ...retryAfterMs(retryAfter), why: `${code}: ${message}` };
    if (status !== 200) return { kind: 'end', reason: 'refused', code, message };
    const page = body?.data?.[operation.field] as { updates?: unknown; cursor?: unknown } | null | undefined;
    if (!page || !Array.isArray(page.updates)) {
      return PASSING.has(code) ? { kind: 'retry', why: `${code}: ${message}` } : { kind: 'end', reason: 'refused', code, message };
    }
    // An update without its cursor (withheld) cannot be named for a resume: it is left out.
    const updates = page.updates.filter((update): update is ApplicationUpdate => typeof (update as ApplicationUpdate | null)?.cursor === 'string');
    return { kind: 'page', updates, cursor: typeof page.cursor === 'string' ? page.cursor : null, full: page.updates.length >= pageSize };
  };
}

function retryAfterMs(header: string | null): { afterMs?: number } {
  const seconds = Number(header);
  return header !== null && Number.isFinite(seconds) && seconds >= 0 ? { afterMs: seconds * 1000 } : {};
}
