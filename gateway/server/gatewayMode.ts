import { isProductionMode } from '../../schema/productionMode';

export type GatewayMode = 'development' | 'production';

/** The gateway's mode: production as every department decides it (`isProductionMode`), else development. */
export function gatewayModeOf(env: NodeJS.ProcessEnv = process.env): GatewayMode {
  return isProductionMode(env) ? 'production' : 'development';
}
