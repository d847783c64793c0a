import { GraphQLError } from 'graphql';

/**
 * Every `extensions.code` govgraph puts in a response, in one place. Codes are a
 * contract with clients: never rename or reuse one. The README's error table is
 * checked against this registry by a test.
 */
export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, description: 'The query is not syntactically valid GraphQL.' },
  BAD_REQUEST: { httpStatus: 400, description: 'The HTTP request is not a GraphQL request (no query, a body that is not JSON, a wrong content type).' },
  PERSISTED_QUERY_NOT_FOUND: { httpStatus: 200, description: 'An automatic persisted query hash is not known yet; send the query text with it.' },
  PERSISTED_QUERY_NOT_SUPPORTED: { httpStatus: 200, description: 'Persisted queries are switched off on this server.' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, description: 'The document has several operations and `operationName` does not pick one of them.' },
  GRAPHQL_VALIDATION_FAILED: { httpStatus: 400, description: 'The query does not match the schema (unknown field, wrong argument type, …).' },
  UNAUTHENTICATED: { httpStatus: 401, description: 'The bearer token is not acceptable (bad signature, expired, wrong issuer or audience, malformed); `extensions.reason` says which, never echoing the token. A subgraph answers this to any request without a valid gateway token.' },
  FORBIDDEN: { httpStatus: 200, description: 'The policies do not let this reader see this field for this purpose; the field is null and `extensions.coordinate` names it (e.g. `Person.phone`).' },
  BAD_USER_INPUT: { httpStatus: 200, description: 'An argument was refused: unknown record, value out of range, malformed identifier; nothing was written. Refused request headers (an undeclared `X-Purpose`, a malformed `X-Case-Id`) answer HTTP 400 with this code.' },
  INVALID_TRANSITION: { httpStatus: 200, description: 'The application is not in a status that allows this step; `extensions.currentStatus` says which it is in. Nothing changed.' },
  NOT_SHAREABLE: { httpStatus: 200, description: 'An access application names a field whose sharing type is `none`: it is not shared outside its department and cannot be applied for; `extensions.coordinates` lists them. Nothing was written.' },
  NO_APPLICATION_NEEDED: { httpStatus: 200, description: 'An access application names a field shared unconditionally: it needs no application (who reads it is set in its policy); `extensions.coordinates` lists them. Apply for the conditional fields alone. Nothing was written.' },
  GRANT_STORE_UNAVAILABLE: { httpStatus: 200, description: 'The grant store (the grants file, or Redis) could not be reached to publish an approval or revocation, so the decision was not made; nothing changed. Try again shortly.' },
  SUBGRAPH_UNAVAILABLE: {
    httpStatus: 200,
    description:
      "A department's fields are missing: `extensions.department` names it and `extensions.reason` says why: `timeout` (no answer in time), `unavailable` (no connection, an HTTP 5xx, not a GraphQL response), `busy` (it refused for want of capacity), `refused` (another HTTP 4xx) or `circuit-open` (it failed repeatedly and is skipped for a cool-down, then probed again). Other departments' fields still resolve.",
  },
  DEPARTMENT_BUSY: { httpStatus: 503, description: "A department's concurrent requests and its short queue are full; it refuses at once rather than keep the request waiting. The gateway reports it as SUBGRAPH_UNAVAILABLE, reason `busy`. Try again shortly." },
  RESULT_TOO_LARGE: { httpStatus: 200, description: "A department's answer would hold more list items than it serves to one request (nested lists grow as items^depth); it returns none of them, and `extensions.department` and `extensions.limit` say whose limit and how many. Ask for fewer or less deeply nested records." },
  SERVICE_UNAVAILABLE: { httpStatus: 200, description: 'A department could not reach the graph to check a cross-department fact. Nothing was written.' },
  AUDIT_UNAVAILABLE: { httpStatus: 503, description: 'The request could not be recorded in the audit log (disk full, no permission, …), so it was refused and no data is returned; a mutation is refused before it runs. Try again later; the gateway log has the cause. A department that cannot record in its disclosure log which records it returned withholds them the same way: its fields are null and `extensions.department` names it (the rest of the response, HTTP 200, stands).' },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, description: 'An unexpected failure; details are logged, never returned (set GOVGRAPH_DEV_ERRORS=1 to see them in development).' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** A request error with a registered code. Extra extensions must not carry personal data. */
export function requestError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
