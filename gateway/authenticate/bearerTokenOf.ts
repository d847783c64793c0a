/** A compact JWS is three base64url parts separated by dots. */
const BEARER = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)\s*$/i;

/**
 * The token of an `Authorization: Bearer <jws>` header: undefined when there is no header,
 * null when the header is anything else (another scheme, no token, not a compact JWS).
 */
export function bearerTokenOf(authorization: string | undefined): string | null | undefined {
  if (authorization === undefined || authorization === '') return undefined;
  return BEARER.exec(authorization)?.[1] ?? null;
}
