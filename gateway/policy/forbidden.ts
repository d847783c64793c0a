import type { GraphQLError } from 'graphql';
import { CODES, requestError } from '../../schema/contracts/errorCodes';
import { httpRequestError } from '../request';

/**
 * The error a withheld field resolves to: FORBIDDEN, naming the coordinate (never the value),
 * and `why` when a grant of the reader's department would open it in other circumstances.
 */
export function forbidden(coordinate: string, why?: string): GraphQLError {
  return requestError(CODES.FORBIDDEN, `The policies do not let this reader see ${coordinate}${why ? `: ${why}` : ''}.`, { coordinate });
}

/**
 * The whole operation refused (`deniedFields: 'reject'`), listing every withheld coordinate.
 * With the registry's HTTP status (200): Apollo Server would answer 400 for an error without data.
 */
export function operationForbidden(coordinates: readonly string[]): GraphQLError {
  return httpRequestError(CODES.FORBIDDEN, `The policies do not let this reader see ${coordinates.join(', ')}; remove these fields from the operation.`, {
    coordinates: [...coordinates],
  });
}
