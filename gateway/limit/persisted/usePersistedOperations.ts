import type { ApolloServerOptions, ApolloServerPlugin, BaseContext } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import type { Logger } from 'pino';
import type { OperationsConfig } from '../../config';
import { sharedRedis, type SharedRedis } from '../rate';
import { createOperationRegistry } from './createOperationRegistry';
import { fileOperationStore } from './fileOperationStore';
import { redisKeyValueCache } from './redisKeyValueCache';
import { redisOperationStore } from './redisOperationStore';
import { safelistCache } from './safelistCache';
import { safelistPlugin } from './safelistPlugin';

export interface PersistedOperationsOptions {
  /** Persisted queries and registered operations in this Redis, shared by every instance; null or absent: memory and a file. */
  redisUrl?: string | null;
  prefix: string;
  /** Where registered operations are kept without Redis (`operations.json`). */
  dataDir: string;
  log: Logger;
}

export interface PersistedOperations {
  /** Apollo Server's `persistedQueries` option. */
  persistedQueries: NonNullable<ApolloServerOptions<BaseContext>['persistedQueries']>;
  /** The safelist check in safelist mode; none in open mode. */
  plugins: ApolloServerPlugin<BaseContext>[];
  close(): Promise<void>;
}

/** Largest total size of the persisted queries one instance keeps in memory without Redis (Apollo's LRU, by text length). */
const MEMORY_CACHE_BYTES = 8 * 1024 * 1024;

/**
 * Persisted queries (stage 2): in `open` mode, automatic persisted queries in a store every
 * instance shares (Redis, else a bounded in-memory LRU); in `safelist` mode, only the
 * operations registered with `govgraph operations register` run, by hash or by text.
 */
export function usePersistedOperations(config: OperationsConfig, { redisUrl, prefix, dataDir, log }: PersistedOperationsOptions): PersistedOperations {
  const needsRedis = redisUrl && (config.mode === 'safelist' || config.persistedQueries);
  const redis: SharedRedis | undefined = needsRedis ? sharedRedis(redisUrl, { name: 'govgraph-operations', timeoutMs: config.storeTimeoutMs, log }) : undefined;
  const close = async () => redis?.close();

  if (config.mode === 'safelist') {
    const store = redis ? redisOperationStore(redis.client, prefix, redisUrl!) : fileOperationStore(dataDir);
    const registry = createOperationRegistry(store, { timeoutMs: config.storeTimeoutMs, log });
    const persistedQueries = config.persistedQueries ? { cache: safelistCache(registry), ttl: null } : false;
    return { persistedQueries, plugins: [safelistPlugin(registry)], close };
  }
  if (!config.persistedQueries) return { persistedQueries: false, plugins: [], close };
  const cache = redis
    ? redisKeyValueCache(redis, { prefix, timeoutMs: config.storeTimeoutMs, defaultTtlSeconds: config.persistedQueryTtlSeconds, log })
    : new InMemoryLRUCache<string>({ maxSize: MEMORY_CACHE_BYTES });
  return { persistedQueries: { cache, ttl: config.persistedQueryTtlSeconds }, plugins: [], close };
}
