import { CODES, requestError } from '../../schema/contracts/errorCodes';

/**
 * How a department reads another department's data: through the graph, never through
 * the other department's database.
 */
export interface GraphClient {
  /** `purpose`: the purpose of use the read declares (`X-Purpose`). */
  query<T = Record<string, unknown>>(document: string, variables?: Record<string, unknown>, options?: { purpose?: string }): Promise<T>;
}

export function createGraphClient(url: string, headers: () => Record<string, string> = () => ({})): GraphClient {
  return {
    async query<T>(document: string, variables: Record<string, unknown> = {}, options: { purpose?: string } = {}): Promise<T> {
      let body: { data?: T; errors?: { message: string }[] };
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers(), ...(options.purpose && { 'x-purpose': options.purpose }) },
          body: JSON.stringify({ query: document, variables }),
          signal: AbortSignal.timeout(10_000),
        });
        body = (await response.json()) as typeof body;
      } catch {
        throw requestError(CODES.SERVICE_UNAVAILABLE, `The graph at ${url} could not be reached to check this request; nothing was written.`);
      }
      if (body.errors?.length || !body.data) {
        throw requestError(CODES.SERVICE_UNAVAILABLE, `The graph could not answer a check this request needs (${body.errors?.[0]?.message ?? 'no data'}); nothing was written.`);
      }
      return body.data;
    },
  };
}
