import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { Logger } from 'pino';
import { internalError } from '../../schema/contracts/service';
import { CODES } from '../../schema/contracts/errorCodes';

/** Internal failures (SQL errors, bugs) leave the department as a generic error; details go to the log. */
export function formatDepartmentError(department: string, devErrors: boolean, log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof GraphQLError && original.extensions?.code && original.extensions.code !== CODES.INTERNAL_SERVER_ERROR) {
      return formatted;
    }
    if (formatted.extensions?.code && formatted.extensions.code !== CODES.INTERNAL_SERVER_ERROR) return formatted;
    log.error({ err: original instanceof Error ? { name: original.name, message: original.message } : String(original), path: formatted.path }, 'internal error');
    return devErrors ? formatted : internalError(formatted, department);
  };
}
