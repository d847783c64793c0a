/** Below every stage of the request path: the reader, the per-request context and slots. Stages import this, never `server/`. */
export { anonymousReader, type Reader } from './Reader';
export type { RequestContext } from './RequestContext';
export { REQUEST_ID_HEADER } from './requestIdHeader';
export { createRequestSlot, type RequestSlot } from './requestSlot';
