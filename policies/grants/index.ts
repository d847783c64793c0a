/** Access grants: their shape, the stores they are published to and followed from, and the catalog's signature over them. */
export type { AccessGrant, GrantSnapshot, GrantStore } from './types';
export type { PublicSigningKey, SigningKey } from '../signing';
export { FileGrantStore, type FileGrantStoreOptions } from './FileGrantStore';
export { RedisGrantStore, DEFAULT_GRANTS_KEY, type RedisGrantStoreOptions } from './RedisGrantStore';
export { grantKeysDir, grantStoreFrom, grantStoreSettingsFromEnv, type GrantStoreSettings } from './grantStoreFrom';
export { parseGrantSnapshot, EMPTY_SNAPSHOT } from './parseGrantSnapshot';
export { GRANT_PUBLIC_FILE, GRANT_PUBLIC_JWK_ENV, GRANT_SIGNING_JWK_ENV, loadGrantPublicKey, loadOrCreateGrantSigningKey } from './grantSigningKeys';
export { signGrantSnapshot, signedGrantContent, GRANT_SIGNATURE_TYPE } from './signGrantSnapshot';
export { verifyGrantSnapshot, type GrantSnapshotCheck } from './verifyGrantSnapshot';
export { GrantSnapshotRefused } from './GrantSnapshotRefused';
export { GrantIndex, type ApplicableGrants } from './GrantIndex';
export { withGrants } from './withGrants';
export { caseRequiredHint } from './caseRequiredHint';
export { effectivePolicies } from './effectivePolicies';
export { followGrants, type GrantFollow, type GrantHealth } from './followGrants';
