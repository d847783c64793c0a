import {
  loadOrCreateSigningKey,
  loadPublicKey,
  type LoadPublicKeyOptions,
  type LoadSigningKeyOptions,
  type PublicSigningKey,
  type SigningKey,
  type SigningKeyRole,
} from '../../../policies';

/**
 * The key pair write-back events are signed with (Ed25519). The service platform holds the
 * private key and signs every event it sends; each owning department holds only the public
 * key and applies no event it does not verify: whoever can write the stream (Redis) or reach
 * a department's port cannot write into its records.
 */
export const WRITE_BACK_SIGNING_JWK_ENV = 'GOVGRAPH_WRITE_BACK_SIGNING_JWK';
export const WRITE_BACK_PUBLIC_JWK_ENV = 'GOVGRAPH_WRITE_BACK_PUBLIC_JWK';
export const WRITE_BACK_PUBLIC_FILE = 'write-back-signing.public.jwk.json';

const WRITE_BACK_KEYS: SigningKeyRole = {
  signer: 'service platform',
  name: 'write-back signing key',
  privateEnv: WRITE_BACK_SIGNING_JWK_ENV,
  publicEnv: WRITE_BACK_PUBLIC_JWK_ENV,
  privateFile: 'write-back-signing.private.jwk.json',
  publicFile: WRITE_BACK_PUBLIC_FILE,
  publicOption: "the write-backs' publicKey option",
  createdBy: '`npm start` and the services department create',
  withoutIt: 'no write-back event can be verified, so none would ever be applied',
};

/** The service platform's key: `jwk`, else the variable, else the development file (created with `create`, never in production). */
export function loadOrCreateWriteBackSigningKey(options: LoadSigningKeyOptions): SigningKey {
  return loadOrCreateSigningKey(WRITE_BACK_KEYS, options);
}

/** The key an owning department verifies events with; none → an error saying how to give it. */
export function loadWriteBackPublicKey(options: LoadPublicKeyOptions): PublicSigningKey {
  return loadPublicKey(WRITE_BACK_KEYS, options);
}
