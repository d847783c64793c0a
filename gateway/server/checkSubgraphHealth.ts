import { probeSubgraph } from './probeSubgraph';
import type { SubgraphEndpoint } from './subgraphsOfSupergraph';

/**
 * `up`: its health route, or else a GraphQL `{ __typename }`, is answered; `down`: no answer
 * in time, a 5xx, or an answer that is not what was asked for; `unknown`: it answers, but
 * refuses the GraphQL probe (a 4xx such as 401 for want of its own token, or errors without data).
 */
export type SubgraphStatus = 'up' | 'down' | 'unknown';

export interface HealthReport {
  /** `up`: no department is down (`unknown` ones included); `degraded`: some are down; `down`: all are. */
  status: 'up' | 'degraded' | 'down';
  subgraphs: Record<string, SubgraphStatus>;
}

/** A subgraph's health endpoint sits beside its GraphQL endpoint: `…/graphql` → `…/health`. */
export function healthUrlFor(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = `${url.pathname.replace(/\/graphql\/?$/, '').replace(/\/$/, '')}/health`;
  url.search = '';
  return url.toString();
}

/** What a `/health` request tells: the subgraph's state, or that it has no health route of its own. */
type HealthRouteAnswer = SubgraphStatus | 'no health route';

/**
 * A 2xx JSON body is a health route that answers; a 5xx a server in trouble. Any other answer
 * (404, or a 4xx or HTML page from a server that answers every path with GraphQL or its IDE)
 * means the subgraph has no health route of its own: a department not built on the kit.
 */
async function askHealthRoute({ url }: SubgraphEndpoint, signal: AbortSignal, fetchSubgraph: typeof fetch): Promise<HealthRouteAnswer> {
  const response = await fetchSubgraph(healthUrlFor(url), { signal });
  if (response.status >= 500) {
    await response.body?.cancel();
    return 'down';
  }
  if (!response.ok) {
    await response.body?.cancel();
    return 'no health route';
  }
  try {
    const body: unknown = JSON.parse(await response.text());
    return typeof body === 'object' && body !== null ? 'up' : 'no health route';
  } catch (error) {
    // The deadline passed while the body was read: no answer in time.
    if (signal.aborted) throw error;
    return 'no health route';
  }
}

async function statusOf(subgraph: SubgraphEndpoint, timeoutMs: number, fetchSubgraph: typeof fetch): Promise<SubgraphStatus> {
  // One deadline for both questions: a subgraph without a health route is not given twice as long.
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const answer = await askHealthRoute(subgraph, signal, fetchSubgraph);
    return answer === 'no health route' ? await probeSubgraph(subgraph.url, signal, fetchSubgraph) : answer;
  } catch {
    return 'down';
  }
}

/** `up` unless a department is down: one whose state is `unknown` does not degrade the graph. */
export function overallStatus(statuses: SubgraphStatus[]): HealthReport['status'] {
  const down = statuses.filter((status) => status === 'down').length;
  if (down === 0) return 'up';
  return down < statuses.length ? 'degraded' : 'down';
}

/**
 * Asks every subgraph's `/health` at once, with the fetch the gateway reaches departments
 * with (mutual TLS when on); a subgraph without a health route of its own is asked
 * `{ __typename }` over GraphQL instead. One that does not answer within `timeoutMs` is down.
 */
export async function checkSubgraphHealth(subgraphs: SubgraphEndpoint[], timeoutMs = 1000, fetchSubgraph: typeof fetch = fetch): Promise<HealthReport> {
  const statuses = await Promise.all(subgraphs.map(async (subgraph): Promise<[string, SubgraphStatus]> => [subgraph.name, await statusOf(subgraph, timeoutMs, fetchSubgraph)]));
  return { status: overallStatus(statuses.map(([, status]) => status)), subgraphs: Object.fromEntries(statuses) };
}
