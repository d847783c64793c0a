/** The gateway server: assembles the stages of the request path into one HTTP service. */
export { startGateway, type RunningGateway, type StartGatewayOptions } from './startGateway';
export { SubgraphDataSource } from '../execute';
export { gatewayPlugins } from './plugins';
export type { HealthReport } from './checkSubgraphHealth';
export type { ReadinessReport } from './readiness';
