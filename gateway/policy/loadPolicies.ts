import { loadPolicySet, POLICIES_DIR, type PolicySet } from '../../policies';

/** The `policies` option of `startGateway`: a loaded set, or the directory of policy files to load. */
export type PoliciesOption = PolicySet | { dir: string };

export function isPolicySet(option: PoliciesOption): option is PolicySet {
  return typeof (option as PolicySet).decide === 'function';
}

/**
 * The policy set the gateway starts with, checked against the supergraph it serves
 * (default: the policy files in `policies/`). Policies that do not load stop start-up;
 * the engine's error lists every problem as `file:line: message`.
 */
export function loadPolicies(option: PoliciesOption | undefined, supergraphSdl: string): PolicySet {
  if (option && isPolicySet(option)) return option;
  return loadPolicySet({ dir: option?.dir ?? POLICIES_DIR, supergraphSdl });
}
