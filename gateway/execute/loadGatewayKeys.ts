import { keysDir, loadOrCreateGatewayKeys, type GatewayKeys } from '../../schema/contracts/gatewayToken';
import type { GatewayConfig } from '../config';

/**
 * The keys the gateway signs department tokens with, as configured: `GOVGRAPH_GATEWAY_PRIVATE_JWK`
 * (with `GOVGRAPH_GATEWAY_PREVIOUS_PUBLIC_JWK` during a rollover), else the development files
 * under `<dataDir>/keys/`, created on first start except in production, where an absent key stops start-up.
 */
export function loadGatewayKeys(config: Pick<GatewayConfig, 'mode' | 'dataDir' | 'keys'>): Promise<GatewayKeys> {
  return loadOrCreateGatewayKeys({
    dir: keysDir(config.dataDir),
    privateJwk: config.keys.gatewayPrivateJwk,
    previousPublicJwks: config.keys.gatewayPreviousPublicJwks,
    create: config.mode !== 'production',
  });
}
