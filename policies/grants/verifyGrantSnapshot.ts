import { verifyDetached, type PublicSigningKey } from '../signing';
import { GRANT_SIGNATURE_TYPE, signedGrantContent } from './signGrantSnapshot';
import type { GrantSnapshot } from './types';

/** What a follower may do with a snapshot it read: put it in force (if newer), or refuse it saying why. */
export type GrantSnapshotCheck = { kind: 'accepted' } | { kind: 'refused'; problem: string };

/**
 * A snapshot is accepted when the catalog signed it — its `signature` is a detached compact
 * JWS (`signGrantSnapshot`) that verifies, with EdDSA only, under the catalog's public key,
 * over the content rebuilt from the snapshot's own fields — and it is not older than the
 * version in force: a version once put in force is never replaced by an older one, signed
 * or not (a replay would bring back revoked grants). Only "nothing published yet" (version 0,
 * no grants) needs no signature: it grants nothing.
 */
export async function verifyGrantSnapshot(snapshot: GrantSnapshot, key: PublicSigningKey, versionInForce: number): Promise<GrantSnapshotCheck> {
  const refuse = (why: string): GrantSnapshotCheck => ({ kind: 'refused', problem: `The grants of published version ${snapshot.version} were not put in force: ${why}` });
  const nothingPublished = snapshot.version === 0 && snapshot.grants.length === 0 && snapshot.signature === undefined;
  if (!nothingPublished) {
    const notSigned = (why: string) => refuse(`the snapshot is not signed by the catalog's key ${key.keyId} (${why})`);
    if (snapshot.signature === undefined) return notSigned('it carries no signature: only the catalog publishes grants, signed with its grant signing key');
    const check = await verifyDetached(snapshot.signature, signedGrantContent(snapshot), key, GRANT_SIGNATURE_TYPE);
    if (check.kind === 'refused') return notSigned(check.why);
  }
  if (snapshot.version < versionInForce) {
    return refuse(
      `version ${versionInForce} is in force and an older version is never put back (a replayed snapshot). If the grant store was emptied, restart the gateways and departments`,
    );
  }
  return { kind: 'accepted' };
}
