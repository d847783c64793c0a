import type { GraphQLResponse } from '@apollo/server';

/** `ok`: data, no errors; `errors`: data with some errors (a field withheld, a record not found); `rejected`: no data at all, or an HTTP error. */
export type ResponseOutcome = 'ok' | 'errors' | 'rejected';

/** How a GraphQL response ended, by the GraphQL spec's reading: no `data` means it was refused before execution. */
export function responseOutcomeOf(response: GraphQLResponse): ResponseOutcome {
  const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  if ((response.http.status ?? 200) >= 400 || result.data === undefined) return 'rejected';
  return result.errors?.length ? 'errors' : 'ok';
}
