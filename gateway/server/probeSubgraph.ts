import type { SubgraphStatus } from './checkSubgraphHealth';

/** The smallest question every GraphQL server answers, whatever its schema. */
const PROBE = JSON.stringify({ query: '{ __typename }' });

/**
 * Asks a subgraph without a health route of its own `{ __typename }` at its GraphQL URL:
 * data → `up`; a 5xx or an answer that is not a GraphQL response → `down`; a 4xx (it
 * refuses the gateway's unsigned probe: its own answer, as a breaker counts it) or errors
 * without data → `unknown`. A fetch that fails or passes `signal`'s deadline throws.
 */
export async function probeSubgraph(graphqlUrl: string, signal: AbortSignal, fetchSubgraph: typeof fetch): Promise<SubgraphStatus> {
  const response = await fetchSubgraph(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
    body: PROBE,
    signal,
  });
  if (response.status >= 500) {
    await response.body?.cancel();
    return 'down';
  }
  if (response.status >= 400) {
    await response.body?.cancel();
    return 'unknown';
  }
  let body: { data?: { __typename?: unknown } | null; errors?: unknown };
  try {
    body = JSON.parse(await response.text());
  } catch (error) {
    if (signal.aborted) throw error;
    return 'down';
  }
  if (typeof body?.data?.__typename === 'string') return 'up';
  return Array.isArray(body?.errors) ? 'unknown' : 'down';
}
