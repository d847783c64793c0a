import path from 'node:path';
import type { JWK } from 'jose';
import type { KeyEnv } from '../../schema/contracts/keys/loadKeyMaterial';
import { FileGrantStore } from './FileGrantStore';
import { RedisGrantStore } from './RedisGrantStore';
import type { GrantStore } from './types';

export interface GrantStoreSettings {
  /** Publish through Redis (several instances); absent, null or empty: a file in `dataDir`. */
  redisUrl?: string | null;
  /** The Redis key (default `govgraph:grants`): tests give each suite its own. */
  redisKey?: string;
  /** The file (default `<dataDir>/grants.json`). */
  file?: string;
  /**
   * The catalog's public key, which every followed snapshot must be signed with, given in code
   * (tests, embedding); defaults to `GOVGRAPH_GRANT_PUBLIC_JWK` of `env`, else `<keysDir>/grant-signing.public.jwk.json`.
   */
  publicKey?: JWK;
  /**
   * The catalog's private key, given in code (tests); defaults to `GOVGRAPH_GRANT_SIGNING_JWK` of `env`,
   * else `<keysDir>/grant-signing.private.jwk.json`. Only the catalog reads it.
   */
  signingKey?: JWK;
  /** Where the key files are looked for (default `<dataDir>/keys`). */
  keysDir?: string;
  /** The environment the key variables are read from (`grantStoreSettingsFromEnv` gives its own; a department its own); none: the keys given and the files only. */
  env?: KeyEnv;
}

/** Where grants are published and followed: Redis when a URL is given, else a file in the data directory. */
export function grantStoreFrom(settings: GrantStoreSettings & { dataDir: string }): GrantStore {
  if (settings.redisUrl) return new RedisGrantStore(settings.redisUrl, { key: settings.redisKey });
  return new FileGrantStore(settings.file ?? path.join(settings.dataDir, 'grants.json'));
}

/** Where the grant signing keys' files are: `keysDir`, else `<dataDir>/keys`. */
export function grantKeysDir(settings: GrantStoreSettings & { dataDir: string }): string {
  return settings.keysDir ?? path.join(settings.dataDir, 'keys');
}

/**
 * The settings `govgraph start`'s processes take from their environment: `REDIS_URL`
 * (Redis, else the file), the key under `GOVGRAPH_REDIS_PREFIX` (default `govgraph:`, as
 * for the published policies): `govgraph:grants`. Only the start path reads this; the
 * library's default is the file, whatever the environment says. The keys come from the
 * same environment.
 */
export function grantStoreSettingsFromEnv(env: KeyEnv): GrantStoreSettings {
  return { redisUrl: env.REDIS_URL || null, redisKey: `${env.GOVGRAPH_REDIS_PREFIX || 'govgraph:'}grants`, env };
}
