/** Production mode: `NODE_ENV=production` or `GOVGRAPH_MODE=production` (as the gateway decides it). Anything else is development. */
export function isProductionMode(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.NODE_ENV === 'production' || env.GOVGRAPH_MODE === 'production';
}
