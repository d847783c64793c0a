import { POLICIES_DIR, readDeclaredPurposes } from '../../policies';
import { isPolicySet, type PoliciesOption } from './loadPolicies';

/**
 * With the policies switched off (`GOVGRAPH_POLICIES=off`, benchmarks) nothing is decided and
 * no rule is read, so the rules need not cover the supergraph; a request's `X-Purpose` is still
 * checked before it is recorded: against a given set's purposes, else those the policy
 * folder's vocabulary declares (default `policies/`), else none.
 */
export function unenforcedPurposes(option: PoliciesOption | undefined): readonly string[] {
  if (option && isPolicySet(option)) return option.purposes;
  return readDeclaredPurposes(option?.dir ?? POLICIES_DIR);
}
