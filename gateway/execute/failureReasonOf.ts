import type { UnavailableReason } from './FetchOutcome';
import { CODES } from '../../schema/contracts/errorCodes';

/** The department's own error code in a refusal, when its body is a GraphQL response. */
function codeInBody(error: Error): unknown {
  const body = (error as { extensions?: { response?: { body?: unknown } } }).extensions?.response?.body;
  return (body as { errors?: { extensions?: { code?: unknown } }[] } | undefined)?.errors?.[0]?.extensions?.code;
}

/**
 * Why a fetch to a department failed, from what `RemoteGraphQLDataSource` saw: the error
 * (an aborted fetch, a refused connection, an HTTP error built from the response, a body
 * that is not JSON) and the response, when one came.
 */
export function failureReasonOf(error: Error, status: number | undefined): UnavailableReason {
  // The timeout's own abort (`AbortSignal.timeout`), while connecting or reading the body.
  if (error.name === 'TimeoutError') return 'timeout';
  if (status === undefined || (status >= 200 && status < 300)) return 'unavailable';
  if (status === 408) return 'timeout';
  if (status === 429 || (status === 503 && codeInBody(error) === CODES.DEPARTMENT_BUSY)) return 'busy';
  if (status >= 400 && status < 500) return 'refused';
  return 'unavailable';
}
