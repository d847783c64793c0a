import type Redis from 'ioredis';
import type { Logger } from 'pino';
import { followStreamGroup, publishOutcome, sealedOfEntry, type StreamGroupFollow, type WriteBackStreamKeys } from '../../../schema/contracts/writeBack';
import type { WriteBackReceiver } from './createWriteBackReceiver';

export interface FollowWriteBackStreamOptions {
  redis: Redis;
  keys: WriteBackStreamKeys;
  department: string;
  /** This reader's name in the department's group. */
  consumer: string;
  receiver: WriteBackReceiver;
  log: Logger;
  claimIdleMs?: number;
  maxDeliveries?: number;
  blockMs?: number;
  /** Told the last failure to decide an entry (null once one is decided again), for `/health`. */
  noteError(message: string | null): void;
}

/**
 * The department's consumer of its events stream (`<prefix>write-backs:<department>`), in the
 * group named after it: each entry is decided, its outcome appended to the outcomes stream, then
 * acknowledged. A forgery is copied (entry id, department, why; never the payload) to the forged
 * stream and acknowledged; a failure to decide leaves the entry pending, to be delivered again,
 * until it is given up after `maxDeliveries` (the service platform delivers it again later and
 * in the end moves it to its dead letters).
 */
export function followWriteBackStream(options: FollowWriteBackStreamOptions): StreamGroupFollow {
  const { redis, keys, department, receiver, log } = options;
  return followStreamGroup({
    redis,
    stream: keys.events(department),
    group: department,
    consumer: options.consumer,
    log,
    claimIdleMs: options.claimIdleMs,
    maxDeliveries: options.maxDeliveries,
    blockMs: options.blockMs,
    async handle(entry) {
      let received;
      try {
        received = await receiver.receiveWriteBack(sealedOfEntry(department, entry.fields));
        options.noteError(null);
      } catch (error) {
        options.noteError((error as Error).message);
        throw error;
      }
      if (received.kind === 'forged') {
        log.warn({ department, entry: entry.id, reason: received.why }, 'write-back refused: not signed by the service platform for this department');
        await redis.xadd(keys.forged, '*', 'department', department, 'why', received.why, 'entry', entry.id);
        return;
      }
      await publishOutcome(redis, keys, received.outcome);
    },
    async giveUp(entry, deliveries) {
      log.warn({ department, entry: entry.id, deliveries }, 'write-back entry given up after repeated failures; the service platform delivers it again later');
    },
  });
}
