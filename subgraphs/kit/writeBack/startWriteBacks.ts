import os from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { PolicySet, PublicSigningKey } from '../../../policies';
import type { KeyEnv } from '../../../schema/contracts/keys/loadKeyMaterial';
import { silentConnectionMs } from '../../../schema/contracts/silentConnectionMs';
import { DEFAULT_WRITE_BACK_PREFIX, loadWriteBackPublicKey, writeBackStreamKeys, type StreamGroupFollow } from '../../../schema/contracts/writeBack';
import { createWriteBackReceiver, type WriteBackCounts, type WriteBackReceiver } from './createWriteBackReceiver';
import { followWriteBackStream } from './followWriteBackStream';
import type { WriteBackAction } from './WriteBackAction';
import { writeBackDeliveryRoute, type WriteBackDeliveryRoute } from './writeBackDeliveryRoute';

/** How a department that declares write-backs receives them (`StartSubgraphOptions.writeBacks`). */
export interface WriteBackOptions {
  /** Also follow the department's events stream in this Redis (`runDepartmentMain`: `REDIS_URL`); without it only the HTTP delivery. */
  redisUrl?: string;
  /** Key prefix of the streams; defaults to `GOVGRAPH_REDIS_PREFIX`, else `govgraph:`. */
  prefix?: string;
  /** This reader's name in the department's consumer group; defaults to `<department>-<hostname>-<pid>`. */
  consumer?: string;
  /** An entry left pending this long (its reader stopped or failed) is taken over; the follower's default (5 s) unless given. */
  claimIdleMs?: number;
  /** Deliveries after which an entry is given up (the service platform delivers it again later); the follower's default (10) unless given. */
  maxDeliveries?: number;
  /**
   * The service platform's public key events are verified with; defaults to
   * `GOVGRAPH_WRITE_BACK_PUBLIC_JWK`, else `<data dir>/keys/write-back-signing.public.jwk.json`. None → start-up fails.
   */
  publicKey?: PublicSigningKey;
}

/** What `/health` shows of the write-backs: how they arrive, what was decided since start, the last failure to decide. */
export interface WriteBackHealth extends WriteBackCounts {
  transport: 'http' | 'redis';
  lastError: string | null;
}

export interface RunningWriteBacks {
  receiver: WriteBackReceiver;
  /** `POST /write-backs`, always served. */
  route: WriteBackDeliveryRoute;
  health(): WriteBackHealth;
  /** Stops following the stream (an entry being decided is finished first). */
  close(): Promise<void>;
}

/** The key events are verified with: the option, else the environment, else `<dataDir>/keys`; none → an error saying how to give it. */
export function writeBackPublicKeyOf(department: string, options: WriteBackOptions | undefined, env: KeyEnv, dataDir: string): PublicSigningKey {
  if (options?.publicKey) return options.publicKey;
  try {
    return loadWriteBackPublicKey({ env, dir: path.join(dataDir, 'keys') });
  } catch (error) {
    throw new Error(`${department}: ${(error as Error).message}`);
  }
}

/** Receives a department's write-backs: over HTTP always, and from its Redis stream when `redisUrl` is given. */
export function startWriteBacks<DB>(settings: {
  department: string;
  db: Kysely<DB>;
  actions: Record<string, WriteBackAction<DB>>;
  publicKey: PublicSigningKey;
  policies(): PolicySet | null;
  log: Logger;
  env: KeyEnv;
  options?: WriteBackOptions;
}): RunningWriteBacks {
  const { department, log, options = {} } = settings;
  const receiver = createWriteBackReceiver({ department, db: settings.db, actions: settings.actions, publicKey: settings.publicKey, policies: settings.policies });
  let lastError: string | null = null;
  const noteError = (message: string | null): void => {
    lastError = message;
  };
  const route = writeBackDeliveryRoute({ department, receiver, log, noteError });
  let redis: Redis | undefined;
  let follow: StreamGroupFollow | undefined;
  if (options.redisUrl) {
    redis = new Redis(options.redisUrl, {
      connectionName: `govgraph-write-backs:${department}`,
      maxRetriesPerRequest: 1,
      socketTimeout: silentConnectionMs(2000),
      disconnectTimeout: 200,
    });
    // Failures surface as failed commands (and in /health); without a listener ioredis prints them.
    redis.on('error', () => undefined);
    follow = followWriteBackStream({
      redis,
      keys: writeBackStreamKeys(options.prefix || settings.env.GOVGRAPH_REDIS_PREFIX || DEFAULT_WRITE_BACK_PREFIX),
      department,
      consumer: options.consumer ?? `${department}-${os.hostname()}-${process.pid}`,
      receiver,
      log,
      claimIdleMs: options.claimIdleMs,
      maxDeliveries: options.maxDeliveries,
      noteError,
    });
  }
  return {
    receiver,
    route,
    health: () => ({ transport: follow ? 'redis' : 'http', ...receiver.counts(), lastError: follow?.lastError() ?? lastError }),
    async close() {
      await follow?.close();
      redis?.disconnect();
    },
  };
}
