/** Stage 1 of the request path: who is reading (a JWT verified with jose), for what purpose, in which case → one `Reader`. */
export type { AuthConfig, AuthOptions } from './AuthConfig';
export { createAuthenticator, type Authenticator } from './createAuthenticator';
export { createReaderContext, type ReaderContextOptions } from './createReaderContext';
export { caseIdOf, CASE_ID_HEADER } from './caseIdOf';
export { purposeOf, PURPOSE_HEADER } from './purposeOf';
export { jwtSecretFile, loadJwtSecret, loadOrCreateJwtSecret } from './jwtSecret';
export { resolveAuthConfig } from './resolveAuthConfig';
export { signUserToken, TTL_PATTERN } from './signUserToken';
export type { TokenRejection } from '../../schema/contracts/TokenRejection';
export { TokenRejected, unauthenticated } from './unauthenticated';
