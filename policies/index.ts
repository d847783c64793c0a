/**
 * The policy engine: parse → validate → compile → decide, and the masks. The gateway, the
 * subgraph kit and the CLI use this module only; engine/ and masks/ are its insides.
 */
import path from 'node:path';

export * from './engine/types';
export { checkPolicies, type PolicySource } from './engine/checkPolicies';
export { nonNullDenials } from './engine/nonNullDenials';
export { placeholderDescriptions } from './engine/placeholderDescriptions';
export { readDeclaredPurposes } from './engine/readDeclaredPurposes';
export { scaffoldPolicies, SCAFFOLD_DESCRIPTION, type ScaffoldOptions } from './engine/scaffoldPolicies';
export type { PolicyFileText } from './engine/readPolicyDir';
export { loadPolicySet } from './engine/loadPolicySet';
export { watchPolicyDir, type PolicyWatch, type WatchPolicyDirOptions } from './engine/watchPolicyDir';
export { PolicyLoadError } from './engine/PolicyLoadError';
// Publishing through Redis: the store, the publisher's check, and how instances follow it.
export { RedisPolicyStore, DEFAULT_POLICY_STORE_PREFIX, policyStoreKeys, type PolicyStoreKeys, type PublishOutcome } from './publish/RedisPolicyStore';
export { MalformedPolicyBundle, parsePolicyBundle, type PolicyBundle, type PolicyHistoryEntry, type UnsignedPolicyBundle } from './publish/PolicyBundle';
export {
  loadOrCreatePolicySigningKey,
  loadPolicyPublicKey,
  POLICY_PUBLIC_JWK_ENV,
  POLICY_SIGNING_JWK_ENV,
  POLICY_SIGNING_PRIVATE_FILE,
  POLICY_SIGNING_PUBLIC_FILE,
  type PolicyPublicKey,
  type PolicySigningKey,
} from './publish/policySigningKeys';
export { signPolicyBundle, signedPolicyContent, POLICY_SIGNATURE_TYPE } from './publish/signPolicyBundle';
export { verifyPolicyBundle, type PolicySignatureCheck } from './publish/verifyPolicyBundle';
export type { PolicyChange, PolicyHealth } from './publish/PolicyChange';
export { checkFollowedPolicyStore, checkPolicyStoreOption, describeRedisUrl, policyStoreFromEnv, type PolicyStoreOption } from './publish/PolicyStoreOption';
export { loadPolicyBundle } from './publish/loadPolicyBundle';
export { publishPolicies, PolicyStoreUnavailable, type PublishResult } from './publish/publishPolicies';
export { followPublishedPolicies, type PublishedPolicyFollow } from './publish/followPublishedPolicies';
export { followPolicies, type FollowPoliciesOptions, type PolicyFollow } from './publish/followPolicies';
export { UPDATE_CYCLES } from './engine/model';
export { applyMask, MASK_NAMES, maskAddress, maskIdNumber, maskName, maskPhone } from './masks';

/** The directory of the policy files shipped with govgraph (this folder). */
export const POLICIES_DIR: string = path.resolve(__dirname);
