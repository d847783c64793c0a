import type { Logger } from 'pino';
import { GrantIndex } from './GrantIndex';
import type { GrantStore } from './types';

/** What `/health` says about the grants an instance enforces. */
export interface GrantHealth {
  /** The published grant version in force (0: none published yet). */
  grantsVersion: number;
  /** Why the store could not be read last time; absent when the last read succeeded. */
  grantsError?: string;
}

export interface GrantFollow {
  health(): GrantHealth;
  stop(): void;
}

/**
 * Follows the published grants: each newer snapshot is indexed and put in force through
 * `apply`; when the store cannot be read the last good grants stay (expiry still applies,
 * so nothing outlives its `until`) and the error is reported.
 */
export function followGrants(store: GrantStore, apply: (grants: GrantIndex) => void, log: Logger): GrantFollow {
  let version = 0;
  let error: string | undefined;
  const stop = store.follow(
    (snapshot) => {
      const index = new GrantIndex(snapshot);
      apply(index);
      log.info({ grantsVersion: snapshot.version, from: version, grants: snapshot.grants.length, store: store.description }, 'access grants in force');
      version = snapshot.version;
      error = undefined;
    },
    (cause) => {
      if (error !== cause.message) log.warn({ store: store.description, err: cause.message }, 'access grants cannot be read; the last good grants stay in force');
      error = cause.message;
    },
  );
  return {
    health: () => ({ grantsVersion: version, ...(error && { grantsError: error }) }),
    stop,
  };
}
