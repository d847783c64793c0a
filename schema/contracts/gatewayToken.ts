import fs from 'node:fs';
import path from 'node:path';
import { sign, verify, type KeyObject } from 'node:crypto';
import { errors, exportJWK, generateKeyPair, importJWK, type JWK, type JWTPayload, type KeyLike } from 'jose';
import type { RequestReader } from '../../policies';

/**
 * The token the gateway signs for each subgraph request: the reader's identity and purpose,
 * vouched for by the gateway. Subgraphs accept nothing else, so a caller who reaches a
 * department's port directly gets nothing. Ed25519: subgraphs hold only the public key.
 */
export const GATEWAY_TOKEN_ISSUER = 'govgraph-gateway';
export const GATEWAY_TOKEN_TTL_SECONDS = 60;
const ALG = 'EdDSA';

/** What the gateway token vouches for: the reader of the request, as the gateway established it. */
export type GatewayClaims = RequestReader;

export interface GatewayKeys {
  privateKey: KeyLike;
  publicKey: KeyLike;
  publicJwk: JWK;
}

const PRIVATE_FILE = 'gateway-signing.private.jwk.json';
const PUBLIC_FILE = 'gateway-signing.public.jwk.json';

export function keysDir(dataDir = process.env.GOVGRAPH_DATA_DIR ?? path.resolve('.data')): string {
  return path.join(dataDir, 'keys');
}

/** A fresh key pair (tests; first start in development). */
export async function generateGatewayKeys(): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair(ALG, { crv: 'Ed25519', extractable: true });
  return { privateJwk: await exportJWK(privateKey), publicJwk: await exportJWK(publicKey) };
}

/**
 * The gateway's signing keys: `GOVGRAPH_GATEWAY_PRIVATE_JWK` (JSON), else the development
 * pair under `<data dir>/keys/`, created on first use (private file readable by its owner only).
 */
export async function loadOrCreateGatewayKeys(dir = keysDir()): Promise<GatewayKeys> {
  let privateJwk: JWK;
  if (process.env.GOVGRAPH_GATEWAY_PRIVATE_JWK) {
    privateJwk = JSON.parse(process.env.GOVGRAPH_GATEWAY_PRIVATE_JWK) as JWK;
  } else if (fs.existsSync(path.join(dir, PRIVATE_FILE))) {
    privateJwk = JSON.parse(fs.readFileSync(path.join(dir, PRIVATE_FILE), 'utf8')) as JWK;
  } else {
    const pair = await generateGatewayKeys();
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(dir, PRIVATE_FILE), JSON.stringify(pair.privateJwk), { mode: 0o600 });
    fs.writeFileSync(path.join(dir, PUBLIC_FILE), JSON.stringify(pair.publicJwk));
    privateJwk = pair.privateJwk;
  }
  const { d: _secret, ...publicJwk } = privateJwk;
  return { privateKey: (await importJWK(privateJwk, ALG)) as KeyLike, publicKey: (await importJWK(publicJwk, ALG)) as KeyLike, publicJwk };
}

/**
 * The public key subgraphs verify with: `GOVGRAPH_GATEWAY_PUBLIC_JWK` (JSON), else the
 * development file. Missing → an error saying how to provide it (a subgraph never starts open).
 */
export async function loadGatewayPublicKey(dir = keysDir()): Promise<KeyLike> {
  const file = path.join(dir, PUBLIC_FILE);
  const text = process.env.GOVGRAPH_GATEWAY_PUBLIC_JWK ?? (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);
  if (!text) {
    throw new Error(`No gateway public key: set GOVGRAPH_GATEWAY_PUBLIC_JWK or start the gateway once to create ${file}`);
  }
  return (await importJWK(JSON.parse(text) as JWK, ALG)) as KeyLike;
}

export async function importGatewayPublicJwk(jwk: JWK): Promise<KeyLike> {
  return (await importJWK(jwk, ALG)) as KeyLike;
}

/**
 * Signs the claims for one subgraph (`audience` = the subgraph's name). One token per
 * request and subgraph is on the hot path: Node's synchronous Ed25519 signing costs a
 * third of jose's asynchronous one, and subgraphs verify the result with jose.
 */
export async function signGatewayToken(privateKey: KeyLike, audience: string, claims: GatewayClaims, ttlSeconds = GATEWAY_TOKEN_TTL_SECONDS): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const payload = {
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
  const signingInput = `${SIGNED_HEADER}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}`;
  const signature = sign(null, Buffer.from(signingInput), privateKey as KeyObject);
  return `${signingInput}.${signature.toString('base64url')}`;
}

const SIGNED_HEADER = Buffer.from(JSON.stringify({ alg: ALG, typ: 'govgraph-gateway+jwt' })).toString('base64url');

/**
 * Verifies a gateway token for this subgraph; throws jose's errors (same codes and claim
 * names) when it is not one. Every subgraph fetch verifies one: Node's synchronous Ed25519
 * verification replaces jose's asynchronous path, which cost several times more per call.
 * Checked: three parts, header alg EdDSA and our typ (no crit), the signature over the exact
 * bytes received, then iss, aud and exp.
 */
export async function verifyGatewayToken(publicKey: KeyLike, audience: string, token: string): Promise<GatewayClaims> {
  const parts = token.split('.');
  if (parts.length !== 3) throw new errors.JWSInvalid('Invalid Compact JWS');
  const [encodedHeader, encodedPayload, encodedSignature] = parts;
  const header = parseJsonObject(encodedHeader);
  if (!header) throw new errors.JWSInvalid('JWS Protected Header is invalid');
  if (header.alg !== ALG) throw new errors.JOSEAlgNotAllowed('"alg" (Algorithm) Header Parameter value not allowed');
  if (header.crit !== undefined || header.b64 !== undefined) throw new errors.JWSInvalid('unsupported JWS header parameters');
  const signed = verify(null, Buffer.from(`${encodedHeader}.${encodedPayload}`), publicKey as KeyObject, Buffer.from(encodedSignature, 'base64url'));
  if (!signed) throw new errors.JWSSignatureVerificationFailed();
  const payload = parseJsonObject(encodedPayload);
  if (!payload) throw new errors.JWTInvalid('JWT Claims Set must be a top-level JSON object');
  if (header.typ !== 'govgraph-gateway+jwt') throw new errors.JWTClaimValidationFailed('unexpected "typ" JWT header value', payload, 'typ', 'check_failed');
  if (payload.iss !== GATEWAY_TOKEN_ISSUER) throw new errors.JWTClaimValidationFailed('unexpected "iss" claim value', payload, 'iss', 'check_failed');
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(audience)) throw new errors.JWTClaimValidationFailed('unexpected "aud" claim value', payload, 'aud', 'check_failed');
  if (typeof payload.exp !== 'number') throw new errors.JWTClaimValidationFailed('"exp" claim must be a number', payload, 'exp', 'invalid');
  if (payload.exp <= Math.floor(Date.now() / 1000)) throw new errors.JWTExpired('"exp" claim timestamp check failed', payload, 'exp', 'check_failed');
  const anonymous = payload.anon === true;
  if (!anonymous && typeof payload.sub !== 'string') throw new Error('gateway token names no subject');
  return {
    identity: anonymous
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

function parseJsonObject(encoded: string): (JWTPayload & Record<string, unknown>) | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as JWTPayload & Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
