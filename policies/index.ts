/**
 * The policy engine: parse → validate → compile → decide, and the masks. The gateway, the
 * subgraph kit, the CLI and schema/ enter policies/ here, or through the grants/ and masks/
 * indexes; engine/, publish/ and signing/ are its insides.
 */
import path from 'node:path';

export * from './engine/types';
export { checkPolicies, type PolicyFilesSource, type PolicySource } from './engine/checkPolicies';
export { nonNullDenials } from './engine/nonNullDenials';
export { placeholderDescriptions } from './engine/placeholderDescriptions';
export { readDeclaredPurposes } from './engine/readDeclaredPurposes';
export { scaffoldPolicies, SCAFFOLD_DESCRIPTION, type ScaffoldOptions } from './engine/scaffoldPolicies';
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
// How aggregate figures are published (each department file's `statistics:` section).
export { combineStatistics, DEFAULT_STATISTICS } from './engine/resolveStatistics';
export { applyMask, MASK_NAMES, maskAddress, maskIdNumber, maskName, maskPhone, type MaskName } from './masks';

// The officers' tools (policy explain, diff, matrix, publish) and the catalog: policy files read
// from anywhere, loaded without throwing, and the reader classes and decisions described.
export { readPolicyDir, type PolicyFileText } from './engine/readPolicyDir';
export { gitTopLevel, isGitRevision, readPolicyRevision } from './engine/readPolicyRevision';
export { readSupergraph, type SupergraphFacts } from './engine/readSupergraph';
export { loadPolicyFiles, type LoadedPolicies, type PolicyFiles } from './engine/loadPolicyFiles';
export type { Decider } from './engine/createDecider';
export { parseVocabulary } from './engine/parseVocabulary';
export { PLATFORM_DEPARTMENT, VOCABULARY_FILE } from './engine/model';
export { allReaderClasses, describeProfile, profileReader, readerOf, unionOfNames, vocabularyNames, type ReaderClass, type VocabularyNames } from './engine/readerClasses';
export { collapseReaderClasses, describeReaderGroup } from './engine/collapseReaderClasses';
export { parseReaderSpec, READER_SPEC_FORMAT, ReaderSpecError, UNSPECIFIED_SUB } from './engine/readerSpec';
export { effectiveAccess, formatAccess, formatEffectiveAccess, type EffectiveAccess } from './engine/effectiveAccess';
export { formatCacheHint } from './engine/formatCacheHint';
export { suggest } from './engine/suggest';
export { accessMatrix, describeCell, type AccessMatrix, type MatrixCell } from './engine/accessMatrix';
export { CHANGE_KINDS, diffPolicies, WIDENING, type AccessChange, type ChangeKind, type PolicyDiff } from './engine/diffPolicies';
export { CHANGE_LABELS, describeWriteChange } from './engine/changeLabels';
// The schema clients query, for explaining an operation before it is sent (policy explain, the catalog).
export { apiSchemaOf } from './engine/apiSchemaOf';
// Write rules: who may write which field of a department's records, on which write-back event.
export type { CompiledWrites } from './engine/compileWriteRules';
export { checkWriteBacks, type WriteBackSource } from './engine/checkWriteBacks';
export { describeWriteRule, listWriteRules, type WriteRuleRow } from './engine/listWriteRules';
export { diffWrites, type WriteChange } from './engine/diffWrites';
export {
  keysDirOf,
  loadOrCreateSigningKey,
  loadPublicKey,
  signDetached,
  verifyDetached,
  type DetachedSignatureCheck,
  type LoadPublicKeyOptions,
  type LoadSigningKeyOptions,
  type PublicSigningKey,
  type SigningKey,
  type SigningKeyRole,
} from './signing';

/** The directory of the policy files shipped with govgraph (this folder). */
export const POLICIES_DIR: string = path.resolve(__dirname);
