import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { KeyLike } from 'jose';
import type { Logger } from 'pino';
import { verifyGatewayToken, type GatewayClaims } from '../../../schema/contracts/gatewayToken';
import { CODES } from '../../../schema/contracts/errorCodes';

/** Why a request was turned away; `extensions.reason` of the 401. */
export type TokenRejection =
  | 'missing'
  | 'malformed'
  | 'not-a-gateway-token'
  | 'bad-signature'
  | 'expired'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'invalid-claims';

const MESSAGES: Record<TokenRejection, string> = {
  missing: 'This department answers only the gateway: send Authorization: Bearer <gateway token>.',
  malformed: 'The Authorization header is not a bearer token.',
  'not-a-gateway-token': 'The bearer token is not a gateway token.',
  'bad-signature': 'The gateway token signature does not verify.',
  expired: 'The gateway token has expired.',
  'wrong-audience': 'The gateway token is meant for another department.',
  'wrong-issuer': 'The gateway token was not issued by the gateway.',
  'invalid-claims': 'The gateway token claims are not acceptable.',
};

const CLAIMS = Symbol('govgraph.gatewayClaims');

/** The claims `requireGatewayToken` verified for this request. */
export function gatewayClaimsOf(res: Response): GatewayClaims | undefined {
  return (res.locals as Record<symbol, GatewayClaims | undefined>)[CLAIMS];
}

/** A compact JWS is three base64url parts; anything else is not worth verifying. */
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** Maps what jose (or verifyGatewayToken) threw to a reason; never looks at the token. */
export function rejectionOf(error: unknown): TokenRejection {
  const { code, claim } = (error ?? {}) as { code?: string; claim?: string };
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'bad-signature';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'not-a-gateway-token';
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'malformed';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return 'wrong-audience';
      if (claim === 'iss') return 'wrong-issuer';
      if (claim === 'typ') return 'not-a-gateway-token';
      return 'invalid-claims';
    default:
      return 'invalid-claims';
  }
}

function reject(res: Response, reason: TokenRejection): void {
  res.status(401).json({ errors: [{ message: MESSAGES[reason], extensions: { code: CODES.UNAUTHENTICATED, reason } }] });
}

/**
 * Lets a request through only with a gateway token for this department
 * (`Authorization: Bearer …`, audience = department name), so a caller who reaches the
 * department's port directly gets nothing. The verified claims are kept for the context.
 * The token is never echoed or logged; only the reason is.
 */
export function requireGatewayToken(department: string, publicKey: KeyLike, log: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const refuse = (reason: TokenRejection): void => {
      log.warn({ reason, method: req.method, requestId: req.headers['x-request-id'] }, 'request without a valid gateway token refused');
      reject(res, reason);
    };
    if (!header) return refuse('missing');
    const match = /^Bearer +(\S+)$/i.exec(header);
    if (!match || !COMPACT_JWS.test(match[1])) return refuse('malformed');
    verifyGatewayToken(publicKey, department, match[1]).then(
      (claims) => {
        (res.locals as Record<symbol, GatewayClaims>)[CLAIMS] = claims;
        next();
      },
      (error: unknown) => refuse(rejectionOf(error)),
    );
  };
}
