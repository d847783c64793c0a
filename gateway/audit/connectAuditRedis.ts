import Redis from 'ioredis';
import { silentConnectionMs } from '../../schema/contracts/silentConnectionMs';

export interface AuditRedisOptions {
  /**
   * How long one command may take before it fails (and with it the request it records);
   * default 2000 ms. A Redis that stopped answering fails requests after this, never hangs them.
   */
  commandTimeoutMs?: number;
  /** How long connecting may take; default 2000 ms. */
  connectTimeoutMs?: number;
}

/**
 * A connection to the Redis holding the audit stream, connected (rejects when Redis cannot
 * be reached, with the URL's password left out of the message).
 *
 * Set up to fail fast rather than to wait: no offline queue (a command while disconnected
 * fails at once instead of piling up), no resending of commands cut off by a lost
 * connection (a batch must not be stored behind the ledger's back after it was reported
 * failed), a short command timeout, a connection gone silent dropped; it keeps reconnecting
 * in the background.
 */
export async function connectAuditRedis(url: string, options: AuditRedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2000,
    // A connection with commands but no reply for this long is dropped and made again: behind a
    // partition (or a Redis restarted behind one) it would otherwise stay, and every append time out, for good.
    socketTimeout: silentConnectionMs(options.commandTimeoutMs ?? 2000),
    connectTimeout: options.connectTimeoutMs ?? 2000,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    // How long a closed connection's socket may linger (it keeps the process alive meanwhile).
    disconnectTimeout: 500,
  });
  let lastError: Error | undefined;
  // Without a listener ioredis prints every reconnection failure; callers see failures on their commands.
  redis.on('error', (error: Error) => (lastError = error));
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    const cause = lastError ?? (error as Error);
    throw new Error(`Cannot reach Redis at ${redactRedisUrl(url)} for the audit stream: ${cause.message}`, { cause });
  }
  return redis;
}

/** The URL without its user name and password, for messages and logs. */
export function redactRedisUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(a Redis URL that does not parse)';
  }
}
