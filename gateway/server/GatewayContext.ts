import type { Request, Response } from 'express';
import type { Logger } from 'pino';
import type { FieldDecision, Identity } from '../../policies/engine/types';
import { TokenRejected, unauthenticated, type Authenticator } from '../authenticate';
import { caseIdOf, CASE_ID_HEADER } from '../purpose/caseIdOf';
import { purposeOf, PURPOSE_HEADER } from '../purpose/purposeOf';
import type { Reader } from '../request';

/**
 * What the gateway knows about one request, built fresh for each. Plugins, the policy
 * enforcement and the subgraph data source read it; the audit stage records it.
 *
 * `identity`, `purpose` and `caseId` are always set by `createGatewayContext`; they are
 * optional only so that a hand-built context (a test of one data source) stays short,
 * and an absent one reads as anonymous, no purpose, no case.
 */
export interface GatewayContext {
  /** Generated per request; sent to every subgraph and returned as `x-request-id`. */
  requestId: string;
  /** Who is reading, from a verified bearer token; null for an anonymous reader (no token). */
  identity?: Identity | null;
  /** The declared purpose of use (`X-Purpose`), one of the policies' purposes; null when none. */
  purpose?: string | null;
  /** The service case the request is bound to (`X-Case-Id`); null when none. */
  caseId?: string | null;
  /** The policy decisions for the executed operation, one per field coordinate it selects (set by the enforcement). */
  decisions?: readonly FieldDecision[];
  /** The coordinates withheld from this reader (DENY without a `self` grant), sorted. */
  deniedCoordinates?: readonly string[];
  /** `PolicySet.hash` of the policies that decided. */
  policyHash?: string;
  /**
   * Temporary adapter while the stages move to `RequestContext`: the same reader, which the
   * execute stage (`SubgraphDataSource`) reads. Goes when `GatewayContext` does.
   */
  reader?: Reader;
  clientAddress?: string;
}

export interface GatewayContextOptions {
  authenticate: Authenticator;
  /** The purposes of use the policies in force declare. */
  purposes: () => readonly string[];
  log: Logger;
}

/**
 * The context Apollo Server hands to plugins and data sources for one HTTP request:
 * authenticates the caller and reads the declared purpose and case. A refused token ends
 * the request with 401, an undeclared purpose with 400, before any GraphQL work.
 */
export function createGatewayContext({ authenticate, purposes, log }: GatewayContextOptions) {
  return async ({ req, res }: { req: Request; res: Response }): Promise<GatewayContext> => {
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
    const reader: Reader = { requestId, identity, purpose: purposeOf(req.get(PURPOSE_HEADER), purposes()), caseId: caseIdOf(req.get(CASE_ID_HEADER)) };
    return { ...reader, reader, clientAddress: req.ip ?? '' };
  };
}
