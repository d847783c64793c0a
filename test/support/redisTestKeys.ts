import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';

/** A key prefix no other test process uses: `govgraph-test:<name>:<pid>:<random>:`. */
export function uniqueRedisPrefix(name: string): string {
  return `govgraph-test:${name}:${process.pid}:${randomBytes(4).toString('hex')}:`;
}

/** Deletes every key under `prefix` (what a test file created). */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
