/** Ed25519 signatures over what one party publishes for every instance to follow: the keys, signing, verifying. */
export {
  generateSigningKeys,
  keysDirOf,
  loadOrCreateSigningKey,
  loadPublicKey,
  signingKeyId,
  signingKeyOf,
  type LoadPublicKeyOptions,
  type LoadSigningKeyOptions,
  type PublicSigningKey,
  type SigningKey,
  type SigningKeyRole,
} from './signingKeys';
export { signDetached, SIGNATURE_ALG } from './signDetached';
export { verifyDetached, type DetachedSignatureCheck } from './verifyDetached';
