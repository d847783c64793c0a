import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { CODES, ERROR_CODES } from '../../schema/contracts/errorCodes';
import { httpRequestError } from '../request';

const MESSAGE = 'The request could not be recorded in the audit log, so it was refused and no data is returned; try again later.';

/** The error that ends a request whose record could not be written (before execution, or while its context was built). */
export function auditUnavailable(): GraphQLError {
  return httpRequestError(CODES.AUDIT_UNAVAILABLE, MESSAGE);
}

/** The same error as a client sees it, for a response that is already formatted. */
export function formattedAuditUnavailable(): GraphQLFormattedError {
  return { message: MESSAGE, extensions: { code: CODES.AUDIT_UNAVAILABLE } };
}

export const AUDIT_UNAVAILABLE_STATUS = ERROR_CODES.AUDIT_UNAVAILABLE.httpStatus;
