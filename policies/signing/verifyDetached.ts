import { compactVerify, decodeProtectedHeader, errors } from 'jose';
import { SIGNATURE_ALG } from './signDetached';
import type { PublicSigningKey } from './signingKeys';

/** Signed by the key, or refused saying why (a clause: "it is signed by another key, …"). */
export type DetachedSignatureCheck = { kind: 'signed' } | { kind: 'refused'; why: string };

/** A JWK thumbprint as `signingKeyId` makes it: shown in messages; anything else in a header is not repeated. */
const KEY_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * A signature is good when it is a detached compact JWS (`signDetached`) of type `typ` that
 * verifies, with EdDSA only, under `key`, over `content` as the verifier rebuilt it.
 */
export async function verifyDetached(signature: string, content: Uint8Array, key: PublicSigningKey, typ: string): Promise<DetachedSignatureCheck> {
  const refuse = (why: string): DetachedSignatureCheck => ({ kind: 'refused', why });
  const parts = signature.split('.');
  if (parts.length !== 3 || parts[1] !== '') return refuse('its signature is not a detached JWS, header..signature');
  let kid: unknown;
  try {
    kid = decodeProtectedHeader(signature).kid;
  } catch {
    return refuse('its signature header is not readable');
  }
  const signedBy = typeof kid === 'string' && KEY_ID.test(kid) ? kid : undefined;
  const jws = `${parts[0]}.${Buffer.from(content).toString('base64url')}.${parts[2]}`;
  try {
    const { protectedHeader } = await compactVerify(jws, key.publicKey, { algorithms: [SIGNATURE_ALG] });
    if (protectedHeader.typ !== typ) return refuse(`its signature is of type ${JSON.stringify(protectedHeader.typ ?? null)}, not ${typ}`);
    return { kind: 'signed' };
  } catch (error) {
    if (error instanceof errors.JOSEAlgNotAllowed) return refuse(`it is signed with an algorithm other than ${SIGNATURE_ALG}`);
    if (!(error instanceof errors.JWSSignatureVerificationFailed)) return refuse('its signature is not a JWS that can be checked');
    // Ed25519 cannot tell a foreign key from altered content; the signed key id can.
    if (signedBy !== key.keyId) return refuse(signedBy ? `it is signed by another key, ${signedBy}` : 'it is signed by another key');
    return refuse('its content does not match its signature: changed after it was signed');
  }
}
