import type { JWK } from 'jose';
import { generatePolicySigningKeys, loadOrCreatePolicySigningKey, POLICY_SIGNING_JWK_ENV, type PolicySigningKey } from '../../policies';

/** A policy signing key of the test's own, and its public half as instances are given it. */
export function newPolicySigningKey(): { key: PolicySigningKey; publicJwk: JWK } {
  const { privateJwk, publicJwk } = generatePolicySigningKeys();
  return { key: loadOrCreatePolicySigningKey({ env: { [POLICY_SIGNING_JWK_ENV]: JSON.stringify(privateJwk) }, create: false }), publicJwk };
}
