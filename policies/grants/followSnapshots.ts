import type { PublicSigningKey } from '../signing';
import { GrantSnapshotRefused } from './GrantSnapshotRefused';
import type { GrantSnapshot } from './types';
import { verifyGrantSnapshot } from './verifyGrantSnapshot';

/**
 * The bookkeeping every follower shares: re-reads are serialised (a change seen while one
 * is under way triggers exactly one more), each snapshot read is verified with the catalog's
 * public key and only a newer version is passed on; a failed read, and a snapshot refused
 * (not signed by the catalog, or older than the version passed on last), are reported while
 * the last good snapshot stays in force.
 */
export function followSnapshots(read: () => Promise<GrantSnapshot>, publicKey: PublicSigningKey, onChange: (snapshot: GrantSnapshot) => void, onError?: (error: Error) => void) {
  let last = -1;
  let running = false;
  let again = false;
  let stopped = false;
  const check = async (): Promise<void> => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        try {
          const snapshot = await read();
          const verified = await verifyGrantSnapshot(snapshot, publicKey, last);
          if (verified.kind === 'refused') throw new GrantSnapshotRefused(verified.problem);
          if (!stopped && snapshot.version > last) {
            last = snapshot.version;
            onChange(snapshot);
          }
        } catch (error) {
          if (!stopped) onError?.(error instanceof Error ? error : new Error(String(error)));
        }
      } while (again && !stopped);
    } finally {
      running = false;
    }
  };
  return {
    /** Re-read now (a notification arrived, a connection came back). */
    check: () => void check(),
    stop: () => {
      stopped = true;
    },
  };
}
