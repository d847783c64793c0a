import Redis from 'ioredis';
import type { Logger } from 'pino';
import { followStreamGroup, OUTCOMES_GROUP, publishWriteBack, writeBackStreamKeys, type SealedWriteBack, type StreamEntry } from '../../../schema/contracts/writeBack';
import type { OutcomeHandler, WriteBackDelivery, WriteBackPublisher } from './WriteBackPublisher';

export interface RedisWriteBackPublisherOptions {
  redisUrl: string;
  /** Key prefix of the streams (`GOVGRAPH_REDIS_PREFIX`, default `govgraph:`). */
  prefix?: string;
  /** This process's name in the outcomes group (unique per process). */
  consumer: string;
  /** Each outcome read from the outcomes stream; a throw leaves the entry to be read again. */
  onOutcome: OutcomeHandler;
  log: Logger;
  /** How long a publication may take before it counts as failed (default 5 s). */
  timeoutMs?: number;
  /** How long a read of the outcomes stream blocks (default 1 s): also how soon `close` returns. */
  blockMs?: number;
  /** An outcome entry another (stopped) reader left pending this long is taken over (default 5 s). */
  claimIdleMs?: number;
}

/**
 * Redis Streams with consumer groups: each sealed event is appended to its department's
 * stream (the department's group reads it), and the outcomes stream is followed in the
 * `services` group, at least once. A delivery resolves `published`; the outcome comes
 * through `onOutcome`.
 */
export function redisWriteBackPublisher(options: RedisWriteBackPublisherOptions): WriteBackPublisher {
  const { log } = options;
  const keys = writeBackStreamKeys(options.prefix);
  const timeoutMs = options.timeoutMs ?? 5000;
  // Commands wait for a reconnection at most once: a publication that cannot be made fails, and is retried by the relay.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  let problem: string | null = null;
  redis.on('error', (error: Error) => {
    problem = `Redis: ${error.message}`;
  });
  redis.on('ready', () => {
    problem = null;
  });
  const follow = followStreamGroup({
    redis,
    stream: keys.outcomes,
    group: OUTCOMES_GROUP,
    consumer: options.consumer,
    log,
    blockMs: options.blockMs,
    claimIdleMs: options.claimIdleMs,
    async handle(entry: StreamEntry) {
      let outcome: unknown;
      try {
        outcome = JSON.parse(entry.fields.outcome ?? '');
      } catch {
        log.warn({ stream: keys.outcomes, entry: entry.id }, 'an entry of the outcomes stream holds no outcome; skipped');
        return;
      }
      await options.onOutcome(outcome);
    },
    async giveUp(entry: StreamEntry, deliveries: number) {
      log.error({ stream: keys.outcomes, entry: entry.id, deliveries }, 'an outcome could not be recorded after repeated tries; the relay publishes its event again until one is');
    },
  });

  return {
    transport: 'redis',
    lastError: () => follow.lastError() ?? problem,
    async deliver(sealed: SealedWriteBack): Promise<WriteBackDelivery> {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          publishWriteBack(redis, keys, sealed),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`Redis did not take the event within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
      } catch (error) {
        throw new Error(`publishing to ${keys.events(sealed.department)} failed: ${(error as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
      return { kind: 'published' };
    },
    async close() {
      await follow.close();
      redis.disconnect();
    },
  };
}
