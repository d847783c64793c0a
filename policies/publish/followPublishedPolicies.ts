import Redis from 'ioredis';
import type { Logger } from 'pino';
import type { PolicySet } from '../engine/types';
import { loadPolicyBundle } from './loadPolicyBundle';
import { MalformedPolicyBundle, type PolicyBundle } from './PolicyBundle';
import type { PolicyChange, PolicyHealth } from './PolicyChange';
import { checkFollowedPolicyStore, describeRedisUrl, type PolicyStoreOption } from './PolicyStoreOption';
import { RedisPolicyStore } from './RedisPolicyStore';
import { verifyPolicyBundle } from './verifyPolicyBundle';

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
 * Follows the policies published in Redis. Reads the current bundle once connected, again
 * on every notification, and again each time a connection is re-established (a message
 * sent while disconnected is lost; the current bundle is not). A bundle not signed with the
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
  // Commands fail at once while disconnected (no offline queue): a reconnect triggers a fresh read anyway.
  // Named with the prefix, so `CLIENT LIST` shows which instances follow which store. A short
  // disconnectTimeout: ioredis otherwise keeps a 2 s timer alive after closing a refused connection.
  const commands = new Redis(options.store.redisUrl, { connectionName: `govgraph-policy:${prefix}`, enableOfflineQueue: false, maxRetriesPerRequest: 1, disconnectTimeout: 200 });
  // Resubscribed by hand on every connect, so that the read after it cannot miss a publication.
  const subscriber = new Redis(options.store.redisUrl, { connectionName: `govgraph-policy-follow:${prefix}`, autoResubscribe: false, disconnectTimeout: 200 });
  const store = new RedisPolicyStore(commands, prefix);

  let version: number | null = null;
  let refusal: { message: string; version: number | null; hash: string | null; signature: string | null } | null = null;
  let subscribed = false;
  let connectionError: string | null = null;
  let reportedDown = false;
  let closed = false;
  let running: Promise<void> | undefined;
  let again = false;
  let settleStart: () => void = () => {};
  const started = new Promise<void>((resolve) => (settleStart = resolve));

  const connected = (): boolean => commands.status === 'ready' && subscribed;
  const down = (why: string): void => {
    connectionError = why;
    if (!reportedDown && !closed) {
      reportedDown = true;
      log.error({ store: where, error: why, policies: options.current().hash, policyVersion: version }, 'policy store unreachable; the last good policies stay in force');
    }
  };
  const refusedAlready = (bundle: PolicyBundle): boolean => refusal !== null && refusal.version === bundle.version && refusal.hash === bundle.hash && refusal.signature === bundle.signature;
  const refuse = (message: string, bundle: PolicyBundle | null): void => {
    if (bundle && refusedAlready(bundle)) return;
    refusal = { message, version: bundle?.version ?? null, hash: bundle?.hash ?? null, signature: bundle?.signature ?? null };
    log.error({ policies: options.current().hash, policyVersion: version, refused: bundle?.version, problems: message }, 'published policy change refused; the last good policies stay in force');
  };

  const syncOnce = async (): Promise<void> => {
    // Not connected yet (or again): its 'ready' brings the read.
    if (commands.status !== 'ready') return;
    let bundle: PolicyBundle | null;
    try {
      bundle = await store.current();
    } catch (error) {
      if (error instanceof MalformedPolicyBundle) refuse(error.message, null);
      else down((error as Error).message);
      return;
    }
    if (connected()) {
      if (reportedDown) log.info({ store: where }, 'policy store reachable again');
      reportedDown = false;
      connectionError = null;
    }
    if (!bundle || closed) return;
    if (bundle.version === version && bundle.hash === options.current().hash) return;
    if (refusedAlready(bundle)) return;
    // The signature first: nothing of a bundle the publisher did not sign is even parsed.
    const signed = await verifyPolicyBundle(bundle, publicKey);
    if (closed) return;
    if (signed.kind === 'refused') return refuse(signed.problem, bundle);
    // A version once signed stays signed: putting an older one back (a replay) is refused.
    if (version !== null && bundle.version < version) {
      return refuse(
        `The policies of published version ${bundle.version} were not loaded: version ${version} is in force and an older version is never put back (a replayed bundle); to return to older policies, publish their files as a new version. If the store was emptied, restart the instances.`,
        bundle,
      );
    }
    const loaded = loadPolicyBundle(bundle, options.supergraphSdl());
    if (!loaded.policies) return refuse(loaded.problems, bundle);
    refusal = null;
    const from = options.current().hash;
    version = bundle.version;
    if (loaded.policies.hash === from) return;
    options.apply(loaded.policies, { source: 'redis', version: bundle.version, from, to: loaded.policies.hash, publishedBy: bundle.publishedBy, keyId: signed.keyId });
    log.info({ policyVersion: bundle.version, from, to: loaded.policies.hash, publishedBy: bundle.publishedBy, keyId: signed.keyId }, 'published policies loaded');
  };
  // One read at a time, in order; a request during a read runs one more read after it.
  const sync = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await syncOnce();
      } while (again && !closed);
    })().finally(() => {
      running = undefined;
      // Start-up waits for a read made once subscribed (or for the store to prove unreachable).
      if (connected() || connectionError) settleStart();
    });
    return running;
  };

  for (const connection of [commands, subscriber]) {
    connection.on('error', (error: Error) => {
      down(error.message);
      settleStart();
    });
  }
  commands.on('ready', () => void sync());
  commands.on('close', () => down(connectionError ?? 'connection closed'));
  subscriber.on('ready', () => {
    subscriber.subscribe(store.keys.channel).then(
      () => {
        subscribed = true;
        void sync();
      },
      (error: Error) => down(`cannot subscribe to ${store.keys.channel}: ${error.message}`),
    );
  });
  subscriber.on('close', () => {
    subscribed = false;
    down(connectionError ?? 'connection closed');
  });
  subscriber.on('message', (channel: string) => {
    if (channel === store.keys.channel) void sync();
  });

  const timer = setTimeout(settleStart, options.startTimeoutMs ?? 5000);
  await started;
  clearTimeout(timer);
  log.info({ store: where, connected: connected(), policyVersion: version, policies: options.current().hash, keyId: publicKey.keyId }, 'following the published policies');

  return {
    lastError() {
      const problems = [...(connected() ? [] : [`The policy store ${where} is unreachable (${connectionError ?? 'not connected yet'}); the last good policies stay in force`]), ...(refusal ? [refusal.message] : [])];
      return problems.length ? problems.join('\n') : null;
    },
    health: () => ({ policyVersion: version, policyStore: connected() ? 'connected' : 'unreachable' }),
    sync,
    async close() {
      closed = true;
      clearTimeout(timer);
      subscriber.disconnect();
      commands.disconnect();
      await running?.catch(() => undefined);
    },
  };
}
