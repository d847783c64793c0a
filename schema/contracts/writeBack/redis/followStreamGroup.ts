import type Redis from 'ioredis';
import type { Logger } from 'pino';

/** An entry as a stream holds it: its id and its fields, by name. */
export interface StreamEntry {
  id: string;
  fields: Record<string, string>;
}

export interface FollowStreamGroupOptions {
  /** A connection to copy: the group is read on a connection of its own, since a blocking read holds it. */
  redis: Redis;
  stream: string;
  group: string;
  /** This reader's name in the group (unique per process: a restarted one takes over what the last left pending). */
  consumer: string;
  /** Handles one entry; resolving acknowledges it, throwing leaves it pending to be delivered again. */
  handle(entry: StreamEntry): Promise<void>;
  /** Told when an entry failed `maxDeliveries` times; it is then acknowledged (dropped from the group). */
  giveUp(entry: StreamEntry, deliveries: number): Promise<void>;
  log: Logger;
  /** Entries read at a time (default 50). */
  count?: number;
  /** How long a read waits for new entries (default 1 s): also how soon `close` returns. */
  blockMs?: number;
  /** An entry left pending this long (its reader stopped or failed) is taken over (default 5 s). */
  claimIdleMs?: number;
  /** Deliveries after which an entry is given up (default 10). */
  maxDeliveries?: number;
}

export interface StreamGroupFollow {
  /** The last error reading the stream (Redis down), null once a read succeeds again. */
  lastError(): string | null;
  close(): Promise<void>;
}

type RawEntry = [id: string, fields: string[]];

function entryOf([id, flat]: RawEntry): StreamEntry {
  const fields: Record<string, string> = {};
  for (let i = 0; i + 1 < (flat?.length ?? 0); i += 2) fields[flat[i]] = flat[i + 1];
  return { id, fields };
}

/**
 * Reads a Redis stream as one consumer of a group, at least once: an entry is acknowledged only
 * after `handle` resolved, so one whose reader stopped mid-batch stays pending and is taken over
 * (XAUTOCLAIM) once idle for `claimIdleMs`. The group is created when missing, again after a
 * Redis that lost it restarts. Redis down: the error is kept for health and the read retried.
 */
export function followStreamGroup(options: FollowStreamGroupOptions): StreamGroupFollow {
  const { stream, group, consumer, log } = options;
  const count = options.count ?? 50;
  const blockMs = options.blockMs ?? 1000;
  const claimIdleMs = options.claimIdleMs ?? 5000;
  const maxDeliveries = options.maxDeliveries ?? 10;
  const reader = options.redis.duplicate();
  // Failures surface as failed reads (kept for health); without a listener ioredis prints them.
  reader.on('error', () => undefined);
  let stopped = false;
  let problem: string | null = null;
  let groupReady = false;
  let lastClaim = 0;

  const ensureGroup = async (): Promise<void> => {
    try {
      await reader.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
    groupReady = true;
  };

  const deliveriesOf = async (id: string): Promise<number> => {
    const pending = (await reader.xpending(stream, group, id, id, 1)) as [string, string, number, number][];
    return pending[0]?.[3] ?? 1;
  };

  const process = async (entry: StreamEntry, retried: boolean): Promise<void> => {
    if (retried) {
      const deliveries = await deliveriesOf(entry.id);
      if (deliveries > maxDeliveries) {
        await options.giveUp(entry, deliveries);
        await reader.xack(stream, group, entry.id);
        return;
      }
    }
    try {
      await options.handle(entry);
    } catch (error) {
      log.warn({ stream, entry: entry.id, err: (error as Error).message }, 'stream entry not handled; it stays pending and is delivered again');
      return;
    }
    await reader.xack(stream, group, entry.id);
  };

  const round = async (): Promise<void> => {
    if (!groupReady) await ensureGroup();
    if (Date.now() - lastClaim >= Math.min(claimIdleMs, 1000)) {
      lastClaim = Date.now();
      const [, claimed] = (await reader.xautoclaim(stream, group, consumer, claimIdleMs, '0-0', 'COUNT', count)) as [string, RawEntry[]];
      for (const raw of claimed ?? []) {
        // Closing: what is left stays pending, for another reader to take over.
        if (stopped) return;
        // An entry deleted from the stream while pending comes back without fields.
        if (raw?.[1]) await process(entryOf(raw), true);
        else if (raw) await reader.xack(stream, group, raw[0]);
      }
    }
    if (stopped) return;
    const read = (await reader.xreadgroup('GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', stream, '>')) as [string, RawEntry[]][] | null;
    for (const raw of read?.[0]?.[1] ?? []) {
      if (stopped) return;
      await process(entryOf(raw), false);
    }
  };

  const loop = (async () => {
    while (!stopped) {
      try {
        await round();
        problem = null;
      } catch (error) {
        if (stopped) break;
        const message = (error as Error).message;
        if (message.includes('NOGROUP')) groupReady = false;
        if (problem !== message) log.warn({ stream, err: message }, 'reading a write-back stream failed; retrying');
        problem = message;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  })();

  return {
    lastError: () => problem,
    async close() {
      stopped = true;
      // The entry being handled is finished (and acknowledged), the rest of the batch left
      // pending; a blocking read ends within blockMs. Only a read that does not (Redis silent)
      // has its connection cut, so that close returns.
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([loop.then(() => true), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), blockMs + 500)))]);
      clearTimeout(timer);
      reader.disconnect();
      if (!ended) await loop;
    },
  };
}
