/**
 * The service lifecycle the gateway and every department share: listen (over mutual TLS when
 * configured), `/health`, what a client sees of an internal error, and a graceful stop on
 * SIGTERM (requests in flight answered, then resources closed in order).
 */
export { startService, type Closer, type RunningService, type StartServiceOptions } from './startService';
export { healthRoute } from './healthRoute';
export { internalError } from './internalError';
export { terminationSignal, type TerminationEvent } from './terminationSignal';
export type { ServiceTls } from './ServiceTls';
