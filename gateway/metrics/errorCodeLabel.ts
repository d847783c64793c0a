import { GraphQLError } from 'graphql';
import { CODES, ERROR_CODES, type ErrorCode } from '../../schema/contracts/errorCodes';

/** The `code` label: a registered code (`schema/errorCodes.ts`) as it is; anything else, never free text, is INTERNAL_SERVER_ERROR. */
export function errorCodeLabel(code: unknown): ErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERROR_CODES, code) ? (code as ErrorCode) : CODES.INTERNAL_SERVER_ERROR;
}

/**
 * The code of a request refused before the GraphQL pipeline: a GraphQL error's own (401 from
 * the token, 429 from a rate limit, 400 from a header), an HTTP client error (a body that is
 * not JSON, or too large) BAD_REQUEST.
 */
export function refusalCodeOf(error: unknown): ErrorCode {
  if (error instanceof GraphQLError) return errorCodeLabel(error.extensions.code);
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 ? CODES.BAD_REQUEST : CODES.INTERNAL_SERVER_ERROR;
}
