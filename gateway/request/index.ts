/**
 * Below every stage of the request path: the reader, the per-request context, the slots in
 * which one stage hands its result to a later one, and the request errors that set an HTTP
 * status. Stages import this, never `server/`.
 */
export { anonymousReader, type Reader, type RequestReader } from './Reader';
export type { CreateContext, RequestContext } from './RequestContext';
export { createRequestSlot, type RequestSlot } from './requestSlot';
export { POLICY_OUTCOME, type PolicyOutcome } from './policyOutcome';
export { httpRequestError, type HttpStatusOverride } from './httpRequestError';
export { assignRequestId, REQUEST_ID_HEADER } from './assignRequestId';
export { clientAddressOf } from './clientAddressOf';
