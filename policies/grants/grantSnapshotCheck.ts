import type { SnapshotVerdict } from '../follow';
import type { PublicSigningKey } from '../signing';
import { EMPTY_SNAPSHOT, parseGrantSnapshot } from './parseGrantSnapshot';
import type { GrantSnapshot } from './types';
import { verifyGrantSnapshot } from './verifyGrantSnapshot';

/**
 * How a follower of a grant store checks what it holds (`followSignedSnapshots`): parsed whole
 * (nothing stored: the empty snapshot, version 0), then `verifyGrantSnapshot` with the
 * catalog's public key against the version in force. `where` names the store in the problems.
 */
export function grantSnapshotCheck(publicKey: PublicSigningKey, where: string): (text: string | null, inForce: number | null) => Promise<SnapshotVerdict<GrantSnapshot>> {
  return async (text, inForce) => {
    let snapshot: GrantSnapshot;
    try {
      snapshot = text === null ? EMPTY_SNAPSHOT : parseGrantSnapshot(text, where);
    } catch (error) {
      return { kind: 'refused', problem: (error as Error).message };
    }
    const verified = await verifyGrantSnapshot(snapshot, publicKey, inForce ?? 0);
    return verified.kind === 'refused' ? { kind: 'refused', problem: verified.problem, version: snapshot.version } : { kind: 'accepted', snapshot, version: snapshot.version };
  };
}
