/**
 * Production mode, as the gateway and every department decide it: `NODE_ENV=production` or
 * `GOVGRAPH_MODE=production`. Anything else is development (generated secrets and keys,
 * policies that may be switched off).
 */
export function isProductionMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production' || env.GOVGRAPH_MODE === 'production';
}
