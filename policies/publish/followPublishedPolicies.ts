import Redis from 'ioredis';
import type { Logger } from 'pino';
import { silentConnectionMs } from '../../schema/contracts/silentConnectionMs';
import type { PolicySet } from '../engine/types';
import { followSignedSnapshots, redisSnapshotSource, type SnapshotFollow } from '../follow';
import type { PolicyChange, PolicyHealth } from './PolicyChange';
import { checkFollowedPolicyStore, describeRedisUrl, type PolicyStoreOption } from './PolicyStoreOption';
import { publishedBundleCheck } from './publishedBundleCheck';
import { policyStoreKeys } from './RedisPolicyStore';

export interface FollowPublishedPoliciesOptions {
  store: PolicyStoreOption;
  /** The supergraph a published bundle must cover, read at each load. */
  supergraphSdl: () => string;
  /** The set in force: an unchanged set is not swapped. */
  current: () => PolicySet;
  /** Puts a new set in force. */
  apply(policies: PolicySet, change: PolicyChange): void;
  log: Logger;
  /** How long start-up waits for the store's answer before serving the set it has; defaults to 5 s. */
  startTimeoutMs?: number;
  /**
   * How long a read may take, and how often the subscriber is asked for a sign of life (ms);
   * a connection silent for `silentConnectionMs` of it is dropped and made again. Default 2000.
   */
  timeoutMs?: number;
}

export interface PublishedPolicyFollow {
  /** Why the store is unreachable, and why the last publication was refused (every problem as file:line); null when neither. */
  lastError(): string | null;
  health(): PolicyHealth;
  /** Reads the current bundle and loads it if it is new: what a notification and a reconnect do. */
  sync(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Follows the policies published in Redis (`followSignedSnapshots` over `redisSnapshotSource`).
 * Reads the current bundle once connected, again on every notification, and again each time a
 * connection is re-established (a message sent while disconnected is lost; the current bundle
 * is not); a connection gone silent is dropped and made again. A bundle not signed with the
 * publisher's key (unsigned, signed by another key, or changed after signing), or that does
 * not load against this instance's supergraph, or that is older than the version in force (a
 * signed bundle replayed), never takes effect: the last good set stays in force and the
 * problem is reported. Without the publisher's public key it does not start. While Redis cannot be reached the last good set keeps
 * serving; there is no fallback to anything more open.
 */
export async function followPublishedPolicies(options: FollowPublishedPoliciesOptions): Promise<PublishedPolicyFollow> {
  const { prefix, publicKey } = checkFollowedPolicyStore(options.store);
  const { log } = options;
  const where = describeRedisUrl(options.store.redisUrl);
  const timeoutMs = options.timeoutMs ?? 2000;
  // Commands fail at once while disconnected (no offline queue): a reconnect triggers a fresh read anyway.
  // Named with the prefix, so `CLIENT LIST` shows which instances follow which store. A short
  // disconnectTimeout: ioredis otherwise keeps a 2 s timer alive after closing a refused connection.
  const commands = new Redis(options.store.redisUrl, {
    connectionName: `govgraph-policy:${prefix}`,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
    socketTimeout: silentConnectionMs(timeoutMs),
    disconnectTimeout: 200,
  });
  // The source reports connection failures while followed; this keeps ioredis from printing them after.
  commands.on('error', () => undefined);
  const keys = policyStoreKeys(prefix);
  const source = redisSnapshotSource({
    client: commands,
    key: keys.current,
    channel: keys.channel,
    subscriberName: `govgraph-policy-follow:${prefix}`,
    description: where,
    timeoutMs,
  });
  const follow: SnapshotFollow = followSignedSnapshots({
    source,
    check: publishedBundleCheck(publicKey, options.supergraphSdl),
    accept({ bundle, policies, keyId }) {
      const from = options.current().hash;
      if (policies.hash === from) return;
      options.apply(policies, { source: 'redis', version: bundle.version, from, to: policies.hash, publishedBy: bundle.publishedBy, keyId });
      log.info({ policyVersion: bundle.version, from, to: policies.hash, publishedBy: bundle.publishedBy, keyId }, 'published policies loaded');
    },
    refused: (problems, refused) =>
      log.error({ policies: options.current().hash, policyVersion: follow.version(), refused, problems }, 'published policy change refused; the last good policies stay in force'),
    unreachable: (why) =>
      log.error({ store: where, error: why, policies: options.current().hash, policyVersion: follow.version() }, 'policy store unreachable; the last good policies stay in force'),
    reachable: () => log.info({ store: where }, 'policy store reachable again'),
  });

  // Start-up waits for a read made once subscribed (or for the store to prove unreachable).
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([follow.firstRead, new Promise<void>((resolve) => (timer = setTimeout(resolve, options.startTimeoutMs ?? 5000)))]);
  clearTimeout(timer);
  log.info(
    { store: where, connected: follow.connected(), policyVersion: follow.version(), policies: options.current().hash, keyId: publicKey.keyId },
    'following the published policies',
  );

  return {
    lastError() {
      const refusal = follow.refusal();
      const problems = [
        ...(follow.connected() ? [] : [`The policy store ${where} is unreachable (${follow.problem() ?? 'not connected yet'}); the last good policies stay in force`]),
        ...(refusal ? [refusal] : []),
      ];
      return problems.length ? problems.join('\n') : null;
    },
    health: () => ({ policyVersion: follow.version(), policyStore: follow.connected() ? 'connected' : 'unreachable' }),
    sync: () => follow.sync(),
    async close() {
      await follow.stop();
      commands.disconnect();
    },
  };
}
