import Redis from 'ioredis';
import { silentConnectionMs } from '../../schema/contracts/silentConnectionMs';
import { redisSnapshotSource, type SnapshotSource } from '../follow';
import type { PublicSigningKey, SigningKey } from '../signing';
import { followGrantSnapshots } from './followGrantSnapshots';
import { EMPTY_SNAPSHOT, parseGrantSnapshot } from './parseGrantSnapshot';
import { signGrantSnapshot } from './signGrantSnapshot';
import type { AccessGrant, GrantSnapshot, GrantStore } from './types';

export interface RedisGrantStoreOptions {
  /** Key of the snapshot; `<key>:version` holds the last version, `<key>:changed` is the channel. Default `govgraph:grants`. */
  key?: string;
  /**
   * How long a command may wait for an unreachable server before it fails, in ms (default 2000);
   * a connection silent for `silentConnectionMs` of it is dropped and made again.
   */
  commandTimeoutMs?: number;
}

export const DEFAULT_GRANTS_KEY = 'govgraph:grants';

/**
 * Stores a signed snapshot if, and only if, the version counter still holds what the publisher
 * read (the version is signed, so it is fixed before the write): then sets the counter and the
 * snapshot and tells the followers, all at once. Two publishers never write the same version,
 * and no follower can read a snapshot older than the notification it got. Returns 0, changing
 * nothing, when the counter moved: the publisher signs the next version and tries again.
 * ARGV: the counter read ('' when absent), the new version, the snapshot, the channel.
 */
const PUBLISH_SCRIPT = `
if (redis.call('GET', KEYS[2]) or '') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('SET', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1
`;

/** How often `publish` signs again when another publication got in between. */
const PUBLISH_ATTEMPTS = 5;

/** `redis://:***@host:6379/0`: a URL safe to print. */
function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'redis (unparsable URL)';
  }
}

/**
 * Grants published in Redis, for several gateway and department instances: one key holds
 * the snapshot JSON, a pub/sub message announces each new version, and a follower re-reads
 * on every (re)connection, so a message missed while disconnected is not a change missed.
 * While Redis is unreachable followers keep the last snapshot they read. Anyone who can write
 * the key can write anything there; followers put in force only what the catalog's key signed.
 */
export class RedisGrantStore implements GrantStore {
  readonly description: string;
  readonly source: SnapshotSource;
  private readonly client: Redis;
  private readonly key: string;
  private readonly followers = new Set<{ stop(): void }>();

  constructor(url: string, options: RedisGrantStoreOptions = {}) {
    this.key = options.key ?? DEFAULT_GRANTS_KEY;
    this.description = `redis ${redactRedisUrl(url)} key ${this.key}`;
    const commandTimeout = options.commandTimeoutMs ?? 2000;
    this.client = new Redis(url, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      commandTimeout,
      socketTimeout: silentConnectionMs(commandTimeout),
      // How long close waits for a dead connection's socket before destroying it.
      disconnectTimeout: 200,
    });
    // Connection problems surface as failed commands; without a listener ioredis prints them.
    this.client.on('error', () => undefined);
    // Named, so an operator (or a test) can tell a follower's subscriber apart in CLIENT LIST.
    this.source = redisSnapshotSource({
      client: this.client,
      key: this.key,
      channel: this.channel,
      subscriberName: `grants:${this.key}`,
      description: this.description,
      timeoutMs: commandTimeout,
    });
  }

  private get versionKey(): string {
    return `${this.key}:version`;
  }

  private get channel(): string {
    return `${this.key}:changed`;
  }

  async publish(grants: AccessGrant[], signingKey: SigningKey): Promise<GrantSnapshot> {
    for (let attempt = 1; attempt <= PUBLISH_ATTEMPTS; attempt++) {
      const counter = await this.client.get(this.versionKey);
      const last = counter === null ? 0 : Number(counter);
      if (!Number.isSafeInteger(last) || last < 0) throw new Error(`${this.description}: the version counter ${this.versionKey} does not hold a version number`);
      const unsigned: GrantSnapshot = { version: last + 1, grants };
      const snapshot: GrantSnapshot = { ...unsigned, signature: await signGrantSnapshot(unsigned, signingKey) };
      const stored = await this.client.eval(PUBLISH_SCRIPT, 2, this.key, this.versionKey, counter ?? '', String(snapshot.version), JSON.stringify(snapshot), this.channel);
      if (stored === 1) return snapshot;
    }
    throw new Error(`${this.description}: the version counter kept changing while publishing (${PUBLISH_ATTEMPTS} attempts): another publisher is at work`);
  }

  async read(): Promise<GrantSnapshot> {
    let text: string | null;
    try {
      text = await this.client.get(this.key);
    } catch (error) {
      throw new Error(`${this.description}: cannot read the published grants (${(error as Error).message})`);
    }
    return text === null ? EMPTY_SNAPSHOT : parseGrantSnapshot(text, this.description);
  }

  follow(publicKey: PublicSigningKey, onChange: (snapshot: GrantSnapshot) => void, onError?: (error: Error) => void): () => void {
    const follow = followGrantSnapshots(this.source, publicKey, onChange, onError);
    const handle = {
      stop: () => {
        void follow.stop();
        this.followers.delete(handle);
      },
    };
    this.followers.add(handle);
    return handle.stop;
  }

  async close(): Promise<void> {
    for (const follower of [...this.followers]) follower.stop();
    if (this.client.status === 'ready') await this.client.quit().catch(() => this.client.disconnect());
    else this.client.disconnect();
  }
}
