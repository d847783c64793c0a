import { z } from 'zod';
import { envValue, type Env } from './envReaders';

/** Shorter HS256 secrets are refused: HS256 is only as strong as its key. */
export const MIN_JWT_SECRET_LENGTH = 32;

/**
 * How callers' tokens are verified: the identity provider's JWKS (with the issuer and
 * audience its tokens name), or an HS256 secret (development creates one under the data
 * directory; production never does).
 */
export const authConfig = z.object({
  jwksUrl: z.string().url().optional(),
  issuer: z.string().min(1).optional(),
  audience: z.string().min(1).optional(),
  secret: z.string().min(MIN_JWT_SECRET_LENGTH, `use at least ${MIN_JWT_SECRET_LENGTH} characters (e.g. \`openssl rand -base64 48\`)`).optional(),
});

export type AuthSettings = z.infer<typeof authConfig>;

export const AUTH_ENV = {
  jwksUrl: 'GOVGRAPH_JWKS_URL',
  issuer: 'GOVGRAPH_JWT_ISSUER',
  audience: 'GOVGRAPH_JWT_AUDIENCE',
  secret: 'GOVGRAPH_JWT_SECRET',
} as const;

export function authFromEnv(env: Env): unknown {
  return {
    jwksUrl: envValue(env, AUTH_ENV.jwksUrl),
    issuer: envValue(env, AUTH_ENV.issuer),
    audience: envValue(env, AUTH_ENV.audience),
    // Not trimmed: a secret is used exactly as given.
    secret: env[AUTH_ENV.secret] || undefined,
  };
}
