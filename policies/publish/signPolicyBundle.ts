import type { UnsignedPolicyBundle } from './PolicyBundle';
import type { PolicySigningKey } from './policySigningKeys';
import { signDetached } from '../signing';

/** The `typ` of a bundle's signature header: a signature made for something else is not one. */
export const POLICY_SIGNATURE_TYPE = 'govgraph-policy+jws';

/**
 * The bytes a bundle's signature covers: its version, hash, previous hash, publisher, time
 * and files, as JSON in this fixed order. Verifiers rebuild them from the stored fields, so a
 * change to any of them — a file's text, the version it claims, who published it — breaks the
 * signature, and nothing depends on how the JSON was stored.
 */
export function signedPolicyContent(bundle: UnsignedPolicyBundle): Uint8Array {
  const { version, hash, previousHash, publishedBy, publishedAt, files } = bundle;
  return Buffer.from(JSON.stringify({ version, hash, previousHash, publishedBy, publishedAt, files: files.map(({ file, text }) => ({ file, text })) }));
}

/**
 * Signs a bundle: a detached compact JWS (`signDetached`, EdDSA, our `typ`, the key id) over
 * `signedPolicyContent(bundle)`, stored in the bundle's `signature` field beside the content it signs.
 */
export function signPolicyBundle(bundle: UnsignedPolicyBundle, key: PolicySigningKey): Promise<string> {
  return signDetached(signedPolicyContent(bundle), key, POLICY_SIGNATURE_TYPE);
}
