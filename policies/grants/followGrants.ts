import type { Logger } from 'pino';
import { followSignedSnapshots } from '../follow';
import type { PublicSigningKey } from '../signing';
import { GrantIndex } from './GrantIndex';
import { grantSnapshotCheck } from './grantSnapshotCheck';
import type { GrantStore } from './types';

/** What `/health` says about the grants an instance enforces. */
export interface GrantHealth {
  /** The published grant version in force (0: none published yet). */
  grantsVersion: number;
  /** Why the store cannot be read, or why what it holds was refused; absent when what it holds is in force. */
  grantsError?: string;
}

export interface GrantFollow {
  health(): GrantHealth;
  stop(): void;
}

/**
 * Follows the published grants (`followSignedSnapshots`): each newer snapshot signed with the
 * catalog's key is indexed and put in force through `apply`. When the store cannot be read, or
 * holds a snapshot that is refused (malformed, unsigned, signed by another key, changed after
 * signing, older than the version in force), the last good grants stay (expiry still applies,
 * so nothing outlives its `until`) and the error is reported: once in the log, and in `/health`
 * until the store holds something this follower accepts again. Meanwhile the store is read
 * again every `retryMs`.
 */
export function followGrants(
  store: Pick<GrantStore, 'description' | 'source'>,
  publicKey: PublicSigningKey,
  apply: (grants: GrantIndex) => void,
  log: Logger,
  retryMs = 2000,
): GrantFollow {
  let inForce = 0;
  const follow = followSignedSnapshots({
    source: store.source,
    check: grantSnapshotCheck(publicKey, store.description),
    accept(snapshot) {
      apply(new GrantIndex(snapshot));
      log.info({ grantsVersion: snapshot.version, from: inForce, grants: snapshot.grants.length, store: store.description, keyId: publicKey.keyId }, 'access grants in force');
      inForce = snapshot.version;
    },
    refused: (problem) => log.error({ store: store.description, grantsVersion: inForce, problem }, 'published access grants refused; the grants in force stay'),
    unreachable: (why) => log.warn({ store: store.description, err: why }, 'access grants cannot be read; the last good grants stay in force'),
    reachable: () => log.info({ store: store.description }, 'access grants can be read again'),
    retryMs,
  });
  return {
    health() {
      const error = follow.problem() ?? follow.refusal();
      return { grantsVersion: inForce, ...(error !== null && { grantsError: error }) };
    },
    stop: () => void follow.stop(),
  };
}
