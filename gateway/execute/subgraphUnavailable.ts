import type { GraphQLError } from 'graphql';
import { CODES, requestError } from '../../schema/contracts/errorCodes';
import type { UnavailableReason } from './FetchOutcome';

const WHY: Record<UnavailableReason, string> = {
  timeout: 'did not answer in time',
  unavailable: 'did not answer',
  busy: 'is busy',
  refused: "refused the gateway's request",
  'circuit-open': 'is failing and is skipped for a while',
};

/**
 * The error a client sees for a department's missing fields: which department and why,
 * never its URL or the low-level cause (the gateway log keeps those).
 */
export function subgraphUnavailable(department: string, reason: UnavailableReason): GraphQLError {
  return requestError(CODES.SUBGRAPH_UNAVAILABLE, `Department ${department} ${WHY[reason]}; its fields are missing from this result.`, { department, reason });
}

/** The reason a SUBGRAPH_UNAVAILABLE error carries; undefined for any other error. */
export function unavailableReasonOf(error: unknown): UnavailableReason | undefined {
  const extensions = (error as GraphQLError | undefined)?.extensions;
  if (extensions?.code !== CODES.SUBGRAPH_UNAVAILABLE) return undefined;
  return typeof extensions.reason === 'string' && extensions.reason in WHY ? (extensions.reason as UnavailableReason) : undefined;
}
