import { SignJWT } from 'jose';
import type { Identity } from '../../policies';

export interface SignUserTokenOptions {
  /** How long the token is valid: `90s`, `30m`, `1h`, `24h`, `7d`. */
  ttl: string;
  issuer?: string;
  audience?: string;
}

/** `<number><s|m|h|d>`: the durations `govgraph token --ttl` accepts. */
export const TTL_PATTERN = /^\d+(s|m|h|d)$/;

/**
 * A development token (HS256 with the gateway's secret) naming an identity: what
 * `govgraph token` prints and what `govgraph start` hands departments for their calls to the graph.
 */
export async function signUserToken(secret: Uint8Array, identity: Identity, { ttl, issuer, audience }: SignUserTokenOptions): Promise<string> {
  if (!TTL_PATTERN.test(ttl)) throw new Error(`A token lifetime is a number and a unit (s, m, h, d), e.g. 1h; got '${ttl}'`);
  const jwt = new SignJWT({ roles: identity.roles, dept: identity.dept, clearance: identity.clearance })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(identity.sub)
    .setIssuedAt()
    .setExpirationTime(ttl);
  if (issuer) jwt.setIssuer(issuer);
  if (audience) jwt.setAudience(audience);
  return jwt.sign(secret);
}
