import { HeaderMap } from '@apollo/server';
import type { GraphQLError } from 'graphql';
import { ERROR_CODES, requestError, type ErrorCode } from '../../schema/contracts/errorCodes';

export interface HttpStatusOverride {
  /** Defaults to the code's status in the registry. */
  status?: number;
  headers?: Record<string, string>;
}

/**
 * A request error that also sets the HTTP status (and headers) of the response when it ends
 * the request before execution (context creation, `didResolveOperation`). Apollo Server
 * reads and strips `extensions.http`; clients never see it.
 */
export function httpRequestError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}, http: HttpStatusOverride = {}): GraphQLError {
  return requestError(code, message, {
    ...extensions,
    http: { status: http.status ?? ERROR_CODES[code].httpStatus, headers: new HeaderMap(Object.entries(http.headers ?? {})) },
  });
}
