import { followSignedSnapshots, type SnapshotFollow, type SnapshotSource } from '../follow';
import type { PublicSigningKey } from '../signing';
import { grantSnapshotCheck } from './grantSnapshotCheck';
import { GrantSnapshotRefused } from './GrantSnapshotRefused';
import type { GrantSnapshot } from './types';

/**
 * `GrantStore.follow` for a store publishing to `source`: each newer snapshot signed with
 * `publicKey`'s private half goes to `onChange` (and the one stored at start); a refused one
 * goes to `onError` as a `GrantSnapshotRefused`, a source that cannot be read as an Error
 * naming it. Either way the last good snapshot stays.
 */
export function followGrantSnapshots(
  source: SnapshotSource,
  publicKey: PublicSigningKey,
  onChange: (snapshot: GrantSnapshot) => void,
  onError?: (error: Error) => void,
): SnapshotFollow {
  return followSignedSnapshots({
    source,
    check: grantSnapshotCheck(publicKey, source.description),
    accept: onChange,
    refused: (problem) => onError?.(new GrantSnapshotRefused(problem)),
    unreachable: (why) => onError?.(new Error(`${source.description}: ${why}`)),
  });
}
