import { z } from 'zod';
import { envNumber, positiveInt, type Env } from './envReaders';

/**
 * The `/events` stream of application updates (gateway/events): how often the instance asks the
 * service platform whether anything moved (one shared poll, whatever the number of streams), how
 * often an idle stream says it is alive, and how many streams a reader and the instance may hold.
 */
export const eventsConfig = z.object({
  /** How often the newest application update's number is asked for, while any stream is open. */
  pollMs: positiveInt.default(250),
  /** A comment line on an idle stream this often, so proxies and clients see it alive. */
  heartbeatMs: positiveInt.default(15_000),
  /** Streams one signed-in reader (token `sub`) may hold open on this instance at once. */
  maxStreamsPerReader: positiveInt.default(5),
  /** Streams this instance holds open at once, all readers together. */
  maxStreams: positiveInt.default(1000),
});

export type EventsConfig = z.infer<typeof eventsConfig>;

export const EVENTS_ENV = {
  pollMs: 'GOVGRAPH_EVENTS_POLL_MS',
  heartbeatMs: 'GOVGRAPH_EVENTS_HEARTBEAT_MS',
  maxStreamsPerReader: 'GOVGRAPH_EVENTS_MAX_PER_READER',
  maxStreams: 'GOVGRAPH_EVENTS_MAX_STREAMS',
} as const;

export function eventsFromEnv(env: Env): unknown {
  return {
    pollMs: envNumber(env, EVENTS_ENV.pollMs),
    heartbeatMs: envNumber(env, EVENTS_ENV.heartbeatMs),
    maxStreamsPerReader: envNumber(env, EVENTS_ENV.maxStreamsPerReader),
    maxStreams: envNumber(env, EVENTS_ENV.maxStreams),
  };
}
