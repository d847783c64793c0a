import { sign } from 'node:crypto';
import { GATEWAY_TOKEN_ALG, GATEWAY_TOKEN_ISSUER, GATEWAY_TOKEN_TTL_SECONDS, GATEWAY_TOKEN_TYP, type GatewayClaims } from './gatewayTokenContract';
import type { GatewaySigningKey } from './GatewayKeys';

/** The encoded header per `kid`: the same few bytes on every token a key signs. */
const headers = new Map<string, string>();

function encodedHeaderOf(kid: string): string {
  let header = headers.get(kid);
  if (!header) {
    header = Buffer.from(JSON.stringify({ alg: GATEWAY_TOKEN_ALG, typ: GATEWAY_TOKEN_TYP, kid })).toString('base64url');
    headers.set(kid, header);
  }
  return header;
}

/** The claims of a gateway token for `audience`, as the contract names them (docs/department-token.md). */
export function gatewayPayloadOf(audience: string, claims: GatewayClaims, ttlSeconds: number): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return {
    roles: claims.identity?.roles ?? [],
    dept: claims.identity?.dept ?? null,
    clearance: claims.identity?.clearance ?? 0,
    anon: claims.identity === null,
    purpose: claims.purpose,
    rid: claims.requestId,
    case: claims.caseId,
    iss: GATEWAY_TOKEN_ISSUER,
    aud: audience,
    iat: now,
    exp: now + ttlSeconds,
    ...(claims.identity && { sub: claims.identity.sub }),
  };
}

/** The compact JWS of `payload`, signed with `key` and naming it in the header's `kid`. */
export function signGatewayPayload(key: GatewaySigningKey, payload: Record<string, unknown>): string {
  const signingInput = `${encodedHeaderOf(key.kid)}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign(null, Buffer.from(signingInput), key.privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/**
 * Signs the claims for one subgraph (`audience` = the subgraph's name), naming the key in the
 * header's `kid` so a department picks the right one from the gateway's JWKS. One token per
 * request and subgraph is on the hot path: Node's synchronous Ed25519 signing costs a third
 * of jose's asynchronous one.
 */
export async function signGatewayToken(key: GatewaySigningKey, audience: string, claims: GatewayClaims, ttlSeconds = GATEWAY_TOKEN_TTL_SECONDS): Promise<string> {
  return signGatewayPayload(key, gatewayPayloadOf(audience, claims, ttlSeconds));
}
