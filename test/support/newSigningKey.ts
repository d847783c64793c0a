import { createPrivateKey } from 'node:crypto';
import type { JWK } from 'jose';
import { generateSigningKeys, signingKeyOf, type SigningKey } from '../../policies/signing';

/** A signing key of the test's own (a policy publisher's, the catalog's), and its halves as JWKs, as instances and signers are given them. */
export function newSigningKey(): { key: SigningKey; publicJwk: JWK; privateJwk: JWK } {
  const { privateJwk, publicJwk } = generateSigningKeys();
  return { key: signingKeyOf(createPrivateKey({ key: privateJwk as never, format: 'jwk' })), publicJwk, privateJwk };
}
