export type GatewayMode = 'development' | 'production';

/** Production mode: `NODE_ENV=production` or `GOVGRAPH_MODE=production`. Anything else is development. */
export function gatewayModeOf(env: NodeJS.ProcessEnv = process.env): GatewayMode {
  return env.NODE_ENV === 'production' || env.GOVGRAPH_MODE === 'production' ? 'production' : 'development';
}
