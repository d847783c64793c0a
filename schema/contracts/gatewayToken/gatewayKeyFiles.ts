import path from 'node:path';

/** The development key files, in `<data dir>/keys/`: the current private key, and the JWKS the gateway publishes. */
export const GATEWAY_PRIVATE_FILE = 'gateway-signing.private.jwk.json';
export const GATEWAY_PUBLIC_FILE = 'gateway-signing.public.jwk.json';

export const GATEWAY_PRIVATE_JWK_ENV = 'GOVGRAPH_GATEWAY_PRIVATE_JWK';
export const GATEWAY_PREVIOUS_PUBLIC_JWK_ENV = 'GOVGRAPH_GATEWAY_PREVIOUS_PUBLIC_JWK';

/** Where the development key files live: `<data dir>/keys`. */
export function keysDir(dataDir: string): string {
  return path.join(dataDir, 'keys');
}
