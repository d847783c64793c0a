/**
 * The policy engine: parse → validate → compile → decide, and the masks. The gateway, the
 * subgraph kit and the CLI use this module only; engine/ and masks/ are its insides.
 */
import path from 'node:path';

export * from './engine/types';
export { checkPolicies, type PolicySource } from './engine/checkPolicies';
export { loadPolicySet } from './engine/loadPolicySet';
export { watchPolicyDir, type PolicyWatch, type WatchPolicyDirOptions } from './engine/watchPolicyDir';
export { PolicyLoadError } from './engine/PolicyLoadError';
export { UPDATE_CYCLES } from './engine/model';
export { applyMask, MASK_NAMES, maskAddress, maskIdNumber, maskName, maskPhone } from './masks';

/** The directory of the policy files shipped with govgraph (this folder). */
export const POLICIES_DIR: string = path.resolve(__dirname);
