import type { Logger } from 'pino';
import { redisAttempts, sharedRedis } from '../limit/rate';
import type { Generations } from './CachedAnswer';
import type { ResponseCacheStore } from './ResponseCacheStore';

/** An entry is a hash: `g`, the departments' generations it was computed at (JSON), and `v`, the answer. */
const READ = `
local g = redis.call('HGET', KEYS[1], 'g')
if not g then return false end
for department, generation in pairs(cjson.decode(g)) do
  if tonumber(redis.call('GET', ARGV[1] .. department) or '0') ~= generation then return false end
end
return redis.call('HGET', KEYS[1], 'v')
`;

const WRITE = `
redis.call('HSET', KEYS[1], 'g', ARGV[1], 'v', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
`;

export interface RedisResponseCacheStoreOptions {
  url: string;
  /** `GOVGRAPH_REDIS_PREFIX`: entries under `<prefix>cache:answer:`, generations under `<prefix>cache:generation:`. */
  prefix: string;
  timeoutMs: number;
  log: Logger;
}

/**
 * The cache in Redis, shared by every gateway instance: an answer one instance kept is served by
 * all, and a write through any of them makes stale, on all, every answer holding the written
 * department's records (a generation per department, checked in the same script that reads
 * the entry). Redis down or slow reads as a miss and skips the keeping: requests run as if
 * there were no cache. A write notice that cannot reach Redis is retried every second, and
 * until it gets through this instance neither reads nor keeps answers (others could still serve
 * an answer the write made stale until it expires: the department's `cache:` bounds that).
 */
export function redisResponseCacheStore({ url, prefix, timeoutMs, log }: RedisResponseCacheStoreOptions): ResponseCacheStore {
  const redis = sharedRedis(url, { name: 'govgraph-response-cache', timeoutMs, log });
  const answerKey = (key: string): string => `${prefix}cache:answer:${key}`;
  const generationPrefix = `${prefix}cache:generation:`;
  const unsent = new Set<string>();
  let retry: NodeJS.Timeout | undefined;

  const attempt = redisAttempts(redis, { store: 'response cache', timeoutMs, log });
  const sendWriteNotices = async (): Promise<boolean> => {
    const departments = [...unsent];
    const sent = await attempt(
      'write notice',
      async () => {
        const pipeline = redis.client.pipeline();
        for (const department of departments) pipeline.incr(generationPrefix + department);
        const results = (await pipeline.exec()) ?? [];
        return results.length === departments.length && results.every(([error]) => error === null);
      },
      false,
    );
    if (sent) for (const department of departments) unsent.delete(department);
    return sent;
  };
  const retryWriteNotices = (): void => {
    if (retry) return;
    log.warn({ departments: [...unsent] }, 'the response cache could not be told of a write; this instance bypasses it until it can');
    retry = setInterval(() => {
      void sendWriteNotices().then((sent) => {
        if (!sent || unsent.size > 0) return;
        clearInterval(retry);
        retry = undefined;
        log.info('the response cache knows of every write again');
      });
    }, 1000);
    retry.unref();
  };

  return {
    kind: 'redis',
    read(key) {
      if (unsent.size > 0) return Promise.resolve(undefined);
      return attempt('read', async () => ((await redis.client.eval(READ, 1, answerKey(key), generationPrefix)) as string | null) ?? undefined, undefined);
    },
    generations(departments) {
      return attempt(
        'generations read',
        async () => {
          const values = departments.length ? await redis.client.mget(departments.map((department) => generationPrefix + department)) : [];
          return Object.fromEntries(departments.map((department, i) => [department, Number(values[i] ?? 0)])) as Generations;
        },
        // Generations that match nothing: what is kept with them is never read.
        Object.fromEntries(departments.map((department) => [department, -1])) as Generations,
      );
    },
    async write(key, value, generations, ttlSeconds) {
      if (unsent.size > 0) return;
      await attempt('write', () => redis.client.eval(WRITE, 1, answerKey(key), JSON.stringify(generations), value, String(ttlSeconds * 1000)), undefined);
    },
    async invalidate(departments) {
      for (const department of departments) unsent.add(department);
      if (!(await sendWriteNotices())) retryWriteNotices();
    },
    async close() {
      clearInterval(retry);
      await redis.close();
    },
  };
}
