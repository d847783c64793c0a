import type { JWK } from 'jose';
import type { KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';
import { loadPolicyPublicKey, type PolicyPublicKey } from './policySigningKeys';
import { DEFAULT_POLICY_STORE_PREFIX } from './RedisPolicyStore';

/** Follow the policies published in Redis (`govgraph policy publish`) instead of watching the policy directory. */
export interface PolicyStoreOption {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  redisUrl: string;
  /** Defaults to `govgraph:`; publisher and instances must agree on it. */
  prefix?: string;
  /**
   * The policy publisher's public key, which every published bundle must be signed with;
   * defaults to `GOVGRAPH_POLICY_PUBLIC_JWK` of `env`, else `<keysDir>/policy-signing.public.jwk.json`.
   */
  publicKey?: JWK;
  /** Where the development public key file is looked for; defaults to `<GOVGRAPH_DATA_DIR of env, or .data>/keys`. */
  keysDir?: string;
  /** The environment `GOVGRAPH_POLICY_PUBLIC_JWK` is read from (`policyStoreFromEnv` gives its own); none: `publicKey` and the file only. */
  env?: KeyEnv;
}

/** Refuses a store that cannot be one (misconfiguration stops start-up); returns the prefix to use. */
export function checkPolicyStoreOption(store: PolicyStoreOption): string {
  let url: URL;
  try {
    url = new URL(store.redisUrl);
  } catch {
    throw new Error('The policy store URL is not a URL: give REDIS_URL as redis://host:6379 (or rediss:// for TLS)');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`The policy store URL must start with redis:// or rediss://, not ${url.protocol}//`);
  const prefix = store.prefix ?? DEFAULT_POLICY_STORE_PREFIX;
  if (prefix.length === 0 || /\s/.test(prefix))
    throw new Error(`The policy store prefix must be non-empty and without spaces (the default is ${DEFAULT_POLICY_STORE_PREFIX}), got '${prefix}'`);
  return prefix;
}

/**
 * Refuses a store an instance cannot follow: the URL and prefix as `checkPolicyStoreOption`,
 * and the publisher's public key must be at hand (without it nothing published could be
 * verified). Misconfiguration stops start-up, before anything connects.
 */
export function checkFollowedPolicyStore(store: PolicyStoreOption): { prefix: string; publicKey: PolicyPublicKey } {
  const prefix = checkPolicyStoreOption(store);
  return { prefix, publicKey: loadPolicyPublicKey({ jwk: store.publicKey, dir: store.keysDir, env: store.env ?? {} }) };
}

/** The store's address safe to print and log: scheme, host, port and database, never user or password. */
export function describeRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    return `${url.protocol}//${url.host}${url.pathname.length > 1 ? url.pathname : ''}`;
  } catch {
    return 'redis://<unparseable>';
  }
}

/**
 * The store the processes `govgraph start` runs follow: `REDIS_URL`, keys under
 * `GOVGRAPH_REDIS_PREFIX` (default `govgraph:`), the publisher's key from the same environment;
 * none without `REDIS_URL`. Only the CLI's
 * start path reads this: the library's default is no store, whatever the environment says.
 */
export function policyStoreFromEnv(env: KeyEnv): PolicyStoreOption | undefined {
  return env.REDIS_URL ? { redisUrl: env.REDIS_URL, prefix: env.GOVGRAPH_REDIS_PREFIX || undefined, env } : undefined;
}
