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
 * The key pair grant snapshots are signed with (Ed25519). The catalog holds the private key
 * and signs every snapshot it publishes; every gateway and department holds only the public
 * key and puts in force no grant it does not verify: whoever can write the grant store (the
 * file, the Redis key) cannot grant anything.
 */
export const GRANT_SIGNING_JWK_ENV = 'GOVGRAPH_GRANT_SIGNING_JWK';
export const GRANT_PUBLIC_JWK_ENV = 'GOVGRAPH_GRANT_PUBLIC_JWK';
/** The public half's file name in a keys folder. */
export const GRANT_PUBLIC_FILE = 'grant-signing.public.jwk.json';

/** The development pair is `grant-signing.private.jwk.json` and `grant-signing.public.jwk.json` in `<data dir>/keys`. */
const GRANT_KEYS: SigningKeyRole = {
  signer: 'catalog',
  name: 'grant signing key',
  privateEnv: GRANT_SIGNING_JWK_ENV,
  publicEnv: GRANT_PUBLIC_JWK_ENV,
  privateFile: 'grant-signing.private.jwk.json',
  publicFile: GRANT_PUBLIC_FILE,
  publicOption: "the grants' publicKey option",
  createdBy: '`npm start` and the catalog create',
  withoutIt: 'no published access grant can be verified, so none would ever apply',
};

/**
 * The catalog's key: `jwk`, else `GOVGRAPH_GRANT_SIGNING_JWK` (JSON), else
 * `<dir>/grant-signing.private.jwk.json`, else (with `create`: development only) a new pair
 * written there, its public half beside it.
 */
export function loadOrCreateGrantSigningKey(options: LoadSigningKeyOptions): SigningKey {
  return loadOrCreateSigningKey(GRANT_KEYS, options);
}

/**
 * The key a gateway or department verifies grant snapshots with: `jwk`, else
 * `GOVGRAPH_GRANT_PUBLIC_JWK` (JSON), else `<dir>/grant-signing.public.jwk.json`. None → an
 * error naming both: an instance never follows a grant store it cannot check.
 */
export function loadGrantPublicKey(options: LoadPublicKeyOptions): PublicSigningKey {
  return loadPublicKey(GRANT_KEYS, options);
}
