import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { CODES, ERROR_CODES, requestError } from '../../../schema/contracts/errorCodes';
import type { RateLimitKind } from './rateCountersOf';

/** What a client is told to wait when the counters cannot be reached: about one reconnection cycle. */
const UNAVAILABLE_RETRY_SECONDS = 2;

/**
 * Refusals raised while the request context is built: `extensions.http` sets the response's
 * status and headers (Apollo Server reads and strips it; clients never see it).
 */
function withHttp(error: GraphQLError, status: number, retryAfterSeconds: number): GraphQLError {
  error.extensions.http = { status, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) };
  return error;
}

/** 429: the budget `limit` names is spent for now. */
export function rateLimited(limit: RateLimitKind, retryAfterSeconds: number): GraphQLError {
  const message = `Too many requests (${limit} rate limit); retry after ${retryAfterSeconds} s.`;
  return withHttp(requestError(CODES.RATE_LIMITED, message, { limit, retryAfterSeconds }), ERROR_CODES.RATE_LIMITED.httpStatus, retryAfterSeconds);
}

/** 503: the counters cannot be reached and the policy refuses to serve this caller uncounted. */
export function rateLimitUnavailable(): GraphQLError {
  const message = 'The rate limits cannot be checked right now, so the request was refused; try again shortly.';
  const error = requestError(CODES.RATE_LIMIT_UNAVAILABLE, message, { retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS });
  return withHttp(error, ERROR_CODES.RATE_LIMIT_UNAVAILABLE.httpStatus, UNAVAILABLE_RETRY_SECONDS);
}
