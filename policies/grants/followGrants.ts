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
export function followGrants(store: GrantStore, apply: (grants: GrantIndex) => void, log: Logger, probeMs = 2000): GrantFollow {
  let version = 0;
  let error: string | undefined;
  // While the store fails, it is read now and then: a read that succeeds again (with no newer
  // version to announce) clears the error /health reports.
  let probing: NodeJS.Timeout | undefined;
  let stopped = false;
  const probe = (): void => {
    if (probing || stopped) return;
    probing = setTimeout(() => {
      probing = undefined;
      store.read().then(
        () => {
          if (error) log.info({ store: store.description }, 'access grants can be read again');
          error = undefined;
        },
        () => probe(),
      );
    }, probeMs);
    probing.unref();
  };
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
