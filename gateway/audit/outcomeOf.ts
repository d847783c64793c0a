import type { GraphQLResponse } from '@apollo/server';
import type { AuditOutcome } from './AuditRecord';
import { CODES } from '../../schema/contracts/errorCodes';

/** How a GraphQL response ended, as the record keeps it (see AuditOutcome). Codes are the ones the client saw, sorted, without repeats. */
export function outcomeOf(response: GraphQLResponse): AuditOutcome {
  const result = response.body.kind === 'single' ? response.body.singleResult : response.body.initialResult;
  const status = response.http.status ?? 200;
  const codes = [...new Set((result.errors ?? []).map((error) => String(error.extensions?.code ?? CODES.INTERNAL_SERVER_ERROR)))].sort();
  // No `data` at all: the request was refused before execution (GraphQL spec, "Response").
  if (status >= 400 || result.data === undefined) return { kind: 'rejected', status, codes };
  return codes.length ? { kind: 'errors', codes } : { kind: 'ok' };
}
