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
 * Asks every subgraph at once, with the fetch the gateway reaches departments with (mutual
 * TLS when on): its `/health` (govgraph's departments serve one), else, for a subgraph that
 * serves none (any other federation subgraph), its GraphQL endpoint with `{ __typename }`. One
 * that answers neither with 200 within `timeoutMs` is down.
 */
export async function checkSubgraphHealth(subgraphs: SubgraphEndpoint[], timeoutMs = 1000, fetchSubgraph: typeof fetch = fetch): Promise<HealthReport> {
  const answersOk = async (url: string, signal: AbortSignal, init: RequestInit = {}): Promise<boolean> => {
    const response = await fetchSubgraph(url, { ...init, signal });
    await response.body?.cancel();
    return response.ok;
  };
  const statuses = await Promise.all(
    subgraphs.map(async ({ name, url }): Promise<[string, SubgraphStatus]> => {
      const signal = AbortSignal.timeout(timeoutMs);
      try {
        if (await answersOk(healthUrlFor(url), signal)) return [name, 'up'];
        const typename = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) };
        return [name, (await answersOk(url, signal, typename)) ? 'up' : 'down'];
      } catch {
        return [name, 'down'];
      }
    }),
  );
  const down = statuses.filter(([, status]) => status === 'down').length;
  const status = down === 0 && statuses.length > 0 ? 'up' : down < statuses.length ? 'degraded' : 'down';
  return { status, subgraphs: Object.fromEntries(statuses) };
}
