import Redis from 'ioredis';
import type { Logger } from 'pino';
import { describeRedisUrl } from '../../../policies';
import { silentConnectionMs } from '../../../schema/contracts/silentConnectionMs';

/** A Redis connection for state every gateway instance shares, set up to fail fast rather than wait. */
export interface SharedRedis {
  readonly client: Redis;
  /** True while the connection is ready for commands. */
  up(): boolean;
  /** Why the connection last failed; null once it is ready again. */
  lastError(): string | null;
  /**
   * Resolves when the first attempt to connect has succeeded or failed, or after `timeoutMs`
   * (whichever comes first): the requests that arrive while the gateway is still connecting
   * wait for it, within their budget, instead of being treated as if Redis were down.
   */
  firstConnection(): Promise<void>;
  close(): Promise<void>;
}

export interface SharedRedisOptions {
  /** What the connection is for, in logs and `CLIENT LIST`. */
  name: string;
  /** Longest a command may take before it fails. */
  timeoutMs: number;
  log: Logger;
}

/**
 * Connects in the background and keeps reconnecting by itself (every 100 ms … 1 s). No
 * offline queue: a command while disconnected fails at once instead of piling up; a command
 * without an answer fails after `timeoutMs` (ioredis's `commandTimeout`); a connection with no
 * reply for `silentConnectionMs` is dropped and made again (`socketTimeout`), rather than kept
 * (and its unanswered commands with it) for as long as TCP takes to notice; nothing is resent
 * after a lost connection. Callers turn those failures into their degraded behaviour.
 */
export function sharedRedis(url: string, { name, timeoutMs, log }: SharedRedisOptions): SharedRedis {
  const client = new Redis(url, {
    connectionName: name,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: timeoutMs,
    socketTimeout: silentConnectionMs(timeoutMs),
    connectTimeout: Math.max(timeoutMs, 2000),
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    // How long a closed connection's socket may linger (it keeps the process alive meanwhile).
    disconnectTimeout: 200,
  });
  const where = describeRedisUrl(url);
  let lastError: string | null = null;
  let attempted = false;
  const firstAttempt = new Promise<void>((resolve) => {
    client.once('ready', resolve);
    client.once('error', resolve);
  }).then(() => void (attempted = true));
  client.on('ready', () => {
    if (lastError !== null) log.info({ redis: where, name }, 'redis reachable again');
    lastError = null;
  });
  // One warning per outage, not one per reconnection attempt.
  client.on('error', (error: Error) => {
    if (lastError === null) log.warn({ redis: where, name, err: error.message }, 'redis unreachable; degrading until it is back');
    lastError = error.message;
  });
  return {
    client,
    up: () => client.status === 'ready',
    lastError: () => lastError,
    async firstConnection() {
      if (attempted) return;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([firstAttempt, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    },
    async close() {
      client.disconnect();
    },
  };
}
