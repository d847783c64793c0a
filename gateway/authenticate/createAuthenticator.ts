import { createRemoteJWKSet, jwtVerify, type JWTPayload, type JWTVerifyOptions } from 'jose';
import type { Identity } from '../../policies';
import type { AuthConfig } from './AuthConfig';
import { bearerTokenOf } from './bearerTokenOf';
import { identityFromClaims } from './identityFromClaims';
import { rejectionOf } from '../../schema/contracts/TokenRejection';
import { TokenRejected } from './unauthenticated';
import { createVerifiedTokens } from './verifiedTokens';

/**
 * Establishes who is calling from the `Authorization` header: null for no header (an
 * anonymous reader), the token's identity when it verifies, else throws TokenRejected.
 */
export type Authenticator = (authorization: string | undefined) => Promise<Identity | null>;

/** Signature algorithms an identity provider may use; symmetric ones only with the shared secret. */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** Clocks of the gateway and the identity provider differ a little. */
const CLOCK_TOLERANCE_SECONDS = 5;

export function createAuthenticator(config: AuthConfig): Authenticator {
  const common: JWTVerifyOptions = {
    issuer: config.issuer,
    audience: config.audience,
    requiredClaims: ['exp'],
    clockTolerance: CLOCK_TOLERANCE_SECONDS,
  };
  const verify = ((): ((token: string) => Promise<{ payload: JWTPayload }>) => {
    switch (config.kind) {
      case 'secret':
        return (token) => jwtVerify(token, config.secret, { ...common, algorithms: ['HS256'] });
      case 'jwks': {
        // Keys are fetched on first use, cached, and refetched when a token names an unknown `kid`.
        const keys = createRemoteJWKSet(new URL(config.jwksUrl));
        return (token) => jwtVerify(token, keys, { ...common, algorithms: ASYMMETRIC });
      }
    }
  })();

  // A client sends the same token with every request: verify it once, until it expires.
  const verified = createVerifiedTokens();

  return async (authorization) => {
    const token = bearerTokenOf(authorization);
    if (token === undefined) return null;
    if (token === null) throw new TokenRejected('malformed');
    const known = verified.get(token);
    if (known) return known;
    let payload: JWTPayload;
    try {
      ({ payload } = await verify(token));
    } catch (error) {
      throw new TokenRejected(rejectionOf(error));
    }
    const identity = identityFromClaims(payload);
    if (!identity) throw new TokenRejected('invalid-claims');
    // `exp` is required, so jose has checked it is a number.
    verified.set(token, identity, payload.exp as number);
    return identity;
  };
}
