/** Stage 4 of the request path: each department fetch, signed, under a timeout, through the department's breaker. */
export { DepartmentBreakers, type BreakerSettings } from './DepartmentBreakers';
export type { BreakerState, FetchListener, FetchOutcome, UnavailableReason } from './FetchOutcome';
export { SubgraphDataSource, type SubgraphDataSourceOptions } from './SubgraphDataSource';
export { subgraphUnavailable } from './subgraphUnavailable';
export { createDisclosureReplayer, type DisclosureReplayOptions } from './replayDisclosures';
