import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { CODES } from '../../../schema/contracts/errorCodes';
import { disclosureReplayClaimsOf } from '../enforcement/requireGatewayToken';
import { replayDisclosures } from './replayDisclosures';

/** The route's path; docs/department-token.md gives its contract to departments off the kit. */
export const DISCLOSURE_REPLAY_PATH = '/disclosures/replay';

export interface DisclosureReplayRouteOptions {
  department: string;
  db: Kysely<any>;
  log: Logger;
}

/** What the department answers when it could not log the reuse of its records. */
export function replayUnavailable(department: string): GraphQLFormattedError {
  return {
    message: `Department ${department} could not record that this request was answered with its records from the gateway's cache; try again later.`,
    extensions: { code: CODES.AUDIT_UNAVAILABLE, department },
  };
}

/**
 * `POST /disclosures/replay`, behind `requireDisclosureReplayToken`: the gateway answered a
 * request from its cache, and the department logs the new read of its records by copying
 * what it logged for the request whose answer was reused (`replayDisclosures`). 200
 * `{ copied }` (0 when asked again); 503 AUDIT_UNAVAILABLE when the log cannot be written, so
 * the gateway withholds the cached answer as the department would have its own. Logs the
 * request ids and the count, never which records.
 */
export function disclosureReplayRoute({ department, db, log }: DisclosureReplayRouteOptions): RequestHandler {
  return async (_req: Request, res: Response) => {
    const claims = disclosureReplayClaimsOf(res);
    if (!claims) throw new Error(`${DISCLOSURE_REPLAY_PATH} is mounted without requireDisclosureReplayToken before it`);
    let copied: number;
    try {
      copied = await replayDisclosures(db, claims, new Date());
    } catch (error) {
      log.error({ requestId: claims.requestId, replayOf: claims.replayOf, err: (error as Error).message }, 'disclosures of a cached answer not logged');
      res.status(503).json({ errors: [replayUnavailable(department)] });
      return;
    }
    log.debug({ requestId: claims.requestId, replayOf: claims.replayOf, copied }, 'disclosures of a cached answer logged');
    res.status(200).json({ copied });
  };
}
