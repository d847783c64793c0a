import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

/** The header that carries the gateway's request id: on each response, and on each fetch to a department. */
export const REQUEST_ID_HEADER = 'x-request-id';

/**
 * Gives every HTTP request a fresh id, returned in the `x-request-id` response header.
 * An id sent by the client is ignored: the audit log must not trust it.
 */
export function assignRequestId(_req: Request, res: Response, next: NextFunction): void {
  const requestId = randomUUID();
  res.locals.requestId = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  next();
}
