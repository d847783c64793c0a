import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Logger } from 'pino';
import {
  DISCLOSURE_REPLAY_MAX_TOKENS,
  verifyDisclosureReplayToken,
  verifyGatewayToken,
  type DisclosureReplayClaims,
  type GatewayClaims,
  type GatewayVerificationKeys,
} from '../../../schema/contracts/gatewayToken';
import { rejectionOf, TOKEN_REJECTION_MESSAGES, type TokenRejection } from '../../../schema/contracts/TokenRejection';
import { CODES } from '../../../schema/contracts/errorCodes';

const CLAIMS = Symbol('govgraph.gatewayClaims');
const REPLAY_CLAIMS = Symbol('govgraph.disclosureReplayClaims');

/** The claims `requireGatewayToken` verified for this request. */
export function gatewayClaimsOf(res: Response): GatewayClaims | undefined {
  return (res.locals as Record<symbol, GatewayClaims | undefined>)[CLAIMS];
}

/** The claims of every replay token `requireDisclosureReplayTokens` verified for this request, the header's first. */
export function disclosureReplayClaimsOf(res: Response): DisclosureReplayClaims[] | undefined {
  return (res.locals as Record<symbol, DisclosureReplayClaims[] | undefined>)[REPLAY_CLAIMS];
}

/** A compact JWS is three base64url parts; anything else is not worth verifying. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

function reject(res: Response, reason: TokenRejection): void {
  res
    .status(401)
    .set('www-authenticate', 'Bearer error="invalid_token"')
    .json({ errors: [{ message: TOKEN_REJECTION_MESSAGES[reason], extensions: { code: CODES.UNAUTHENTICATED, reason } }] });
}

type Verify<C> = (keys: GatewayVerificationKeys, department: string, token: string) => Promise<C>;

/** Lets through a request whose bearer token `verify` accepts, its claims kept under `slot`; answers 401 with the reason otherwise. */
function requireToken<C>(department: string, keys: GatewayVerificationKeys, log: Logger, verify: Verify<C>, slot: symbol): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const refuse = (reason: TokenRejection): void => {
      log.warn({ reason, method: req.method, requestId: req.headers['x-request-id'] }, 'request without a valid gateway token refused');
      reject(res, reason);
    };
    if (!header) return refuse('missing');
    const match = /^Bearer +(\S+)$/i.exec(header);
    if (!match || !COMPACT_JWS.test(match[1])) return refuse('malformed');
    verify(keys, department, match[1]).then(
      (claims) => {
        (res.locals as Record<symbol, C>)[slot] = claims;
        next();
      },
      (error: unknown) => refuse(rejectionOf(error)),
    );
  };
}

/**
 * Lets a request through only with a gateway token for this department
 * (`Authorization: Bearer …`, audience = department name), signed with a key of the gateway's
 * JWKS (`keys`), so a caller who reaches the department's port directly gets nothing. A
 * disclosure-replay token is refused (`replay-token`): it copies disclosures and reads
 * nothing. The verified claims are kept for the context. The token is never echoed or logged;
 * only the reason is.
 */
export function requireGatewayToken(department: string, keys: GatewayVerificationKeys, log: Logger): RequestHandler {
  return requireToken(department, keys, log, verifyGatewayToken, CLAIMS);
}

/**
 * The same guard for `POST /disclosures/replay`: only disclosure-replay tokens the gateway
 * signed for this department pass (an ordinary one is `not-a-replay-token`). One in the
 * `Authorization` header, and, when the gateway batches the reads of concurrent requests, more
 * in the JSON body's `tokens` (`DISCLOSURE_REPLAY_MAX_TOKENS` in all): each is verified on its own, and
 * one that fails refuses the whole request. The claims of all, the header's first, are kept
 * for `disclosureReplayClaimsOf`.
 */
export function requireDisclosureReplayTokens(department: string, keys: GatewayVerificationKeys, log: Logger): RequestHandler {
  const header = requireToken(department, keys, log, verifyDisclosureReplayToken, REPLAY_CLAIMS);
  return (req: Request, res: Response, next: NextFunction) =>
    header(req, res, () => {
      const first = (res.locals as Record<symbol, DisclosureReplayClaims>)[REPLAY_CLAIMS];
      const more: unknown = (req.body as { tokens?: unknown } | undefined)?.tokens ?? [];
      const refuse = (reason: TokenRejection): void => {
        log.warn({ reason, requestId: req.headers['x-request-id'] }, 'disclosure replay with a token that is not valid refused');
        reject(res, reason);
      };
      if (!Array.isArray(more) || more.length >= DISCLOSURE_REPLAY_MAX_TOKENS || !more.every((token) => typeof token === 'string' && COMPACT_JWS.test(token)))
        return refuse('malformed');
      Promise.all(more.map((token: string) => verifyDisclosureReplayToken(keys, department, token))).then(
        (claims) => {
          (res.locals as Record<symbol, DisclosureReplayClaims[]>)[REPLAY_CLAIMS] = [first, ...claims];
          next();
        },
        (error: unknown) => refuse(rejectionOf(error)),
      );
    });
}
