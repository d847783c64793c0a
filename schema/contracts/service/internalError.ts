import type { GraphQLFormattedError } from 'graphql';
import { CODES } from '../errorCodes';

/**
 * What a client sees of an internal failure (an SQL error, a bug, a department's unexplained
 * error): a generic INTERNAL_SERVER_ERROR at the same path, naming the department it happened
 * in when known, never its message. The caller logs the details.
 */
export function internalError(formatted: GraphQLFormattedError, department?: string): GraphQLFormattedError {
  return {
    message: department ? `Internal error in department ${department}` : 'Internal server error',
    ...(formatted.path && { path: formatted.path }),
    ...(formatted.locations && { locations: formatted.locations }),
    extensions: { code: CODES.INTERNAL_SERVER_ERROR, ...(department && { department }) },
  };
}
