/**
 * How one fetch to a department ended, for its breaker, the client and the metrics:
 *   ok            it answered (its answer may still hold errors of its own: those are answers too);
 *   timeout       no answer within the timeout;
 *   unavailable   no connection, a 5xx, a body that is not a GraphQL response;
 *   busy          refused for want of capacity (503 `DEPARTMENT_BUSY`, 429);
 *   refused       another 4xx: the department's own answer about the request, e.g. 401 for a
 *                 gateway token it does not accept: it is up, so this is not an outage;
 *   circuit-open  not sent: the department failed repeatedly and is skipped for a cool-down.
 */
export type FetchOutcome = 'ok' | 'timeout' | 'unavailable' | 'busy' | 'refused' | 'circuit-open';

/** Why a department's fields are missing: `extensions.reason` of SUBGRAPH_UNAVAILABLE. */
export type UnavailableReason = Exclude<FetchOutcome, 'ok'>;

/**
 * The failures that count against a department's breaker: signs that it is down or
 * overloaded. A 4xx does not count: the department answered, and a caller who can provoke
 * one (an oversized entity batch, say) must not be able to switch a department off for everyone.
 */
export function isOutage(reason: UnavailableReason): boolean {
  return reason === 'timeout' || reason === 'unavailable' || reason === 'busy';
}

/** `breakerStates()`: closed (fetches go through), open (skipped), half-open (one probe in flight). */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** Called once per fetch to a department that a client request caused, however it ended. */
export type FetchListener = (department: string, ms: number, outcome: FetchOutcome) => void;
