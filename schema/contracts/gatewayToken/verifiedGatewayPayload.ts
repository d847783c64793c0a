import { verify, KeyObject } from 'node:crypto';
import { errors, type JWTPayload } from 'jose';
import { GATEWAY_TOKEN_ALG, GATEWAY_TOKEN_ISSUER, GATEWAY_TOKEN_TYP, type GatewayClaims } from './gatewayTokenContract';
import type { GatewayVerificationKeys } from './gatewayVerificationKeys';

/** A gateway token's claims as signed, before they are read as a reader. */
export type GatewayPayload = JWTPayload & Record<string, unknown>;

/**
 * The payload of a gateway token for this subgraph, once verified; throws jose's errors (same
 * codes and claim names, mapped to a reason by `rejectionOf`) when it is not one. Checked: three
 * parts; the header's typ ours (else it is not a gateway token at all), alg EdDSA, no crit; the
 * key its `kid` names among `keys` (a JWKS: an unknown kid is refused once the set has been
 * fetched again); the signature over the exact bytes received; then iss, aud, exp and a subject
 * unless anonymous. Every subgraph fetch verifies one: after the key is picked, Node's
 * synchronous Ed25519 verification replaces jose's asynchronous path, which cost several times
 * more per call. What kind of token it is (`replay`) is the caller's to check.
 */
export async function verifiedGatewayPayload(keys: GatewayVerificationKeys, audience: string, token: string): Promise<GatewayPayload> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new errors.JWSInvalid('Invalid Compact JWS');
  const [encodedHeader, encodedPayload, encodedSignature] = parts;
  const header = parseJsonObject(encodedHeader);
  if (!header) throw new errors.JWSInvalid('JWS Protected Header is invalid');
  if (header.typ !== GATEWAY_TOKEN_TYP) throw new errors.JWTClaimValidationFailed('unexpected "typ" JWT header value', {}, 'typ', 'check_failed');
  if (header.alg !== GATEWAY_TOKEN_ALG) throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  if (header.crit !== undefined || header.b64 !== undefined) throw new errors.JWSInvalid('unsupported JWS header parameters');
  if (header.kid !== undefined && typeof header.kid !== 'string') throw new errors.JWSInvalid('"kid" (Key ID) Header Parameter must be a string');
  const key = await keys({ alg: GATEWAY_TOKEN_ALG, kid: header.kid }, { protected: encodedHeader, payload: encodedPayload, signature: encodedSignature });
  if (!(key instanceof KeyObject) || key.asymmetricKeyType !== 'ed25519' || key.type !== 'public')
    throw new errors.JWKSInvalid('the gateway key set holds a key that is not an Ed25519 public key');
  const signed = verify(null, Buffer.from(`${encodedHeader}.${encodedPayload}`), key, Buffer.from(encodedSignature, 'base64url'));
  if (!signed) throw new errors.JWSSignatureVerificationFailed();
  const payload = parseJsonObject(encodedPayload);
  if (!payload) throw new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  if (payload.iss !== GATEWAY_TOKEN_ISSUER) throw new errors.JWTClaimValidationFailed('unexpected "iss" claim value', payload, 'iss', 'check_failed');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(audience)) throw new errors.JWTClaimValidationFailed('unexpected "aud" claim value', payload, 'aud', 'check_failed');
  if (typeof payload.exp !== 'number') throw new errors.JWTClaimValidationFailed('"exp" claim must be a number', payload, 'exp', 'invalid');
  if (payload.exp <= Math.floor(Date.now() / 1000)) throw new errors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
  if (payload.anon !== true && typeof payload.sub !== 'string') throw new errors.JWTClaimValidationFailed('gateway token names no subject', payload, 'sub', 'missing');
  return payload;
}

/** The reader a verified payload vouches for. */
export function gatewayClaimsOfPayload(payload: GatewayPayload): GatewayClaims {
  return {
    identity:
      payload.anon === true
        ? null
        : {
            sub: payload.sub as string,
            roles: Array.isArray(payload.roles) ? payload.roles.filter((r): r is string => typeof r === 'string') : [],
            dept: typeof payload.dept === 'string' ? payload.dept : null,
            clearance: typeof payload.clearance === 'number' ? payload.clearance : 0,
          },
    purpose: typeof payload.purpose === 'string' ? payload.purpose : null,
    requestId: typeof payload.rid === 'string' ? payload.rid : '',
    caseId: typeof payload.case === 'string' ? payload.case : null,
  };
}

function parseJsonObject(encoded: string): GatewayPayload | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as GatewayPayload) : null;
  } catch {
    return null;
  }
}
