import path from 'node:path';
import { createLocalJWKSet, createRemoteJWKSet, type JWTVerifyGetKey } from 'jose';
import { loadKeyMaterial, type KeyEnv } from '../keys/loadKeyMaterial';
import { publishedJwksOf, type GatewayJwks } from './GatewayKeys';
import { GATEWAY_PUBLIC_FILE } from './gatewayKeyFiles';
import { parsePublicJwks } from './parsePublicJwks';

/**
 * The keys a department verifies gateway tokens with: given a token's header, the key its
 * `kid` names (jose's `createLocalJWKSet` / `createRemoteJWKSet`), or jose's
 * `ERR_JWKS_NO_MATCHING_KEY` when the set has none.
 */
export type GatewayVerificationKeys = JWTVerifyGetKey;

export const GATEWAY_PUBLIC_JWK_ENV = 'GOVGRAPH_GATEWAY_PUBLIC_JWK';
export const GATEWAY_JWKS_URL_ENV = 'GOVGRAPH_GATEWAY_JWKS_URL';

/** A fetched JWKS is used this long, then fetched again (sooner when a token names a kid it lacks). */
const JWKS_CACHE_MAX_AGE_MS = 10 * 60_000;
/** At most one fetch per this interval for an unknown kid: a flood of made-up kids cannot make the department hammer the gateway. */
export const JWKS_REFETCH_INTERVAL_MS = 30_000;
const JWKS_FETCH_TIMEOUT_MS = 5_000;

/** Verifies with the keys of a JWKS held in memory (a variable, a file, a test's keys). */
export async function localGatewayKeys(jwks: GatewayJwks): Promise<GatewayVerificationKeys> {
  return createLocalJWKSet(await publishedJwksOf(jwks.keys));
}

/**
 * Verifies with the gateway's published JWKS: fetched on first use, cached, fetched again when
 * a token names a kid it lacks (at most once per `JWKS_REFETCH_INTERVAL_MS`). A kid still
 * unknown after that, or keys that cannot be fetched, refuse the token: it fails closed.
 */
export function remoteGatewayKeys(url: URL, options: { refetchIntervalMs?: number } = {}): GatewayVerificationKeys {
  return createRemoteJWKSet(url, {
    cacheMaxAge: JWKS_CACHE_MAX_AGE_MS,
    cooldownDuration: options.refetchIntervalMs ?? JWKS_REFETCH_INTERVAL_MS,
    timeoutDuration: JWKS_FETCH_TIMEOUT_MS,
  });
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** The JWKS URL as given, refused when it is not one a department should trust keys from. */
export function gatewayJwksUrlOf(text: string, production: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${GATEWAY_JWKS_URL_ENV} is not a URL: set it to the gateway's JWKS, e.g. https://gateway.example/.well-known/jwks.json`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`${GATEWAY_JWKS_URL_ENV} must be an http(s) URL, not ${url.protocol}//`);
  // Keys fetched in the clear could be swapped on the way: whoever did so could sign as the gateway.
  if (production && url.protocol === 'http:' && !LOOPBACK.has(url.hostname))
    throw new Error(`${GATEWAY_JWKS_URL_ENV} must be an https URL in production (http only to the loopback address)`);
  return url;
}

export interface LoadGatewayVerificationKeysOptions {
  /** The department's environment: `GOVGRAPH_GATEWAY_JWKS_URL` or `GOVGRAPH_GATEWAY_PUBLIC_JWK`. */
  env: KeyEnv;
  /** The keys directory of development (`<data dir>/keys`), where the gateway writes its public keys. */
  dir: string;
  production: boolean;
}

/**
 * The keys a department verifies gateway tokens with: the gateway's JWKS at
 * `GOVGRAPH_GATEWAY_JWKS_URL` (followed as the gateway rotates its key), else the public key or
 * JWKS in `GOVGRAPH_GATEWAY_PUBLIC_JWK`, else the development file the gateway writes under
 * `<data dir>/keys/`. None → an error saying how to provide them: a department never starts open.
 */
export async function loadGatewayVerificationKeys({ env, dir, production }: LoadGatewayVerificationKeysOptions): Promise<GatewayVerificationKeys> {
  const url = env[GATEWAY_JWKS_URL_ENV]?.trim();
  const jwk = env[GATEWAY_PUBLIC_JWK_ENV];
  if (url && jwk) throw new Error(`Both ${GATEWAY_JWKS_URL_ENV} and ${GATEWAY_PUBLIC_JWK_ENV} are set: set one (the URL follows the gateway's key rotations)`);
  if (url) return remoteGatewayKeys(gatewayJwksUrlOf(url, production));
  const file = path.join(dir, GATEWAY_PUBLIC_FILE);
  const { key: keys } = loadKeyMaterial({
    given: { value: jwk, source: GATEWAY_PUBLIC_JWK_ENV },
    file,
    parse: parsePublicJwks,
    missing: `No gateway public key: set ${GATEWAY_PUBLIC_JWK_ENV} or start the gateway once to create ${file} (or set ${GATEWAY_JWKS_URL_ENV} to the gateway's /.well-known/jwks.json)`,
  });
  return localGatewayKeys({ keys });
}
