import { Agent, fetch as undiciFetch } from 'undici';
import { departmentRequest, type DepartmentRequest } from './departmentRequest';
import type { TlsMaterial } from '../../schema/contracts/tls';

/** How the gateway reaches departments: GraphQL fetches and health checks alike. */
export interface SubgraphFetcher {
  fetch: typeof fetch;
  /** The GraphQL fetches to departments (`departmentRequest`): the same connections, without fetch's overhead. */
  request: DepartmentRequest;
  /** Whether departments are reached over mutual TLS. */
  tls: boolean;
  /** Closes the connections it pools (with the gateway). */
  close(): Promise<void>;
}

function urlOf(input: Parameters<typeof fetch>[0]): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

/**
 * Node's own fetch over plain HTTP (`tls` null), or over mutual TLS: every connection
 * presents the gateway's client certificate and accepts only department certificates that
 * chain to the CA and name the host. undici's fetch is used with undici's own Agent (one
 * package, one version), rather than handing the Agent to Node's bundled fetch, whose
 * undici differs by Node release. With TLS on, a plain `http:` URL is refused, never sent.
 */
export function createSubgraphFetcher(tls: TlsMaterial | null): SubgraphFetcher {
  if (!tls) return { fetch: globalThis.fetch, request: departmentRequest(), tls: false, close: async () => {} };
  const agent = new Agent({ connect: { ca: tls.ca, cert: tls.cert, key: tls.key, minVersion: 'TLSv1.2' } });
  const secureFetch = (async (input, init) => {
    const url = urlOf(input);
    if (!url.startsWith('https:')) throw new Error(`Mutual TLS is on: refusing to reach ${url} over plain HTTP`);
    return undiciFetch(url, { ...(init as object), dispatcher: agent });
  }) as typeof fetch;
  const secureRequest = departmentRequest(agent);
  const request: DepartmentRequest = (url, init, timeoutMs) => {
    if (!url.startsWith('https:')) return Promise.reject(new Error(`Mutual TLS is on: refusing to reach ${url} over plain HTTP`));
    return secureRequest(url, init, timeoutMs);
  };
  return { fetch: secureFetch, request, tls: true, close: () => agent.close() };
}
