/** The gateway server: one graph over the department subgraphs. */
export { startGateway, type RunningGateway, type StartGatewayOptions } from './startGateway';
export type { GatewayContext } from './GatewayContext';
export { gatewayPlugins } from './plugins';
export type { HealthReport } from './checkSubgraphHealth';
