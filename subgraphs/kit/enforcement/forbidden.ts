import type { GraphQLError } from 'graphql';
import { CODES, requestError } from '../../../schema/contracts/errorCodes';

/**
 * The error a denied field resolves to: FORBIDDEN, naming the coordinate (never the value),
 * and, when a grant of the reader's department would apply in other circumstances, why it
 * did not here.
 */
export function forbidden(coordinate: string, why?: string): GraphQLError {
  return requestError(CODES.FORBIDDEN, `The policies do not let this reader see ${coordinate}${why ? `: ${why}` : ''}.`, { coordinate });
}
