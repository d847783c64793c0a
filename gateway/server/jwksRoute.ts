import type { Request, RequestHandler, Response } from 'express';
import type { GatewayJwks } from '../../schema/contracts/gatewayToken';

/** Where the gateway publishes its token keys, as RFC 8414 and OpenID Connect put them. */
export const JWKS_PATH = '/.well-known/jwks.json';

/**
 * How long a copy may be reused: a department that meets an unknown kid fetches again
 * anyway, and a cache between them must not hide a new key for longer than a token lives.
 */
const MAX_AGE_SECONDS = 60;

/**
 * `GET /.well-known/jwks.json`: the public keys department tokens are signed with (the
 * current one and, during a rollover, the previous), each with its kid, `alg: EdDSA` and
 * `use: sig`, for departments in any language to verify with (docs/department-token.md).
 */
export function jwksRoute(jwks: GatewayJwks): RequestHandler {
  const body = JSON.stringify({ keys: jwks.keys });
  return (_req: Request, res: Response) => {
    res.set('cache-control', `public, max-age=${MAX_AGE_SECONDS}`);
    res.type('application/jwk-set+json').send(body);
  };
}
