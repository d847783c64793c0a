import type { Load } from './loadRun';

/** What a section that starts gateways of its own over the running departments needs: where they run, and the query it sends them. */
export interface GatewayBenchInput {
  /** The environment its gateways start from (data directory, the bench readers' rate budgets; no REDIS_URL). */
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** The running departments its gateways send to. */
  subgraphUrls: Record<string, string>;
  name: string;
  query: string;
  variables: Record<string, unknown>;
  headers: Record<string, string>;
  load: Load;
}
