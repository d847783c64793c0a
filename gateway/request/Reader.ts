/**
 * The one reader type, from the policy engine that decides on it: `RequestReader` is the
 * reader of a served request (request id, identity, purpose, case), built once by stage 1,
 * immutable after, and carried to each department in the gateway token.
 */
export type { Reader, RequestReader } from '../../policies';
import type { RequestReader } from '../../policies';

/** A reader with nothing established (a hand-built context, a request refused before authentication). */
export function anonymousReader(requestId: string): RequestReader {
  return { requestId, identity: null, purpose: null, caseId: null };
}
