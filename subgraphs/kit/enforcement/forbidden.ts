import type { GraphQLError } from 'graphql';
import { requestError } from '../../../schema/errorCodes';

/** The error a denied field resolves to: FORBIDDEN, naming the coordinate (never the value). */
export function forbidden(coordinate: string): GraphQLError {
  return requestError('FORBIDDEN', `The policies do not let this reader see ${coordinate}.`, { coordinate });
}
