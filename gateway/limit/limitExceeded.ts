import type { GraphQLError } from 'graphql';
import { CODES, ERROR_CODES, requestError, type ErrorCode } from '../../schema/contracts/errorCodes';

export type LimitCode =
  | typeof CODES.MAX_DEPTH_EXCEEDED
  | typeof CODES.MAX_ALIASES_EXCEEDED
  | typeof CODES.MAX_ROOT_FIELDS_EXCEEDED
  | typeof CODES.MAX_DIRECTIVES_EXCEEDED
  | typeof CODES.MAX_FRAGMENTS_EXCEEDED
  | typeof CODES.MAX_TOKENS_EXCEEDED
  | typeof CODES.COST_LIMIT_EXCEEDED
  | typeof CODES.REQUEST_TOO_LARGE
  | typeof CODES.BATCHING_NOT_ALLOWED;

/**
 * A request refused by the limit stage: its code, the limit and what was measured, and the
 * HTTP status of the code (Apollo Server reads `extensions.http` and strips it). Extra
 * extensions must not carry the refused value: it may be personal data.
 */
export function limitExceeded(
  code: LimitCode | ErrorCode,
  message: string,
  limit: number,
  measured: number,
  extensions: Record<string, unknown> = {},
  status?: number,
): GraphQLError {
  return requestError(code, message, {
    ...extensions,
    limit,
    // An operation's cost can be astronomically large; a client sees a number JSON can carry.
    measured: Math.min(measured, Number.MAX_SAFE_INTEGER),
    http: { status: status ?? ERROR_CODES[code].httpStatus },
  });
}
