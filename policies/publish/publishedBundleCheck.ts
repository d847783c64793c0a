import type { PolicySet } from '../engine/types';
import type { SnapshotVerdict } from '../follow';
import { loadPolicyBundle } from './loadPolicyBundle';
import { MalformedPolicyBundle, parsePolicyBundle, type PolicyBundle } from './PolicyBundle';
import type { PolicyPublicKey } from './policySigningKeys';
import { verifyPolicyBundle } from './verifyPolicyBundle';

/** A published bundle that may take effect: the bundle, the set it loads as, and the id of the key its signature was verified with. */
export interface PublishedPolicies {
  bundle: PolicyBundle;
  policies: PolicySet;
  keyId: string;
}

/**
 * How a follower of the policy store checks what it holds (`followSignedSnapshots`): parsed;
 * then the signature, so that nothing of a bundle the publisher did not sign is even loaded;
 * then its version, since a version once signed stays signed and putting an older one back
 * (a replay) must be refused; then loaded against this instance's supergraph and its own hash.
 */
export function publishedBundleCheck(
  publicKey: PolicyPublicKey,
  supergraphSdl: () => string,
): (text: string | null, inForce: number | null) => Promise<SnapshotVerdict<PublishedPolicies>> {
  return async (text, inForce) => {
    if (text === null) return { kind: 'empty' };
    let bundle: PolicyBundle;
    try {
      bundle = parsePolicyBundle(text);
    } catch (error) {
      if (error instanceof MalformedPolicyBundle) return { kind: 'refused', problem: error.message };
      throw error;
    }
    const refused = (problem: string): SnapshotVerdict<PublishedPolicies> => ({ kind: 'refused', problem, version: bundle.version });
    const signed = await verifyPolicyBundle(bundle, publicKey);
    if (signed.kind === 'refused') return refused(signed.problem);
    if (inForce !== null && bundle.version < inForce) {
      return refused(
        `The policies of published version ${bundle.version} were not loaded: version ${inForce} is in force and an older version is never put back (a replayed bundle); to return to older policies, publish their files as a new version. If the store was emptied, restart the instances.`,
      );
    }
    const loaded = loadPolicyBundle(bundle, supergraphSdl());
    if (!loaded.policies) return refused(loaded.problems);
    return { kind: 'accepted', snapshot: { bundle, policies: loaded.policies, keyId: signed.keyId }, version: bundle.version };
  };
}
