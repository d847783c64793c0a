import type { SubgraphEndpoint } from './subgraphsOfSupergraph';

export type SubgraphStatus = 'up' | 'down';

export interface HealthReport {
  /** `up`: every department answers; `degraded`: some do not; `down`: none does. */
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

/**
 * Asks every subgraph's `/health` at once, with the fetch the gateway reaches departments
 * with (mutual TLS when on); one that does not answer OK within `timeoutMs` is down.
 */
export async function checkSubgraphHealth(subgraphs: SubgraphEndpoint[], timeoutMs = 1000, fetchSubgraph: typeof fetch = fetch): Promise<HealthReport> {
  const statuses = await Promise.all(
    subgraphs.map(async ({ name, url }): Promise<[string, SubgraphStatus]> => {
      try {
        const response = await fetchSubgraph(healthUrlFor(url), { signal: AbortSignal.timeout(timeoutMs) });
        await response.body?.cancel();
        return [name, response.ok ? 'up' : 'down'];
      } catch {
        return [name, 'down'];
      }
    }),
  );
  const down = statuses.filter(([, status]) => status === 'down').length;
  const status = down === 0 && statuses.length > 0 ? 'up' : down < statuses.length ? 'degraded' : 'down';
  return { status, subgraphs: Object.fromEntries(statuses) };
}
