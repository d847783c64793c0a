/** Access grants: their shape, and the stores they are published to and followed from. */
export type { AccessGrant, GrantSnapshot, GrantStore } from './types';
export { FileGrantStore, type FileGrantStoreOptions } from './FileGrantStore';
export { RedisGrantStore, DEFAULT_GRANTS_KEY, type RedisGrantStoreOptions } from './RedisGrantStore';
export { grantStoreFrom, grantStoreSettingsFromEnv, type GrantStoreSettings } from './grantStoreFrom';
export { parseGrantSnapshot, EMPTY_SNAPSHOT } from './parseGrantSnapshot';
export { GrantIndex, type ApplicableGrants } from './GrantIndex';
export { withGrants } from './withGrants';
export { caseRequiredHint } from './caseRequiredHint';
export { effectivePolicies } from './effectivePolicies';
export { followGrants, type GrantFollow, type GrantHealth } from './followGrants';
