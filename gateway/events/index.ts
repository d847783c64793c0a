/**
 * Beside the request path: `GET /events`, the application updates of the signed-in reader as
 * server-sent events. Each page of updates is one query through the gateway's own /graphql (so
 * every stage applies to it: authenticate, limit, decide, execute, audit); one shared poll of the
 * service platform's head tells the streams when to ask.
 */
export { EVENTS_PATH, eventsRoute, type EventsHealth, type EventsRoute, type EventsRouteOptions } from './eventsRoute';
export { END_EVENT, EventStream, UPDATE_EVENT, type EndReason, type EventStreamOptions } from './EventStream';
export { createHeadPoller, type HeadPoller, type HeadPollerHealth, type HeadPollerOptions } from './HeadPoller';
export { createUpdatesQuery, type ApplicationUpdate, type QueryUpdates, type QueryUpdatesOptions, type UpdatesAnswer } from './queryUpdates';
export { commentFrame, eventFrame, namedFrame } from './sseFrames';
export { StreamLimits, type StreamLimit } from './streamLimits';
export { EVENT_SCOPES, UPDATES_OPERATIONS, UPDATES_OPERATIONS_FILE, type EventScope, type UpdatesOperation } from './updatesOperations';
export { loopbackGraphqlUrl } from './loopbackGraphqlUrl';
