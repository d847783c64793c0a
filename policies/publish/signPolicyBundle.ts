import { CompactSign } from 'jose';
import type { UnsignedPolicyBundle } from './PolicyBundle';
import type { PolicySigningKey } from './policySigningKeys';

/** The `typ` of a bundle's signature header: a signature made for something else is not one. */
export const POLICY_SIGNATURE_TYPE = 'govgraph-policy+jws';
export const POLICY_SIGNATURE_ALG = 'EdDSA';

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
 * Signs a bundle: a compact JWS (RFC 7515) with a detached payload, `header..signature`
 * (Appendix F), the payload being `signedPolicyContent(bundle)`. The header names the
 * algorithm (EdDSA), our `typ` and the key id (the public key's JWK thumbprint); it is
 * signed too. Stored in the bundle's `signature` field, beside the content it signs.
 */
export async function signPolicyBundle(bundle: UnsignedPolicyBundle, key: PolicySigningKey): Promise<string> {
  const jws = await new CompactSign(signedPolicyContent(bundle)).setProtectedHeader({ alg: POLICY_SIGNATURE_ALG, typ: POLICY_SIGNATURE_TYPE, kid: key.keyId }).sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}
