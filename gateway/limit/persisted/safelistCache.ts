import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { OperationRegistry } from './createOperationRegistry';

/** Apollo Server prefixes every key it asks its persisted-query cache for. */
const APQ_PREFIX = 'apq:';

/**
 * The persisted-query cache in safelist mode: a hash finds a registered operation's text, and
 * nothing a client sends is ever stored (registering is `govgraph operations register`'s
 * job). An unknown hash is a miss: Apollo answers PERSISTED_QUERY_NOT_FOUND.
 */
export function safelistCache(registry: OperationRegistry): KeyValueCache<string> {
  return {
    async get(key) {
      const hash = key.startsWith(APQ_PREFIX) ? key.slice(APQ_PREFIX.length) : key;
      return (await registry.byHash(hash))?.text;
    },
    async set() {},
    async delete() {
      return false;
    },
  };
}
