/** Stage 1 of the request path: who is calling, from a JWT verified with jose. */
export type { AuthConfig, AuthOptions } from './AuthConfig';
export { createAuthenticator, type Authenticator } from './createAuthenticator';
export { jwtSecretFile, loadOrCreateJwtSecret } from './jwtSecret';
export { resolveAuthConfig } from './resolveAuthConfig';
export { signUserToken, TTL_PATTERN } from './signUserToken';
export type { TokenRejection } from './TokenRejection';
export { TokenRejected, unauthenticated } from './unauthenticated';
