import type { Request, RequestHandler, Response } from 'express';
import { GraphQLError } from 'graphql';
import { decodeJwt } from 'jose';
import type { Logger } from 'pino';
import { CODES, requestError } from '../../schema/contracts/errorCodes';
import { bearerTokenOf } from '../authenticate/bearerTokenOf';
import { CASE_ID_HEADER } from '../authenticate/caseIdOf';
import { PURPOSE_HEADER } from '../authenticate/purposeOf';
import type { EventsConfig } from '../config';
import type { CreateContext } from '../request';
import { EventStream } from './EventStream';
import type { HeadPoller, HeadPollerHealth } from './HeadPoller';
import type { QueryUpdates } from './queryUpdates';
import { StreamLimits } from './streamLimits';
import { EVENT_SCOPES, type EventScope } from './updatesOperations';

/** Where the gateway serves the stream. */
export const EVENTS_PATH = '/events';

/** A cursor is opaque, but printable ASCII without spaces, and short. */
const CURSOR = /^[\x21-\x7e]{1,256}$/;

export interface EventsRouteOptions {
  /**
   * Stages 1 and 2 for the stream's own request, as for /graphql: the token verified, the
   * purpose and case checked, the rate limits counted, refusals audited.
   */
  context: CreateContext;
  queryUpdates: QueryUpdates;
  head: HeadPoller;
  config: EventsConfig;
  log: Logger;
}

export interface EventsHealth extends HeadPollerHealth {
  /** Streams open on this instance. */
  streams: number;
}

export interface EventsRoute {
  handler: RequestHandler;
  health(): EventsHealth;
  /** Ends every open stream (`end` event, reason `shutdown`) and stops following the head. */
  close(): void;
}

/**
 * `GET /events`: the application updates of the signed-in reader as server-sent events. The
 * token comes in the `Authorization` header and nowhere else (never in the URL, where logs and
 * browser history keep it): clients read the stream with fetch, or an EventSource that sends
 * headers. `?scope=mine` follows the reader's own applications (the default for a `citizen`),
 * `?scope=department` the cases of their department (the default for staff); `Last-Event-ID`
 * (else `?after=`) resumes after that update. Refused before the stream opens, with the JSON
 * body /graphql uses: no token or a refused one (401 UNAUTHENTICATED), an undeclared purpose or
 * a bad scope or cursor (400 BAD_USER_INPUT), the rate limits (429 RATE_LIMITED), too many
 * streams for the reader or the instance (429 TOO_MANY_STREAMS).
 */
export function eventsRoute({ context, queryUpdates, head, config, log }: EventsRouteOptions): EventsRoute {
  const limits = new StreamLimits(config.maxStreamsPerReader, config.maxStreams);
  const open = new Set<EventStream>();
  let closed = false;

  const handler: RequestHandler = async (req: Request, res: Response) => {
    let reader;
    try {
      ({ reader } = await context({ req, res }));
    } catch (error) {
      if (error instanceof GraphQLError && typeof error.extensions.code === 'string') return refuse(res, error);
      throw error;
    }
    const identity = reader.identity;
    if (!identity) {
      return refuse(
        res,
        requestError(CODES.UNAUTHENTICATED, 'The event stream is for a signed-in reader: send Authorization: Bearer <token> (a token in the URL is never accepted).', {
          reason: 'missing',
        }),
        401,
        { 'www-authenticate': 'Bearer' },
      );
    }
    const scope = scopeOf(req.query.scope, identity.roles);
    if (scope === null) return refuse(res, requestError(CODES.BAD_USER_INPUT, `scope must be one of ${EVENT_SCOPES.join(', ')}`, { argument: 'scope' }), 400);
    const after = cursorOf(req.get('last-event-id'), req.query.after);
    if (after === undefined) {
      return refuse(res, requestError(CODES.BAD_USER_INPUT, 'Last-Event-ID (or ?after=) must be a cursor the stream sent as an event id', { argument: 'after' }), 400);
    }
    // The client went away while its token was checked: nothing to open.
    if (!res.socket || res.socket.destroyed) return;
    const refusedBy = limits.take(identity.sub);
    if (refusedBy) {
      const message =
        refusedBy === 'reader'
          ? `This reader already holds ${limits.max('reader')} event streams on this gateway; close one first.`
          : 'The gateway holds as many event streams as it may; try again later.';
      return refuse(res, requestError(CODES.TOO_MANY_STREAMS, message, { limit: refusedBy, max: limits.max(refusedBy) }), 429);
    }
    const stream = new EventStream({
      res,
      scope,
      after,
      headers: forwardedHeaders(req),
      expiresAtMs: expiryOf(req.headers.authorization),
      queryUpdates,
      head,
      heartbeatMs: config.heartbeatMs,
      requestId: reader.requestId,
      log,
      onClose: () => {
        open.delete(stream);
        limits.release(identity.sub);
      },
    });
    open.add(stream);
    // A stream asked for while the gateway stops ends at once: the client opens it again elsewhere.
    stream.start({ follow: !closed });
    if (closed) stream.end('shutdown');
  };

  return {
    handler,
    health: () => ({ streams: limits.open, ...head.health() }),
    close() {
      closed = true;
      for (const stream of [...open]) stream.end('shutdown');
      head.close();
    },
  };
}

/** The scope asked for, else the reader's default (their own applications for a citizen); null when it is not a scope. */
function scopeOf(value: unknown, roles: readonly string[]): EventScope | null {
  if (value === undefined || value === '') return roles.includes('citizen') ? 'mine' : 'department';
  return typeof value === 'string' && (EVENT_SCOPES as readonly string[]).includes(value) ? (value as EventScope) : null;
}

/** `Last-Event-ID` (what a reconnecting client sends), else `?after=`; null for neither; undefined when not a cursor. */
function cursorOf(header: string | undefined, query: unknown): string | null | undefined {
  const value = header?.trim() || (query === undefined || query === '' ? null : query);
  if (value === null) return null;
  return typeof value === 'string' && CURSOR.test(value) ? value : undefined;
}

/** The headers each query carries: the reader's token, purpose and case, as they sent them. */
function forwardedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = { authorization: req.headers.authorization as string };
  for (const name of [PURPOSE_HEADER, CASE_ID_HEADER]) {
    const value = req.get(name);
    if (value) headers[name] = value;
  }
  return headers;
}

/** When the (verified) token expires, from its `exp`; null when it names none. */
function expiryOf(authorization: string | undefined): number | null {
  const token = bearerTokenOf(authorization);
  if (!token) return null;
  const { exp } = decodeJwt(token);
  return typeof exp === 'number' ? exp * 1000 : null;
}

/** A refusal before the stream opens: the status and headers the error carries (or those given), and the JSON body /graphql uses. */
function refuse(res: Response, error: GraphQLError, status?: number, headers: Record<string, string> = {}): void {
  const { http, ...extensions } = error.extensions as { http?: { status?: number; headers?: Iterable<[string, string]> } };
  for (const [name, value] of http?.headers ?? []) res.setHeader(name, value);
  for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
  res.setHeader('cache-control', 'no-store');
  res.status(status ?? http?.status ?? 400).json({ errors: [{ message: error.message, extensions }] });
}
