import { compactVerify, decodeProtectedHeader, errors } from 'jose';
import type { PolicyBundle } from './PolicyBundle';
import type { PolicyPublicKey } from './policySigningKeys';
import { POLICY_SIGNATURE_ALG, POLICY_SIGNATURE_TYPE, signedPolicyContent } from './signPolicyBundle';

/** Signed by the publisher's key (its id), or refused saying why. */
export type PolicySignatureCheck = { kind: 'signed'; keyId: string } | { kind: 'refused'; problem: string };

/** A JWK thumbprint as `policyKeyId` makes it: shown in messages; anything else in a header is not repeated. */
const KEY_ID = /^[A-Za-z0-9_-]{43}$/;

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
  const parts = bundle.signature.split('.');
  if (parts.length !== 3 || parts[1] !== '') return refuse('its signature is not a detached JWS, header..signature');
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(bundle.signature).kid;
  } catch {
    return refuse('its signature header is not readable');
  }
  const signedBy = typeof kid === 'string' && KEY_ID.test(kid) ? kid : undefined;
  const jws = `${parts[0]}.${Buffer.from(signedPolicyContent(bundle)).toString('base64url')}.${parts[2]}`;
  try {
    const { protectedHeader } = await compactVerify(jws, key.publicKey, { algorithms: [POLICY_SIGNATURE_ALG] });
    if (protectedHeader.typ !== POLICY_SIGNATURE_TYPE) return refuse(`its signature is of type ${JSON.stringify(protectedHeader.typ ?? null)}, not ${POLICY_SIGNATURE_TYPE}`);
    return { kind: 'signed', keyId: key.keyId };
  } catch (error) {
    if (error instanceof errors.JOSEAlgNotAllowed) return refuse(`it is signed with an algorithm other than ${POLICY_SIGNATURE_ALG}`);
    if (!(error instanceof errors.JWSSignatureVerificationFailed)) return refuse('its signature is not a JWS that can be checked');
    // Ed25519 cannot tell a foreign key from altered content; the signed key id can.
    if (signedBy !== key.keyId) return refuse(signedBy ? `it is signed by another key, ${signedBy}` : 'it is signed by another key');
    return refuse('its content does not match its signature: changed after it was signed');
  }
}
