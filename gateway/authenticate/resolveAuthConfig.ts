import type { AuthSettings, GatewayConfig } from '../config';
import type { AuthConfig, AuthOptions } from './AuthConfig';
import { jwtSecretFile, loadOrCreateJwtSecret } from './jwtSecret';

/**
 * Settles how tokens are verified, from the options given in code over the configuration's
 * `auth` settings, failing start-up with the fix when they are incomplete: a JWKS URL needs
 * an issuer and an audience; production never creates a secret of its own.
 */
export function resolveAuthConfig(options: AuthOptions = {}, config: Pick<GatewayConfig, 'mode' | 'dataDir'> & { auth: AuthSettings }): AuthConfig {
  const jwksUrl = options.jwksUrl ?? config.auth.jwksUrl;
  const issuer = options.issuer ?? config.auth.issuer;
  const audience = options.audience ?? config.auth.audience;
  if (jwksUrl) {
    const missing = [!issuer && 'GOVGRAPH_JWT_ISSUER', !audience && 'GOVGRAPH_JWT_AUDIENCE'].filter(Boolean);
    if (missing.length) {
      throw new Error(
        `GOVGRAPH_JWKS_URL is set but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not: set the issuer and audience your identity provider puts in its tokens`,
      );
    }
    try {
      new URL(jwksUrl);
    } catch {
      throw new Error(`GOVGRAPH_JWKS_URL is not a URL: set it to the identity provider's JWKS endpoint (https://…/.well-known/jwks.json)`);
    }
    return { kind: 'jwks', jwksUrl, issuer: issuer as string, audience: audience as string };
  }
  const secret = options.secret ?? (config.auth.secret ? new TextEncoder().encode(config.auth.secret) : undefined);
  if (secret) return { kind: 'secret', secret, issuer, audience };
  if (config.mode === 'production') {
    throw new Error(
      'In production the gateway needs GOVGRAPH_JWKS_URL (with GOVGRAPH_JWT_ISSUER and GOVGRAPH_JWT_AUDIENCE) or GOVGRAPH_JWT_SECRET; it does not create a development secret',
    );
  }
  return { kind: 'secret', secret: loadOrCreateJwtSecret({ file: jwtSecretFile(config.dataDir), env: {}, create: true }), issuer, audience };
}
