import type { Request, RequestHandler, Response } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { CODES } from '../../../schema/contracts/errorCodes';
import { DISCLOSURE_REPLAY_PATH } from '../../../schema/contracts/gatewayToken';
import { disclosureReplayClaimsOf } from '../enforcement/requireGatewayToken';
import { replayDisclosures } from './replayDisclosures';

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
 * `POST /disclosures/replay`, behind `requireDisclosureReplayTokens`: the gateway answered
 * requests from its cache, and the department logs the new read of its records by copying
 * what it logged for the request whose answer was reused (`replayDisclosures`), for every
 * token the request carries, in one transaction (one commit for a batch of concurrent reads).
 * 200 `{ copied }` (0 when asked again); 503 AUDIT_UNAVAILABLE when the log cannot be written,
 * and then none of the batch is: the gateway withholds the cached answers as the department
 * would have its own. Logs the request ids and the count, never which records.
 */
export function disclosureReplayRoute({ department, db, log }: DisclosureReplayRouteOptions): RequestHandler {
  return async (_req: Request, res: Response) => {
    const batch = disclosureReplayClaimsOf(res);
    if (!batch) throw new Error(`${DISCLOSURE_REPLAY_PATH} is mounted without requireDisclosureReplayTokens before it`);
    const requestIds = batch.map((claims) => claims.requestId);
    let copied = 0;
    try {
      const at = new Date();
      await db.transaction().execute(async (trx) => {
        for (const claims of batch) copied += await replayDisclosures(trx, claims, at);
      });
    } catch (error) {
      log.error({ requestIds, err: (error as Error).message }, 'disclosures of cached answers not logged');
      res.status(503).json({ errors: [replayUnavailable(department)] });
      return;
    }
    log.debug({ requestIds, copied }, 'disclosures of cached answers logged');
    res.status(200).json({ copied });
  };
}
