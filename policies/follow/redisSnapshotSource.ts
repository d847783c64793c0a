import type Redis from 'ioredis';
import { silentConnectionMs } from '../../schema/contracts/silentConnectionMs';
import type { SnapshotSource, SnapshotSourceEvents, SourceWatch } from './SnapshotSource';

export interface RedisSnapshotSourceOptions {
  /** The connection the snapshot is read with; each watch subscribes on a duplicate of it. */
  client: Redis;
  /** The key holding the snapshot's text. */
  key: string;
  /** The pub/sub channel told of each publication. */
  channel: string;
  /** What a watch's subscriber connection is called in `CLIENT LIST`. */
  subscriberName: string;
  /** Where, safe to print (no password). */
  description: string;
  /**
   * How often the subscriber connection is asked for a sign of life (ms); one silent for
   * `silentConnectionMs` of it is dropped and made again. Default 2000.
   */
  timeoutMs?: number;
}

/**
 * A snapshot kept under a Redis key, each publication announced on a channel. A watch
 * subscribes on a connection of its own and is told `changed` once subscribed (so that the
 * read after it cannot miss a publication), on every message, and each time the reading
 * connection is ready again: a message sent while disconnected is lost, the key is not.
 *
 * A subscriber only ever listens, so a partition (or a Redis restarted behind one) would leave
 * it waiting for good on a connection that will never deliver again, and every publication
 * missed. It is therefore pinged every `timeoutMs`, and a connection with a ping unanswered for
 * `silentConnectionMs(timeoutMs)` is dropped (ioredis's `socketTimeout`) and made again.
 */
export function redisSnapshotSource(options: RedisSnapshotSourceOptions): SnapshotSource {
  const { client, key, channel, subscriberName, description } = options;
  const timeoutMs = options.timeoutMs ?? 2000;
  return {
    description,
    read: () => client.get(key),
    watch(events: SnapshotSourceEvents): SourceWatch {
      // Resubscribed by hand on every connection: then told `changed`, so the read follows the subscription.
      const subscriber = client.duplicate({ connectionName: subscriberName, autoResubscribe: false, lazyConnect: true, socketTimeout: silentConnectionMs(timeoutMs) });
      let subscribed = false;
      let stopped = false;
      // Why a connection last failed: an 'error' comes before the 'close' it causes, and says more.
      let lastError: string | null = null;
      const failed = (why: string): void => {
        if (!stopped) events.failed(why);
      };
      const onError = (error: Error): void => {
        lastError = error.message;
        failed(error.message);
      };
      const onClose = (): void => failed(lastError ?? 'connection closed');
      const onClientReady = (): void => {
        lastError = null;
        if (!stopped) events.changed();
      };
      client.on('error', onError).on('close', onClose).on('ready', onClientReady);
      subscriber.on('error', onError);
      subscriber.on('close', () => {
        subscribed = false;
        onClose();
      });
      subscriber.on('ready', () => {
        lastError = null;
        subscriber.subscribe(channel).then(
          () => {
            subscribed = true;
            // A reading connection still connecting says 'ready' itself: reading before would only fail.
            if (!stopped && (client.status === 'ready' || client.status === 'wait')) events.changed();
          },
          (error: Error) => failed(`cannot subscribe to ${channel}: ${error.message}`),
        );
      });
      subscriber.on('message', (from: string) => {
        if (from === channel && !stopped) events.changed();
      });
      const pinging = setInterval(() => {
        if (subscriber.status === 'ready') subscriber.ping().catch(() => undefined);
      }, timeoutMs);
      pinging.unref();
      // Failures arrive as 'error' events, and ioredis keeps reconnecting by itself.
      subscriber.connect().catch(() => undefined);
      return {
        connected: () => subscribed && client.status === 'ready',
        stop() {
          stopped = true;
          clearInterval(pinging);
          client.off('error', onError).off('close', onClose).off('ready', onClientReady);
          subscriber.disconnect();
        },
      };
    },
  };
}
