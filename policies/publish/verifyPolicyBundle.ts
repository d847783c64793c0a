import type { PolicyBundle } from './PolicyBundle';
import type { PolicyPublicKey } from './policySigningKeys';
import { POLICY_SIGNATURE_TYPE, signedPolicyContent } from './signPolicyBundle';
import { verifyDetached } from '../signing';

/** Signed by the publisher's key (its id), or refused saying why. */
export type PolicySignatureCheck = { kind: 'signed'; keyId: string } | { kind: 'refused'; problem: string };

/**
 * A bundle is signed when its `signature` is a detached compact JWS (`signPolicyBundle`)
 * that verifies, with EdDSA only, under the publisher's public key, over the content rebuilt
 * from the bundle's own fields. Checked before any of its files is parsed.
 */
export async function verifyPolicyBundle(bundle: PolicyBundle, key: PolicyPublicKey): Promise<PolicySignatureCheck> {
  const refuse = (why: string): PolicySignatureCheck => ({
    kind: 'refused',
    problem: `The policies of published version ${bundle.version} were not loaded: the bundle is not signed by the policy publisher's key ${key.keyId} (${why})`,
  });
  if (bundle.signature === null) return refuse('it carries no signature: only `govgraph policy publish` with the signing key makes bundles instances load');
  const check = await verifyDetached(bundle.signature, signedPolicyContent(bundle), key, POLICY_SIGNATURE_TYPE);
  return check.kind === 'signed' ? { kind: 'signed', keyId: key.keyId } : refuse(check.why);
}
