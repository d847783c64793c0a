/**
 * How the gateway verifies callers' tokens, settled once at start-up:
 * - `secret`: HS256 with a shared secret (development; or an explicit secret in production);
 * - `jwks`: the identity provider's public keys, fetched from its JWKS URL (production),
 *   with the issuer and audience every token must name.
 */
export type AuthConfig = { kind: 'secret'; secret: Uint8Array; issuer?: string; audience?: string } | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string };

/** The `auth` option of `startGateway`; anything left out is read from the environment. */
export interface AuthOptions {
  /** HS256 secret; else `GOVGRAPH_JWT_SECRET`, else the development secret file. */
  secret?: Uint8Array;
  /** else `GOVGRAPH_JWKS_URL`. When set, tokens are verified against it (and `secret` is ignored). */
  jwksUrl?: string;
  /** else `GOVGRAPH_JWT_ISSUER`; required with a JWKS URL. */
  issuer?: string;
  /** else `GOVGRAPH_JWT_AUDIENCE`; required with a JWKS URL. */
  audience?: string;
}
