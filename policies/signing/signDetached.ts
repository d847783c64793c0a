import { CompactSign } from 'jose';
import type { SigningKey } from './signingKeys';

/** The only algorithm signatures are made and checked with. */
export const SIGNATURE_ALG = 'EdDSA';

/**
 * Signs `content`: a compact JWS (RFC 7515) with a detached payload, `header..signature`
 * (Appendix F). The header names the algorithm (EdDSA), `typ` (what the signature is for: one
 * made for something else is not one) and the key id (the public key's JWK thumbprint); it is
 * signed too. Verifiers rebuild `content` from what is stored beside the signature.
 */
export async function signDetached(content: Uint8Array, key: SigningKey, typ: string): Promise<string> {
  const jws = await new CompactSign(content).setProtectedHeader({ alg: SIGNATURE_ALG, typ, kid: key.keyId }).sign(key.privateKey);
  const [header, , signature] = jws.split('.');
  return `${header}..${signature}`;
}
