import type { Logger } from 'pino';
import type { SharedRedis } from './sharedRedis';
import { withDeadline } from './withDeadline';

/** A Redis command that answers `otherwise` when Redis is down or slow, so the caller goes on as if nothing were stored. */
export type RedisAttempt = <T>(what: string, command: () => Promise<T>, otherwise: T) => Promise<T>;

/**
 * Commands for a store that may miss (persisted queries, the response cache): each waits for
 * the first connection and at most `timeoutMs`, and a failure is logged at debug as
 * `<store> <what> failed; treated as a miss` and answered with the caller's `otherwise`.
 */
export function redisAttempts(redis: SharedRedis, { store, timeoutMs, log }: { store: string; timeoutMs: number; log: Logger }): RedisAttempt {
  return async (what, command, otherwise) => {
    try {
      return await withDeadline(redis.firstConnection().then(command), timeoutMs);
    } catch (error) {
      log.debug({ err: (error as Error).message }, `${store} ${what} failed; treated as a miss`);
      return otherwise;
    }
  };
}
