import type { NextFunction, Request, Response } from 'express';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { CODES } from '../../schema/contracts/errorCodes';

/**
 * Errors raised before GraphQL sees the request: a refusal of the limit stage (a request
 * error with its code and HTTP status, answered as Apollo Server would), an unparsable JSON
 * body. Express's default handler would answer with an HTML page carrying the stack.
 */
export function handleHttpError(log: Logger) {
  return (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
    if (res.headersSent) return next(error);
    if (error instanceof GraphQLError && typeof error.extensions.code === 'string') {
      const { http, ...extensions } = error.extensions as { http?: { status?: number } };
      res.status(http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
      return;
    }
    const status = httpStatusOf(error);
    if (status >= 400 && status < 500) {
      res.status(status).json({ errors: [{ message: `The HTTP request was refused: ${(error as Error).message}`, extensions: { code: CODES.BAD_REQUEST } }] });
      return;
    }
    log.error({ err: error instanceof Error ? error.message : String(error), requestId: res.locals.requestId }, 'http error');
    res.status(500).json({ errors: [{ message: 'Internal server error', extensions: { code: CODES.INTERNAL_SERVER_ERROR } }] });
  };
}

/** body-parser and http-errors mark request errors with a 4xx `status` and `expose: true`. */
function httpStatusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null && (error as { expose?: unknown }).expose === true) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return 500;
}
