export interface GraphQLResponse<T = any> {
  status: number;
  body: { data?: T; errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[] };
}

/** POSTs a GraphQL request and returns the HTTP status and parsed body (with `fetchWith`, e.g. over mutual TLS). */
export async function graphqlRequest<T = any>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
  fetchWith: typeof fetch = fetch,
): Promise<GraphQLResponse<T>> {
  const response = await fetchWith(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<T>['body'] };
}
