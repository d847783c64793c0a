import { z } from 'zod';
import type { Env } from './envReaders';

/**
 * The keys the gateway signs department tokens with (see docs/department-token.md): the current
 * private JWK, which signs, and the public keys published beside it in its JWKS during a
 * rollover. Unset: the development files under `<dataDir>/keys/`, created on first start
 * except in production. Checked, without ever repeating a key, when they are loaded.
 */
export const keysConfig = z.object({
  gatewayPrivateJwk: z.string().min(1).optional(),
  gatewayPreviousPublicJwks: z.string().min(1).optional(),
});

export type KeysConfig = z.infer<typeof keysConfig>;

export const KEYS_ENV = {
  gatewayPrivateJwk: 'GOVGRAPH_GATEWAY_PRIVATE_JWK',
  gatewayPreviousPublicJwks: 'GOVGRAPH_GATEWAY_PREVIOUS_PUBLIC_JWK',
} as const;

export function keysFromEnv(env: Env): unknown {
  // Not trimmed: a key is used exactly as given (JSON tolerates the whitespace).
  return { gatewayPrivateJwk: env[KEYS_ENV.gatewayPrivateJwk] || undefined, gatewayPreviousPublicJwks: env[KEYS_ENV.gatewayPreviousPublicJwks] || undefined };
}
