import type { Logger } from 'pino';
import type { Identity } from '../../policies';
import { clientAddressOf, type CreateContext, type RequestReader } from '../request';
import { caseIdOf, CASE_ID_HEADER } from './caseIdOf';
import type { Authenticator } from './createAuthenticator';
import { purposeOf, PURPOSE_HEADER } from './purposeOf';
import { TokenRejected, unauthenticated } from './unauthenticated';

export interface ReaderContextOptions {
  authenticate: Authenticator;
  /** The purposes of use the policies in force declare. */
  purposes: () => readonly string[];
  log: Logger;
}

/**
 * Stage 1 of the request path: who reads (the verified bearer token), for what (`X-Purpose`)
 * and in which case (`X-Case-Id`), as one `Reader` for every later stage. A refused token
 * ends the request with 401, an undeclared purpose or malformed case id with 400, before
 * any GraphQL work.
 */
export function createReaderContext({ authenticate, purposes, log }: ReaderContextOptions): CreateContext {
  return async ({ req, res }) => {
    const requestId = String(res.locals.requestId);
    let identity: Identity | null;
    try {
      identity = await authenticate(req.headers.authorization);
    } catch (error) {
      if (!(error instanceof TokenRejected)) throw error;
      // The reason only: a token in a log is a token anyone with the log can replay.
      log.warn({ requestId, reason: error.reason }, 'bearer token refused');
      throw unauthenticated(error.reason);
    }
    const reader: RequestReader = {
      requestId,
      identity,
      purpose: purposeOf(req.get(PURPOSE_HEADER), purposes()),
      caseId: caseIdOf(req.get(CASE_ID_HEADER)),
    };
    return { reader, clientAddress: clientAddressOf(req) };
  };
}
