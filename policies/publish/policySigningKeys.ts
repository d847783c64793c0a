import {
  loadOrCreateSigningKey,
  loadPublicKey,
  type LoadPublicKeyOptions,
  type LoadSigningKeyOptions,
  type PublicSigningKey,
  type SigningKey,
  type SigningKeyRole,
} from '../signing';

/**
 * The key pair published policy bundles are signed with (Ed25519). The publisher
 * (`govgraph policy publish`) holds the private key; every instance following a policy store
 * holds only the public key, and loads nothing it does not verify.
 */
export const POLICY_SIGNING_JWK_ENV = 'GOVGRAPH_POLICY_SIGNING_JWK';
export const POLICY_PUBLIC_JWK_ENV = 'GOVGRAPH_POLICY_PUBLIC_JWK';
export const POLICY_SIGNING_PRIVATE_FILE = 'policy-signing.private.jwk.json';
export const POLICY_SIGNING_PUBLIC_FILE = 'policy-signing.public.jwk.json';

const POLICY_KEYS: SigningKeyRole = {
  signer: 'policy publisher',
  name: 'policy signing key',
  privateEnv: POLICY_SIGNING_JWK_ENV,
  publicEnv: POLICY_PUBLIC_JWK_ENV,
  privateFile: POLICY_SIGNING_PRIVATE_FILE,
  publicFile: POLICY_SIGNING_PUBLIC_FILE,
  publicOption: "the policy store's publicKey option",
  createdBy: '`npm start` and `govgraph policy publish` create',
  withoutIt: 'no published policy bundle can be verified, so none would ever load',
};

export type PolicyPublicKey = PublicSigningKey;
export type PolicySigningKey = SigningKey;

/**
 * The publisher's key: `GOVGRAPH_POLICY_SIGNING_JWK` (JSON), else `<dir>/policy-signing.private.jwk.json`,
 * else (with `create`) a new pair written there, the private file readable by its owner only.
 */
export function loadOrCreatePolicySigningKey(options: LoadSigningKeyOptions): PolicySigningKey {
  return loadOrCreateSigningKey(POLICY_KEYS, options);
}

/**
 * The key an instance verifies published bundles with: `jwk`, else `GOVGRAPH_POLICY_PUBLIC_JWK`
 * (JSON), else `<dir>/policy-signing.public.jwk.json`. None → an error saying how to provide one:
 * an instance never follows a policy store it cannot check.
 */
export function loadPolicyPublicKey(options: LoadPublicKeyOptions): PolicyPublicKey {
  return loadPublicKey(POLICY_KEYS, options);
}
