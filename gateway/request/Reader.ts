import type { Identity } from '../../policies/engine/types';

/**
 * Who is reading, for what, in which case, in which request: established once from the
 * HTTP request (stage 1), decided on (stage 3), carried to each department in the gateway
 * token, and recorded (stage 5). Immutable: no stage changes another's reader.
 */
export interface Reader {
  /** Generated per request by the gateway; returned as `x-request-id` and held by the audit ledger. */
  readonly requestId: string;
  /** From a verified bearer token; null for an anonymous reader (no token). */
  readonly identity: Identity | null;
  /** The declared purpose of use (`X-Purpose`), one of the policies' purposes; null when none. */
  readonly purpose: string | null;
  /** The service case the request is bound to (`X-Case-Id`); null when none. */
  readonly caseId: string | null;
}

/** A reader with nothing established yet (a hand-built context, a request refused before authentication). */
export function anonymousReader(requestId: string): Reader {
  return { requestId, identity: null, purpose: null, caseId: null };
}
