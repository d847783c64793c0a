import type { Logger } from 'pino';
import type { PublicSigningKey } from '../signing';
import { GrantIndex } from './GrantIndex';
import { GrantSnapshotRefused } from './GrantSnapshotRefused';
import type { GrantStore } from './types';
import { verifyGrantSnapshot } from './verifyGrantSnapshot';

/** What `/health` says about the grants an instance enforces. */
export interface GrantHealth {
  /** The published grant version in force (0: none published yet). */
  grantsVersion: number;
  /** Why the store could not be read, or why what it holds was refused, last time; absent when the last read was put in force. */
  grantsError?: string;
}

export interface GrantFollow {
  health(): GrantHealth;
  stop(): void;
}

/**
 * Follows the published grants: each newer snapshot signed with the catalog's key is indexed
 * and put in force through `apply`. When the store cannot be read, or holds a snapshot that
 * is refused (unsigned, signed by another key, changed after signing, older than the version
 * in force), the last good grants stay (expiry still applies, so nothing outlives its `until`)
 * and the error is reported: once in the log, and in `/health` until the store holds
 * something this follower accepts again.
 */
export function followGrants(store: GrantStore, publicKey: PublicSigningKey, apply: (grants: GrantIndex) => void, log: Logger, probeMs = 2000): GrantFollow {
  let version = 0;
  let error: string | undefined;
  // While the store fails, it is read (and what it holds verified) now and then: a read that
  // succeeds again (with no newer version to announce) clears the error /health reports.
  let probing: NodeJS.Timeout | undefined;
  let stopped = false;
  const probe = (): void => {
    if (probing || stopped) return;
    probing = setTimeout(() => {
      probing = undefined;
      store
        .read()
        .then((snapshot) => verifyGrantSnapshot(snapshot, publicKey, version))
        .then(
          (check) => {
            if (check.kind === 'refused') return probe();
            if (error) log.info({ store: store.description }, 'access grants can be read again');
            error = undefined;
          },
          () => probe(),
        );
    }, probeMs);
    probing.unref();
  };
  const stop = store.follow(
    publicKey,
    (snapshot) => {
      const index = new GrantIndex(snapshot);
      apply(index);
      log.info({ grantsVersion: snapshot.version, from: version, grants: snapshot.grants.length, store: store.description, keyId: publicKey.keyId }, 'access grants in force');
      version = snapshot.version;
      error = undefined;
    },
    (cause) => {
      if (error !== cause.message) {
        if (cause instanceof GrantSnapshotRefused) log.error({ store: store.description, grantsVersion: version, problem: cause.message }, 'published access grants refused; the grants in force stay');
        else log.warn({ store: store.description, err: cause.message }, 'access grants cannot be read; the last good grants stay in force');
      }
      error = cause.message;
      probe();
    },
  );
  return {
    health: () => ({ grantsVersion: version, ...(error && { grantsError: error }) }),
    stop() {
      stopped = true;
      if (probing) clearTimeout(probing);
      stop();
    },
  };
}
