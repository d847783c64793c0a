import type { GatewayMode } from '../server/gatewayMode';
import type { AuthConfig, AuthOptions } from './AuthConfig';
import { jwtSecretFromEnv, loadOrCreateJwtSecret } from './jwtSecret';

/**
 * Settles how tokens are verified, failing start-up with the fix when the configuration
 * is incomplete: a JWKS URL needs an issuer and an audience; production never creates a
 * secret of its own.
 */
export function resolveAuthConfig(options: AuthOptions = {}, mode: GatewayMode, env: NodeJS.ProcessEnv = process.env): AuthConfig {
  const jwksUrl = options.jwksUrl ?? (env.GOVGRAPH_JWKS_URL || undefined);
  const issuer = options.issuer ?? (env.GOVGRAPH_JWT_ISSUER || undefined);
  const audience = options.audience ?? (env.GOVGRAPH_JWT_AUDIENCE || undefined);
  if (jwksUrl) {
    const missing = [!issuer && 'GOVGRAPH_JWT_ISSUER', !audience && 'GOVGRAPH_JWT_AUDIENCE'].filter(Boolean);
    if (missing.length) {
      throw new Error(`GOVGRAPH_JWKS_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: set the issuer and audience your identity provider puts in its tokens`);
    }
    try {
      new URL(jwksUrl);
    } catch {
      throw new Error(`GOVGRAPH_JWKS_URL is not a URL: set it to the identity provider's JWKS endpoint (https://…/.well-known/jwks.json)`);
    }
    return { kind: 'jwks', jwksUrl, issuer: issuer as string, audience: audience as string };
  }
  const secret = options.secret ?? jwtSecretFromEnv(env);
  if (secret) return { kind: 'secret', secret, issuer, audience };
  if (mode === 'production') {
    throw new Error('In production the gateway needs GOVGRAPH_JWKS_URL (with GOVGRAPH_JWT_ISSUER and GOVGRAPH_JWT_AUDIENCE) or GOVGRAPH_JWT_SECRET; it does not create a development secret');
  }
  return { kind: 'secret', secret: loadOrCreateJwtSecret(undefined, env), issuer, audience };
}
