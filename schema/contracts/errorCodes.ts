import { GraphQLError } from 'graphql';

/**
 * Every `extensions.code` govgraph puts in a response, in one place. Codes are a
 * contract with clients: never rename or reuse one. The error table in docs/errors.md is
 * checked against this registry by a test.
 */
export const ERROR_CODES = {
  GRAPHQL_PARSE_FAILED: { httpStatus: 400, description: 'The query is not syntactically valid GraphQL.' },
  BAD_REQUEST: {
    httpStatus: 400,
    description:
      'The HTTP request is not a GraphQL request (no query, a body that is not JSON, a wrong content type, a persisted query of another version or whose hash does not match its text), or not acceptable HTTP: a JSON body nesting arrays and objects more than 64 deep (`extensions.limit`, `extensions.measured`), a header holding a control character (CR, LF, NUL). A method other than GET and POST answers 405 with it, an unacceptable media type 406 or 415, headers over 16 KB 431.',
  },
  PERSISTED_QUERY_NOT_FOUND: {
    httpStatus: 200,
    description:
      'An automatic persisted query hash is not known yet (or no longer: the store forgets, and a Redis that is down answers nothing); send the query text with it. In safelist mode: the hash is not of a registered operation.',
  },
  PERSISTED_QUERY_NOT_SUPPORTED: { httpStatus: 200, description: 'Persisted queries are switched off on this server.' },
  OPERATION_RESOLUTION_FAILURE: { httpStatus: 400, description: 'The document has several operations and `operationName` does not pick one of them.' },
  GRAPHQL_VALIDATION_FAILED: {
    httpStatus: 400,
    description: 'The query does not match the schema (unknown field, wrong argument type, an operation kind the graph does not serve such as `subscription`, …).',
  },
  MAX_DEPTH_EXCEEDED: {
    httpStatus: 400,
    description:
      'An operation nests fields deeper than the gateway allows (default 10; fragments add no level, `__schema` none); `extensions.limit` and `extensions.measured` give the limit and the depth found. Refused before validation and planning.',
  },
  MAX_ALIASES_EXCEEDED: {
    httpStatus: 400,
    description:
      'An operation has more aliases than the gateway allows (default 30, fragments counted each time they are spread); `extensions.limit` and `extensions.measured` say how many.',
  },
  MAX_ROOT_FIELDS_EXCEEDED: {
    httpStatus: 400,
    description: 'An operation selects more root fields than the gateway allows (default 20); `extensions.limit` and `extensions.measured` say how many.',
  },
  MAX_DIRECTIVES_EXCEEDED: {
    httpStatus: 400,
    description: 'An operation carries more directives than the gateway allows (default 50); `extensions.limit` and `extensions.measured` say how many.',
  },
  MAX_FRAGMENTS_EXCEEDED: {
    httpStatus: 400,
    description:
      'The document writes more fragments than the gateway allows (default 100): fragment definitions, spreads and inline fragments, each counted where it is written; `extensions.limit` and `extensions.measured` say how many.',
  },
  MAX_TOKENS_EXCEEDED: {
    httpStatus: 400,
    description:
      'The document has more tokens than the gateway parses (default 5,000); they are counted before parsing, up to the first token over the limit, which `extensions.measured` gives (`extensions.limit` the limit).',
  },
  COST_LIMIT_EXCEEDED: {
    httpStatus: 400,
    description:
      "The operation would cost more than the reader's budget: every field costs 1 and a list multiplies what it holds by its size (`first`, else a default). `extensions.limit` is the budget of the reader's roles (anonymous readers have the smallest), `extensions.measured` the cost. Ask for smaller pages or fewer nested lists.",
  },
  REQUEST_TOO_LARGE: {
    httpStatus: 413,
    description: 'The HTTP request body is larger than the gateway accepts (default 256 KB); `extensions.limit` and `extensions.measured` are in bytes.',
  },
  BATCHING_NOT_ALLOWED: {
    httpStatus: 400,
    description:
      'The body is a JSON array of operations and batching is off (the default); `extensions.measured` is the number of operations sent. Send one operation per request.',
  },
  UNAUTHENTICATED: {
    httpStatus: 401,
    description:
      'The bearer token is not acceptable (bad signature, expired, wrong issuer or audience, malformed); `extensions.reason` says which, never echoing the token. A subgraph answers this to any request without a valid gateway token.',
  },
  FORBIDDEN: {
    httpStatus: 200,
    description:
      'The policies do not let this reader see this field for this purpose; the field is null and `extensions.coordinate` names it (e.g. `Person.phone`). In production an anonymous operation that introspects is refused as a whole with HTTP 403 (`extensions.reason`: `introspection`).',
  },
  BAD_USER_INPUT: {
    httpStatus: 200,
    description:
      'An argument was refused: unknown record, value out of range, malformed identifier; nothing was written. Refused request headers (an undeclared `X-Purpose`, a malformed `X-Case-Id`) answer HTTP 400 with this code, and so do arguments the gateway refuses before asking any department: an ID number or credit code whose check character is wrong (`extensions.argument` names it), a string longer than the limit (default 1,000 characters; `extensions.limit`, `extensions.measured`).',
  },
  INVALID_TRANSITION: {
    httpStatus: 200,
    description: 'The application is not in a status that allows this step; `extensions.currentStatus` says which it is in. Nothing changed.',
  },
  NOT_SHAREABLE: {
    httpStatus: 200,
    description:
      'An access application names a field whose sharing type is `none`: it is not shared outside its department and cannot be applied for; `extensions.coordinates` lists them. Nothing was written.',
  },
  NO_APPLICATION_NEEDED: {
    httpStatus: 200,
    description:
      'An access application names a field shared unconditionally: it needs no application (who reads it is set in its policy); `extensions.coordinates` lists them. Apply for the conditional fields alone. Nothing was written.',
  },
  GRANT_STORE_UNAVAILABLE: {
    httpStatus: 200,
    description:
      'The grant store (the grants file, or Redis) could not be reached to publish an approval or revocation, so the decision was not made; nothing changed. Try again shortly.',
  },
  SUBGRAPH_UNAVAILABLE: {
    httpStatus: 200,
    description:
      "A department's fields are missing: `extensions.department` names it and `extensions.reason` says why: `timeout` (no answer in time), `unavailable` (no connection, an HTTP 5xx, not a GraphQL response), `busy` (it refused for want of capacity), `refused` (another HTTP 4xx) or `circuit-open` (it failed repeatedly and is skipped for a cool-down, then probed again). Other departments' fields still resolve.",
  },
  SOURCE_UNAVAILABLE: {
    httpStatus: 200,
    description:
      "A declared department (an exchange adapter) answers, but the system it reads — its database, REST API or exchange files — did not: the department's fields that needed it are null and `extensions.department` names the department. The department's `/health` says why (`ready: false`, `problem`). Other fields still resolve.",
  },
  INVALID_SOURCE_VALUE: {
    httpStatus: 200,
    description:
      "A declared department's source holds a value that does not fit the field's declared form (a date that is not one, text where a number is declared): the field is null and `extensions.department` and `extensions.field` (`Type.field`) name where, never the value, which may be personal data. Its declaration or its source needs fixing (`npx govgraph exchange check`).",
  },
  DEPARTMENT_BUSY: {
    httpStatus: 503,
    description:
      "A department's concurrent requests and its short queue are full; it refuses at once rather than keep the request waiting. The gateway reports it as SUBGRAPH_UNAVAILABLE, reason `busy`. Try again shortly.",
  },
  RESULT_TOO_LARGE: {
    httpStatus: 200,
    description:
      "A department's answer would hold more list items than it serves to one request (nested lists grow as items^depth); it returns none of them, and `extensions.department` and `extensions.limit` say whose limit and how many. Ask for fewer or less deeply nested records.",
  },
  UNMAPPED_CODE: {
    httpStatus: 200,
    description:
      "A standard-coded field (GB/T 2261.1 sex, GB/T 2261.2 marital status, GB 3304 ethnic group, GB/T 2260 division), or a field whose source values a declaration maps to an enum, is null because the value in the department's source maps to no standard code in its declaration; an unmapped value is never passed through. `extensions.department` names the department, `extensions.field` the field (`Type.field`) and `extensions.value` the legacy value alone (masked like log text, cut at 32 characters), never the record. The department's `/health` counts them (`unmappedCodes`); its declaration needs the mapping (`npx govgraph exchange check`). The rest of the response stands.",
  },
  SERVICE_UNAVAILABLE: { httpStatus: 200, description: 'A department could not reach the graph to check a cross-department fact. Nothing was written.' },
  AUDIT_UNAVAILABLE: {
    httpStatus: 503,
    description:
      'The request could not be recorded in the audit log (disk full, no permission, …), so it was refused and no data is returned; a mutation is refused before it runs. Try again later; the gateway log has the cause. A department that cannot record in its disclosure log which records it returned withholds them the same way: its fields are null and `extensions.department` names it (the rest of the response, HTTP 200, stands). An auditor or officer reading the ledger through the catalog (`auditChain`, `auditRecords`) gets it when the ledger or the audit key cannot be read (`extensions.reason`: `ledger` or `key`), never an answer that looks sound.',
  },
  RATE_LIMITED: {
    httpStatus: 429,
    description:
      "Too many requests in the sliding window: `extensions.limit` says whose budget is spent (`identity`, the token's subject; `department`, all its staff together; `anonymous`, the client address), `extensions.retryAfterSeconds` (and the `Retry-After` header) when the next request fits. Nothing was run.",
  },
  RATE_LIMIT_UNAVAILABLE: {
    httpStatus: 503,
    description:
      'The rate-limit counters (Redis) could not be reached in time and the policy for that case (`GOVGRAPH_RATE_WHEN_REDIS_DOWN`: by default anonymous callers) refuses the request rather than serve it uncounted. Nothing was run; retry after the `Retry-After` header.',
  },
  TOO_MANY_STREAMS: {
    httpStatus: 429,
    description:
      'The gateway will not open another `/events` stream: `extensions.limit` says whose limit is reached (`reader`: this signed-in reader already holds the most streams on this instance, default 5; `gateway`: the instance holds the most for everyone) and `extensions.max` how many that is. Close a stream (another tab) or try again later.',
  },
  OPERATION_NOT_REGISTERED: {
    httpStatus: 403,
    description:
      'The gateway runs only registered operations (safelist mode) and this one is not (`npx govgraph operations register FILE`). Nothing was run; sending it again will not help.',
  },
  WRITE_BACK_FORGED: {
    httpStatus: 403,
    description:
      "A department's write-back delivery (`POST /write-backs`) received something the service platform did not sign for it (another key, an altered payload, an event for another department, not a sealed write-back at all): nothing in it was applied or trusted, and no outcome is sent back; `reason` says which check failed. The department logs it (without the payload), and over Redis copies it to the forged stream.",
  },
  WRITE_BACK_UNAVAILABLE: {
    httpStatus: 503,
    description:
      'A department could not decide a write-back now (its database did not answer): nothing was recorded, and the sender delivers it again after the `Retry-After` header.',
  },
  GROUP_TOO_SMALL: {
    httpStatus: 200,
    description:
      'An aggregate figure (`serviceStatistics`, `populationStatistics`, …) was asked for a period or filter that leaves fewer individuals than the minimum group size of the departments it draws on (`extensions.minGroupSize`, default 10): nothing of that field is answered. Widen the period or the filter.',
  },
  PRIVACY_BUDGET_EXHAUSTED: {
    httpStatus: 200,
    description:
      "A noised aggregate figure would spend more of the reader's daily privacy budget (epsilon, per token subject, per day in Beijing time) than is left: nothing of that field is answered and nothing is spent. `extensions.epsilonRemaining` and `extensions.resetsAt` say what is left and when it renews (`myAnalysisBudget`).",
  },
  INTERNAL_SERVER_ERROR: { httpStatus: 500, description: 'An unexpected failure; details are logged, never returned (set GOVGRAPH_DEV_ERRORS=1 to see them in development).' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/**
 * Each registered code by its name. Modules write `CODES.FORBIDDEN`, never the bare string, so
 * a code exists only in this registry (a lint rule refuses a bare one elsewhere).
 */
export const CODES = Object.freeze(Object.fromEntries(Object.keys(ERROR_CODES).map((code) => [code, code]))) as { readonly [Code in ErrorCode]: Code };

/** A request error with a registered code. Extra extensions must not carry personal data. */
export function requestError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code } });
}
