import type { LoadResult } from './loadRun';

/** The gateways `benchPublic` compares, in the order of its first round. */
export const PUBLIC_TARGETS = ['vanilla', 'govgraph'] as const;
export type PublicTarget = (typeof PUBLIC_TARGETS)[number];

/** One measured run of the public section: a gateway, in a round. */
export interface PublicRun extends LoadResult {
  target: PublicTarget;
  round: number;
  /** CPU ms per request of the gateway's process (null without /proc). */
  gatewayCpuMs: number | null;
  /** CPU ms per request of the subgraphs' process. */
  subgraphsCpuMs: number | null;
}
