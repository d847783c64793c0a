import type Redis from 'ioredis';
import { describeRedisUrl } from '../../../policies';
import type { OperationStore } from './OperationStore';
import type { RegisteredOperation } from './RegisteredOperation';

/** The registered operations in one Redis hash, `<prefix>operations`: field = hash, value = the operation as JSON. */
export function redisOperationStore(redis: Redis, prefix: string, url: string): OperationStore {
  const key = `${prefix}operations`;
  return {
    description: `${describeRedisUrl(url)} (${key})`,
    async all() {
      const fields = await redis.hgetall(key);
      return Object.values(fields).map((value) => JSON.parse(value) as RegisteredOperation);
    },
    async register(operations, at) {
      const results = [];
      for (const operation of operations) {
        const candidate = { ...operation, registeredAt: at.toISOString() };
        // HSETNX: a second registration never rewrites the first (nor its date).
        const added = (await redis.hsetnx(key, operation.hash, JSON.stringify(candidate))) === 1;
        const stored = added ? candidate : (JSON.parse((await redis.hget(key, operation.hash)) ?? JSON.stringify(candidate)) as RegisteredOperation);
        results.push({ operation: stored, added });
      }
      return results;
    },
  };
}
